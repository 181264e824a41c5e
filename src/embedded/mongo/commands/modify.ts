import type { Document } from 'bson'
import * as updateOperators from 'mingo/operators/update'
import type { AnyObject } from 'mingo/types'
import { update } from 'mingo/updater'
import { CommandError } from '../errors.js'
import { Aggregator, type ComputeOptions, computeFor, MINGO, Query } from '../mingo-options.js'
import { cloneDoc, isOperatorObject, isPlainObject, typeRank } from '../values.js'
import { mingoError } from './statement.js'

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$rename', '$min', '$max', '$currentDate',
  '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$bit', '$setOnInsert'])

export interface UpdateSpec { u: unknown, q: Document, arrayFilters?: Document[], vars?: Document }

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
  if (Array.isArray(u)) return pipelineUpdate(doc, u, spec.vars)
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
  checkOperandTypes(doc, modifier)
  const out = cloneDoc(doc)
  if (isPlainObject(modifier.$pull)) pullByLogicalQuery(out, modifier)
  if (Object.keys(modifier).length === 0) return out
  try {
    if (spec.vars === undefined && plainPaths(modifier)) {
      applyOperators(out, modifier, spec.arrayFilters)
    } else {
      // The query is only read for a positional `$` path; without one, mingo need not compile it again.
      const condition = inserting || !positional(modifier) ? undefined : spec.q
      update(out, modifier, spec.arrayFilters, condition, { queryOptions: spec.vars === undefined ? MINGO : { ...MINGO, variables: spec.vars } })
    }
  } catch (err) {
    throw mingoError(err)
  }
  return out
}

const NUMERIC = 3 // typeRank of every number type

/** What MongoDB answers when an array operator finds something else at its path. */
const NOT_AN_ARRAY: Record<string, (path: string, type: string, id: unknown) => CommandError> = {
  $push: (path, type, id) => new CommandError('BadValue', `The field '${path}' must be an array but is of type ${type} in document {_id: ${String(id)}}`),
  $addToSet: (path, type) => new CommandError('BadValue', `Cannot apply $addToSet to non-array field. Field named '${path}' has non-array type ${type}`),
  $pop: (path, type) => new CommandError('TypeMismatch', `Path '${path}' contains an element of non-array type '${type}'`),
  $pull: () => new CommandError('BadValue', 'Cannot apply $pull to a non-array value'),
  $pullAll: () => new CommandError('BadValue', 'Cannot apply $pullAll to a non-array value')
}

/**
 * MongoDB's refusals for operands of the wrong type, which mingo's operators skip silently: $inc
 * and $mul need a number to apply and a number (or nothing) at the path; the array operators need
 * an array (or nothing). Checked for paths through objects and array indexes; a positional path
 * is left to mingo.
 */
function checkOperandTypes (doc: Document, modifier: Document): void {
  for (const [op, fields] of Object.entries(modifier)) {
    const numeric = op === '$inc' || op === '$mul'
    if (!numeric && NOT_AN_ARRAY[op] === undefined) continue
    for (const [path, operand] of Object.entries(fields as Document)) {
      if (numeric && typeRank(operand) !== NUMERIC) {
        throw new CommandError('TypeMismatch', `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`)
      }
      const current = valueAtPlainPath(doc, path)
      if (current === undefined) continue
      if (numeric && typeRank(current) !== NUMERIC) {
        throw new CommandError('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type. {_id: ${String(doc._id)}} has the field '${path.split('.').at(-1)}' of non-numeric type ${typeName(current)}`)
      }
      if (!numeric && !Array.isArray(current)) throw NOT_AN_ARRAY[op](path, typeName(current), doc._id)
    }
  }
}

/** The value at a dotted path through objects and array indexes; undefined when absent or positional. */
function valueAtPlainPath (doc: Document, path: string): unknown {
  let value: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(value) && /^\d+$/.test(part)) value = value[Number(part)]
    else if (isPlainObject(value) && Object.hasOwn(value, part)) value = value[part]
    else return undefined
  }
  return value
}

/** MongoDB's name for a value's type, as its error messages give it. */
function typeName (value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (value instanceof Date) return 'date'
  if (typeof value === 'string') return 'string'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double'
  if (isPlainObject(value)) return 'object'
  return (value as { _bsontype?: string })._bsontype?.replace(/^./, (c) => c.toLowerCase()) ?? typeof value
}

type Operator = (expr: AnyObject, arrayFilters: AnyObject[], options: ComputeOptions) => (doc: AnyObject) => string[]
const UPDATE_OPERATORS = updateOperators as unknown as Record<string, Operator>

