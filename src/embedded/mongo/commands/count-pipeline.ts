import type { Document } from 'bson'
import { isPlainObject, valueKey } from '../values.js'

/** A pipeline that only counts matches: answered from the collection without building documents. */
export interface CountPipeline {
  filter: Document
  skip: number
  limit: number
  /** The stage's output for a count (MongoDB's $group and $count output nothing for zero). */
  result: (n: number) => Document[]
}

const SUM_ONE = valueKey({ $sum: 1 })

function isCount (v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min
}

// `_id` values that are neither field paths nor expressions.
function isConstant (v: unknown): boolean {
  return v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !v.startsWith('$'))
}

function countStage (stage: Document): CountPipeline['result'] | undefined {
  const name = stage.$count
  if (typeof name === 'string' && /^[^$.][^.]*$/.test(name)) return n => n > 0 ? [{ [name]: n }] : []
  const group = stage.$group
  if (!isPlainObject(group) || !('_id' in group) || !isConstant(group._id)) return undefined
  const fields = Object.keys(group).filter(k => k !== '_id')
  if (fields.length !== 1 || !isPlainObject(group[fields[0]]) || valueKey(group[fields[0]]) !== SUM_ONE) return undefined
  return n => n > 0 ? [{ _id: group._id, [fields[0]]: n }] : []
}

/**
 * Recognises `[$match?, ($skip | $limit)*, $group {_id: <constant>, n: {$sum: 1}} | $count]`,
 * the shape the driver's countDocuments sends. Anything else is undefined (mingo runs it).
 */
export function countPipeline (pipeline: Document[]): CountPipeline | undefined {
  if (pipeline.length === 0) return undefined
  const result = countStage(pipeline[pipeline.length - 1])
  if (result === undefined) return undefined
  let i = 0
  let filter: Document = {}
  if (isPlainObject(pipeline[0].$match)) { filter = pipeline[0].$match; i = 1 }
  let skip = 0
  let limit = Infinity
  for (; i < pipeline.length - 1; i++) {
    const { $skip, $limit } = pipeline[i]
    if (isCount($skip, 0)) {
      skip += $skip
      limit = Math.max(0, limit - $skip)
    } else if (isCount($limit, 1)) limit = Math.min(limit, $limit)
    else return undefined
  }
  return { filter, skip, limit, result }
}
