import type { Document } from 'bson'
import type { Collection } from '../collection.js'
import { CommandError, toCommandError } from '../errors.js'
import { isPlainObject, sameValue } from '../values.js'
import { collName, type Context, type Handler, optArray } from './context.js'
import { applyUpdate, upsertDocument } from './modify.js'
import { checkFilter, checkHint, letVariables } from './statement.js'

/** Runs each statement; ordered batches stop at the first failure, unordered ones carry on. */
function eachStatement (cmd: Document, field: string, run: (stmt: unknown, i: number) => void): Document[] {
  const ordered = cmd.ordered !== false
  const errors: Document[] = []
  optArray(cmd, field).forEach((stmt, i) => {
    if (ordered && errors.length > 0) return
    try { run(stmt, i) } catch (err) { errors.push(toCommandError(err).toWriteError(i)) }
  })
  return errors
}

function withErrors (reply: Document, writeErrors: Document[]): Document {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors
  reply.ok = 1
  return reply
}

/** `$`-prefixed field names are stored as given: MongoDB 5.0+ allows them in inserted documents. */
export function insertDoc (ctx: Context, coll: Collection, doc: Document): Document {
  const stored = coll.insert(doc)
  ctx.store.log({ op: 'put', db: coll.db, coll: coll.name, doc: stored })
  return stored
}

export function replaceDoc (ctx: Context, coll: Collection, oldDoc: Document, newDoc: Document): boolean {
  if (sameValue(oldDoc, newDoc)) return false
  coll.replace(oldDoc, newDoc)
  ctx.store.log({ op: 'put', db: coll.db, coll: coll.name, doc: newDoc })
  return true
}

export function removeDoc (ctx: Context, coll: Collection, doc: Document): void {
  coll.remove(doc)
  ctx.store.log({ op: 'del', db: coll.db, coll: coll.name, id: doc._id })
}

const insert: Handler = (cmd, ctx) => {
  const coll = ctx.store.ensure(ctx.db, collName(cmd, 'insert'))
  let n = 0
  const errors = eachStatement(cmd, 'documents', (doc) => {
    if (!isPlainObject(doc)) throw new CommandError('TypeMismatch', 'documents must be objects')
    insertDoc(ctx, coll, doc)
    n++
  })
  return withErrors({ n }, errors)
}

const update: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'update')
  let n = 0
  let nModified = 0
  const upserted: Document[] = []
  const errors = eachStatement(cmd, 'updates', (stmt, i) => {
    if (!isPlainObject(stmt) || !isPlainObject(stmt.q)) throw new CommandError('FailedToParse', 'update statement needs q and u')
    const vars = letVariables(cmd.let, stmt.c)
    const spec = { q: stmt.q, u: stmt.u, arrayFilters: Array.isArray(stmt.arrayFilters) ? stmt.arrayFilters as Document[] : undefined, vars }
    const coll = ctx.store.get(ctx.db, name)
    checkHint(coll, stmt.hint)
    if (coll === undefined) checkFilter(stmt.q, vars)
    let matches = coll?.match(stmt.q, vars) ?? []
    if (stmt.multi !== true) matches = matches.slice(0, 1)
    else if (!Array.isArray(stmt.u) && isPlainObject(stmt.u) && !Object.keys(stmt.u).some(k => k.startsWith('$'))) {
      throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update')
    }
    if (coll !== undefined && matches.length > 0) {
      for (const doc of matches) {
        // Counted once applied: a document that fails (bad operator, duplicate key) is not matched-and-updated.
        const changed = replaceDoc(ctx, coll, doc, applyUpdate(doc, spec))
        n++
        if (changed) nModified++
      }
    } else if (stmt.upsert === true) {
      const doc = insertDoc(ctx, ctx.store.ensure(ctx.db, name), upsertDocument(spec))
      upserted.push({ index: i, _id: doc._id })
      n++
    }
  })
  const reply: Document = { n, nModified }
  if (upserted.length > 0) reply.upserted = upserted
  return withErrors(reply, errors)
}

const del: Handler = (cmd, ctx) => {
  const coll = ctx.store.get(ctx.db, collName(cmd, 'delete'))
  let n = 0
  const errors = eachStatement(cmd, 'deletes', (stmt) => {
    if (!isPlainObject(stmt) || !isPlainObject(stmt.q)) throw new CommandError('FailedToParse', 'delete statement needs q')
    const limit = Number(stmt.limit ?? 0)
    if (limit !== 0 && limit !== 1) throw new CommandError('FailedToParse', 'The limit field in delete objects must be 0 or 1')
    const vars = letVariables(cmd.let)
    checkHint(coll, stmt.hint)
    if (coll === undefined) return checkFilter(stmt.q, vars)
    const matches = coll.match(stmt.q, vars)
    for (const doc of limit === 1 ? matches.slice(0, 1) : matches) { removeDoc(ctx, coll, doc); n++ }
  })
  return withErrors({ n }, errors)
}

export const writeCommands: Record<string, Handler> = { insert, update, delete: del }
