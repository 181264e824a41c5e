import type { Document } from 'bson'
import { CommandError } from '../errors.js'
import { Aggregator } from '../mingo-options.js'
import { cloneDoc, isPlainObject } from '../values.js'
import type { Context, Handler } from './context.js'
import { countPipeline } from './count-pipeline.js'
import { query } from './read.js'
import { checkHint, letVariables, mingoError } from './statement.js'

// Stages that write or need server internals the store does not have.
const UNSUPPORTED = new Set(['$out', '$merge', '$changeStream', '$collStats', '$indexStats', '$currentOp',
  '$listSessions', '$listLocalSessions', '$planCacheStats', '$search', '$searchMeta', '$vectorSearch', '$geoNear'])

/** Stages that never change their input documents (mingo's $sort sorts our own array). */
const READ_ONLY_STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$group', '$count', '$sortByCount'])

function stageName (stage: unknown): string {
  if (!isPlainObject(stage)) throw new CommandError('TypeMismatch', 'Each element of the \'pipeline\' array must be an object')
  const keys = Object.keys(stage)
  if (keys.length !== 1) throw new CommandError('Location40324', 'A pipeline stage specification object must contain exactly one field.')
  return keys[0]
}

/** Runs `pipeline` over a collection (or over nothing, for `aggregate: 1` with $documents). */
export function runPipeline (ctx: Context, coll: string | undefined, pipeline: unknown[], vars?: Document, hint?: unknown): Document[] {
  const names = pipeline.map(stageName)
  for (const name of names) {
    if (UNSUPPORTED.has(name)) throw new CommandError('CommandNotSupported', `${name} is not supported by the embedded store`)
  }
  let stages = pipeline as Document[]
  let source: Document[] = []
  if (coll !== undefined) checkHint(ctx.store.get(ctx.db, coll), hint)
  const counting = coll === undefined ? undefined : countPipeline(stages)
  if (coll !== undefined && counting !== undefined) {
    // countDocuments on every list page: count the (index-planned) matches, build no documents.
    const c = ctx.store.get(ctx.db, coll)
    const total = c?.count(counting.filter, vars) ?? 0
    if (c === undefined) query(c, { filter: counting.filter, vars })
    return counting.result(Math.min(Math.max(0, total - counting.skip), counting.limit))
  }
  if (coll !== undefined) {
    // A leading $match goes through the collection's indexes.
    const c = ctx.store.get(ctx.db, coll)
    const first = stages[0]?.$match
    if (names[0] === '$match' && isPlainObject(first)) {
      source = query(c, { filter: first, vars })
      stages = stages.slice(1)
    } else source = query(c, { vars })
  }
  const resolver = (name: string): Document[] => [...(ctx.store.get(ctx.db, name)?.docs.values() ?? [])].map(cloneDoc)
  try {
    const agg = new Aggregator(stages, { collectionResolver: resolver, variables: vars })
    // Stages like $addFields and $project edit nested objects in place: never hand them stored
    // documents. These stages only read them (their output may share values, never changed).
    const readOnly = stages.every(stage => READ_ONLY_STAGES.has(stageName(stage)))
    return agg.run(readOnly ? source : source.map(cloneDoc)) as Document[]
  } catch (err) {
    throw mingoError(err)
  }
}

const aggregate: Handler = (cmd, ctx) => {
  const target = cmd.aggregate
  if (typeof target !== 'string' && target !== 1) throw new CommandError('InvalidNamespace', 'aggregate target must be a collection name or 1')
  if (!Array.isArray(cmd.pipeline)) throw new CommandError('TypeMismatch', '\'pipeline\' option must be specified as an array')
  if (cmd.explain === true) throw new CommandError('CommandNotSupported', 'explain is not supported by the embedded store')
  const cursor = cmd.cursor
  if (!isPlainObject(cursor)) throw new CommandError('FailedToParse', 'The \'cursor\' option is required, except for aggregate with the explain argument')
  const docs = runPipeline(ctx, typeof target === 'string' ? target : undefined, cmd.pipeline, letVariables(cmd.let), cmd.hint)
  const ns = `${ctx.db}.${typeof target === 'string' ? target : '$cmd.aggregate'}`
  return ctx.cursors.first(ns, docs, cursor.batchSize)
}

export const aggregateCommands: Record<string, Handler> = { aggregate }