/**
 * Whether mingo's `update` would accept every field path of `modifier` as it is: none holds a `$`
 * (positional, `$[]`, `$[id]`), touches `_id` or `__proto__`, or overlaps another path (`a` and
 * `a.b`, also across operators), and there is no `$rename`. Only those updates take
 * `applyOperators`; mingo refuses the others with its own messages.
 */
function plainPaths (modifier: Document): boolean {
  const paths: string[] = []
  for (const [op, fields] of Object.entries(modifier)) {
    if (op === '$rename' || UPDATE_OPERATORS[op] === undefined) return false
    for (const path of Object.keys(fields as Document)) {
      if (path === '' || path.includes('$') || path.includes('__proto__') || path === '_id' || path.startsWith('_id.')) return false
      for (const other of paths) {
        if (other === path || other.startsWith(path + '.') || path.startsWith(other + '.')) return false
      }
      paths.push(path)
    }
  }
  return true
}

/**
 * mingo's `update` without its set-up: it copies every operator table (about 1,000 entries)
 * into fresh options per call. The operators are applied in the same order with the same
 * options (copy clone mode, the array filters); their paths were checked by `plainPaths`, so
 * none of mingo's path errors can arise after a first operator has run.
 */
function applyOperators (doc: Document, modifier: Document, arrayFilters: Document[] | undefined): void {
  const filters = arrayFilters ?? []
  const options = computeFor({ condition: {}, updateConfig: { cloneMode: 'copy', arrayFilters: filters } })
  for (const op of Object.keys(modifier)) UPDATE_OPERATORS[op](modifier[op] as AnyObject, filters, options)(doc)
}

/** Whether a field path of the update holds the positional `$` (`items.$.qty`), which mingo resolves against the query. */
function positional (modifier: Document): boolean {
  return Object.values(modifier).some((fields) => Object.keys(fields as Document).some((path) => path.split('.').includes('$')))
}

function pipelineUpdate (doc: Document, stages: unknown[], variables?: Document): Document {
  try {
    const [out] = new Aggregator(stages as Document[], { variables }).run([cloneDoc(doc)]) as Document[]
    if (out === undefined) throw new CommandError('BadValue', 'update pipeline produced no document')
    // MongoDB keeps the _id a pipeline (e.g. $replaceRoot) leaves out, first as always.
    if (out._id === undefined && doc._id !== undefined) return { _id: doc._id, ...out }
    return out
  } catch (err) {
    throw mingoError(err)
  }
}

const LOGICAL = ['$or', '$and', '$nor']

/**
 * mingo's `$pull` silently matches nothing when the condition's top level is `$or`/`$and`/`$nor`;
 * MongoDB applies such a condition as a query to each element. Those fields are pulled here and
 * taken out of `modifier`; the rest stay for mingo.
 */
function pullByLogicalQuery (out: Document, modifier: Document): void {
  const pulls = modifier.$pull as Document
  for (const [path, condition] of Object.entries(pulls)) {
    if (!isPlainObject(condition) || !Object.keys(condition).some((key) => LOGICAL.includes(key))) continue
    if (path.includes('$')) throw new CommandError('BadValue', `the embedded store does not support a positional $pull with ${Object.keys(condition).join(', ')}`)
    const query = new Query(condition)
    const parts = path.split('.')
    const parent = parts.slice(0, -1).reduce<unknown>((cur, part) => isPlainObject(cur) ? cur[part] : undefined, out)
    const last = parts[parts.length - 1]
    if (isPlainObject(parent) && Array.isArray(parent[last])) {
      parent[last] = (parent[last] as unknown[]).filter((element) => !(isPlainObject(element) && query.test(element)))
    }
    delete pulls[path]
  }
  if (Object.keys(pulls).length === 0) delete modifier.$pull
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
      if (!isOperatorObject(v)) setPath(into, k, v)
      else if ('$eq' in v) setPath(into, k, v.$eq)
    }
  }
  return into
}

/** The document an upsert inserts when nothing matched. */
export function upsertDocument (spec: UpdateSpec): Document {
  const seed = equalities(spec.q, {})
  if (isPlainObject(spec.u) && !isOperatorUpdate(spec.u)) {
    const { _id, ...rest } = spec.u
    const id = _id !== undefined ? _id : seed._id
    return id === undefined ? cloneDoc(rest) : { _id: id, ...cloneDoc(rest) }
  }
  const doc = applyUpdate(seed, spec, true)
  if (doc._id === undefined) return doc
  const { _id, ...rest } = doc
  return { _id, ...rest }
}
