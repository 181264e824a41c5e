import type { Document } from 'bson'
import { update } from 'mingo/updater'
import { CommandError } from '../errors.js'
import { Aggregator, MINGO } from '../mingo-options.js'
import { cloneDoc, isPlainObject } from '../values.js'
import { mingoError } from './aggregate.js'

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$rename', '$min', '$max', '$currentDate',
  '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$bit', '$setOnInsert'])

export interface UpdateSpec { u: unknown, q: Document, arrayFilters?: Document[] }

function isOperatorUpdate (u: Document): boolean {
  const keys = Object.keys(u)
  const ops = keys.filter(k => k.startsWith('$'))
  if (ops.length > 0 && ops.length !== keys.length) {
    throw new CommandError('FailedToParse', 'Update document cannot mix update operators and plain fields')
  }
  return ops.length > 0
}

/** The document `doc` becomes under `spec`; `doc` itself is left untouched. */
export function applyUpdate (doc: Document, spec: UpdateSpec, inserting = false): Document {
  const { u } = spec
  if (Array.isArray(u)) return pipelineUpdate(doc, u)
  if (!isPlainObject(u)) throw new CommandError('FailedToParse', 'Update argument must be either an object or an array')
  if (!isOperatorUpdate(u)) {
    const { _id, ...rest } = u
    return { _id: _id === undefined ? doc._id : _id, ...cloneDoc(rest) }
  }
  const modifier: Document = {}
  for (const [op, fields] of Object.entries(u)) {
    if (!OPERATORS.has(op)) {
      throw new CommandError('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`)
    }
    if (!isPlainObject(fields)) throw new CommandError('FailedToParse', `Modifiers operate on fields but we found type ${typeof fields} instead`)
    if (op !== '$setOnInsert') modifier[op] = cloneDoc(fields)
  }
  if (inserting && isPlainObject(u.$setOnInsert)) modifier.$set = { ...(modifier.$set as Document | undefined), ...cloneDoc(u.$setOnInsert) }
  const out = cloneDoc(doc)
  if (Object.keys(modifier).length === 0) return out
  try {
    update(out, modifier, spec.arrayFilters, inserting ? undefined : spec.q, { queryOptions: MINGO })
  } catch (err) {
    throw mingoError(err)
  }
  return out
}

function pipelineUpdate (doc: Document, stages: unknown[]): Document {
  try {
    const [out] = new Aggregator(stages as Document[]).run([cloneDoc(doc)]) as Document[]
    if (out === undefined) throw new CommandError('BadValue', 'update pipeline produced no document')
    return out
  } catch (err) {
    throw mingoError(err)
  }
}

function setPath (doc: Document, path: string, value: unknown): void {
  const parts = path.split('.')
  let cur = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {}
    cur = cur[part] as Document
  }
  cur[parts[parts.length - 1]] = cloneDoc(value)
}

/** Fields an upsert copies from its query: plain equalities and $eq, also inside a top-level $and. */
function equalities (q: Document, into: Document): Document {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) equalities(sub, into)
    } else if (!k.startsWith('$')) {
      const ops = isPlainObject(v) && Object.keys(v).some(x => x.startsWith('$'))
      if (!ops) setPath(into, k, v)
      else if (isPlainObject(v) && '$eq' in v) setPath(into, k, v.$eq)
    }
  }
  return into
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument (spec: UpdateSpec): Document {
  const seed = equalities(spec.q, {})
  if (isPlainObject(spec.u) && !isOperatorUpdate(spec.u)) {
    const { _id, ...rest } = spec.u
    const id = _id ?? seed._id
    return id === undefined ? cloneDoc(rest) : { _id: id, ...cloneDoc(rest) }
  }
  const doc = applyUpdate(seed, spec, true)
  if (doc._id === undefined) return doc
  const { _id, ...rest } = doc
  return { _id, ...rest }
}
