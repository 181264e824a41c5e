import { MongoServerError, ObjectId, type Collection, type Document, type Filter, type Sort } from 'mongodb'
import { pageWindow, type PageWindow } from './pagination.js'
import type { PageQueryType } from '../schemas/common.js'

/** Schema-validated 24-hex string → ObjectId. */
export const oid = (hex: string) => new ObjectId(hex)

/** `_id` becomes `id` (hex string) at the repository boundary and nowhere else. */
export function withId<T extends { _id: ObjectId }> (doc: T): Omit<T, '_id'> & { id: string } {
  const { _id, ...rest } = doc
  return { id: _id.toHexString(), ...rest }
}

export const isDuplicateKey = (error: unknown): error is MongoServerError =>
  error instanceof MongoServerError && error.code === 11000

/** DRF-style `ordering` value (`name` / `-name`) → Mongo sort, with `_id` as the stable tie-breaker. */
export function sortFrom (ordering: string | undefined, fallback: string, fields: Record<string, string> = {}): Sort {
  const value = ordering ?? fallback
  const descending = value.startsWith('-')
  const field = descending ? value.slice(1) : value
  const direction = descending ? -1 : 1
  return [[fields[field] ?? field, direction], ['_id', direction]]
}

/** One page of a collection plus the total, as two queries that can use the same index. */
export async function findPage<T extends Document> (
  collection: Collection<T>,
  filter: Filter<T>,
  sort: Sort,
  query: PageQueryType
): Promise<{ window: PageWindow, count: number, docs: T[] }> {
  const window = pageWindow(query)
  const [count, docs] = await Promise.all([
    collection.countDocuments(filter),
    collection.find(filter).sort(sort).skip(window.skip).limit(window.pageSize).toArray() as Promise<T[]>
  ])
  return { window, count, docs }
}

/** Escapes user text for a case-insensitive "contains" regex — never interpreted as a pattern. */
export const containsRegex = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
