import type { Document } from 'bson'
import { project } from '../mingo-options.js'
import type { Collection } from '../collection.js'
import { CommandError } from '../errors.js'
import { parseSort, sortDocs } from '../sort.js'
import { cloneDoc, valueKey, valuesAtPath } from '../values.js'
import { collName, type Context, type Handler, optDoc, optInt } from './context.js'
import { checkFilter, checkHint, letVariables } from './statement.js'

export interface ReadOptions { filter?: Document, sort?: Document, skip?: number, limit?: number, projection?: Document, vars?: Document, hint?: unknown }

/** filter → sort → skip → limit → projection, as a find does. */
export function query (coll: Collection | undefined, opts: ReadOptions): Document[] {
  checkHint(coll, opts.hint)
  if (coll === undefined) {
    checkFilter(opts.filter, opts.vars)
    return []
  }
  const skip = opts.skip ?? 0
  const limit = opts.limit ?? 0
  if (skip < 0) throw new CommandError('BadValue', 'skip value must be non-negative')
  const sort = parseSort(opts.sort)
  const walked = limit > 0 && sort.length > 0 ? coll.matchSortedByIndex(opts.filter ?? {}, sort, skip + limit, opts.vars) : undefined
  let docs = walked !== undefined && sort.length === 1 ? walked : sortDocs(walked ?? coll.match(opts.filter ?? {}, opts.vars), opts.sort)
  if (skip > 0 || limit > 0) docs = docs.slice(skip, limit > 0 ? skip + limit : undefined)
  if (opts.projection !== undefined && Object.keys(opts.projection).length > 0) {
    const pick = topLevelProjection(opts.projection)
    // mingo's projection can modify nested objects in place: give it copies.
    docs = pick !== undefined ? docs.map(pick) : project(docs.map(cloneDoc), opts.projection, opts.vars) as Document[]
  }
  return docs
}

const flag = (v: unknown): boolean | undefined => v === 1 || v === true ? true : v === 0 || v === false ? false : undefined

/**
 * A projection that only includes (or only excludes) top-level fields, as the API's
 * `{ name: 1 }` or `{ _id: 0 }`: picks the fields in document order without copying the
 * document. Stored documents are never changed in place (updates replace them), so the
 * result may share their nested values. Undefined for anything else (mingo projects).
 */
function topLevelProjection (spec: Document): ((doc: Document) => Document) | undefined {
  let include: boolean | undefined
  let keepId = true
  const fields = new Set<string>()
  for (const [field, v] of Object.entries(spec)) {
    const on = flag(v)
    if (on === undefined || field.includes('.') || field.startsWith('$')) return undefined
    if (field === '_id') { keepId = on; continue }
    if (include !== undefined && include !== on) return undefined
    include = on
    fields.add(field)
  }
  // `{ _id: 1 }` alone keeps only _id; `{ _id: 0 }` alone keeps everything else.
  const keep = (include ?? keepId)
    ? (k: string): boolean => k === '_id' ? keepId : fields.has(k)
    : (k: string): boolean => k === '_id' ? keepId : !fields.has(k)
  return doc => {
    const out: Document = {}
    for (const k of Object.keys(doc)) if (keep(k)) out[k] = doc[k]
    return out
  }
}

const findCmd: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'find')
  let limit = optInt(cmd, 'limit')
  let singleBatch = cmd.singleBatch === true
  if (limit < 0) { limit = -limit; singleBatch = true }
  const docs = query(ctx.store.get(ctx.db, name), {
    filter: optDoc(cmd, 'filter'),
    sort: optDoc(cmd, 'sort'),
    skip: optInt(cmd, 'skip'),
    limit,
    projection: optDoc(cmd, 'projection'),
    vars: letVariables(cmd.let),
    hint: cmd.hint
  })
  return ctx.cursors.first(`${ctx.db}.${name}`, docs, cmd.batchSize, singleBatch)
}

const count: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'count')
  const skip = optInt(cmd, 'skip')
  if (skip < 0) throw new CommandError('BadValue', 'skip value must be non-negative')
  const limit = Math.abs(optInt(cmd, 'limit'))
  const coll = ctx.store.get(ctx.db, name)
  const filter = optDoc(cmd, 'query') ?? {}
  checkHint(coll, cmd.hint)
  checkFilter(filter)
  const total = coll?.count(filter) ?? 0
  return { n: Math.min(Math.max(0, total - skip), limit > 0 ? limit : Infinity), ok: 1 }
}

const distinct: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'distinct')
  const key = cmd.key
  if (typeof key !== 'string') throw new CommandError('TypeMismatch', 'BSON field \'distinct.key\' is missing or not a string')
  const seen = new Map<string, unknown>()
  for (const doc of query(ctx.store.get(ctx.db, name), { filter: optDoc(cmd, 'query') })) {
    for (const v of valuesAtPath(doc, key)) {
      if (v !== undefined && !seen.has(valueKey(v))) seen.set(valueKey(v), v)
    }
  }
  return { values: sortDocs([...seen.values()].map(v => ({ v })), { v: 1 }).map(d => d.v), ok: 1 }
}

export const readCommands: Record<string, Handler> = {
  find: findCmd,
  getMore: (cmd: Document, ctx: Context) => ctx.cursors.more(cmd.getMore, collName(cmd, 'collection'), ctx.db, cmd.batchSize),
  killCursors: (cmd, ctx) => ctx.cursors.kill(Array.isArray(cmd.cursors) ? cmd.cursors : []),
  count,
  distinct
}
