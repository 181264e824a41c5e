import type { Document } from 'bson'
import { CommandError, type CodeName } from './errors.js'
import { toNumber } from './values.js'

const INT32_MAX = 2 ** 31 - 1
const NUMERIC = new Set(['Int32', 'Long', 'Double', 'Decimal128'])

/** The number a BSON numeric value holds, or undefined for any other type. */
function numeric (v: unknown): number | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v)
  const type = (v as { _bsontype?: string } | null)?._bsontype
  return type !== undefined && NUMERIC.has(type) ? toNumber(v) : undefined
}

function typeName (v: unknown): string {
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (v instanceof Date) return 'date'
  return (v as { _bsontype?: string } | undefined)?._bsontype?.toLowerCase() ?? typeof v
}

/**
 * mongod 7.0's checks of a secondary TTL index's `expireAfterSeconds` (index_key_validate.cpp):
 * numeric, not NaN, within int32, not negative. `code` is 67 for createIndexes, 72 for collMod.
 * Fractional values, which mongod truncates in places, are refused rather than guessed at.
 */
export function validExpireAfterSeconds (v: unknown, code: Extract<CodeName, 'CannotCreateIndex' | 'InvalidOptions'>): number {
  const n = numeric(v)
  if (n === undefined) {
    if (code === 'InvalidOptions') {
      throw new CommandError('TypeMismatch', `BSON field 'collMod.index.expireAfterSeconds' is the wrong type '${typeName(v)}', expected types '[long, int, decimal, double]'`)
    }
    throw new CommandError(code, `TTL index 'expireAfterSeconds' option must be numeric, but received a type of '${typeName(v)}'`)
  }
  if (Number.isNaN(n)) throw new CommandError(code, 'TTL index \'expireAfterSeconds\' option must not be NaN')
  if (Math.abs(Math.trunc(n)) > INT32_MAX) throw new CommandError(code, 'TTL index \'expireAfterSeconds\' must be within the range of a 32-bit integer')
  if (Math.trunc(n) < 0) throw new CommandError(code, 'TTL index \'expireAfterSeconds\' option cannot be less than 0')
  if (!Number.isInteger(n)) throw new CommandError('CommandNotSupported', 'a fractional expireAfterSeconds is not supported by the embedded store')
  return n
}

/** Why an index with this key cannot expire documents, or undefined when it can. */
export function ttlKeyProblem (key: Document, code: Extract<CodeName, 'CannotCreateIndex' | 'InvalidOptions'>): CommandError | undefined {
  const fields = Object.entries(key)
  if (fields.length !== 1) return new CommandError(code, 'TTL indexes are single-field indexes, compound indexes do not support TTL')
  if (typeof fields[0][1] === 'string') {
    return new CommandError('CommandNotSupported', `a TTL ${fields[0][1]} index is not supported by the embedded store`)
  }
  return undefined
}
