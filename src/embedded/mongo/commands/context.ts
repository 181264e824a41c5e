import type { Document } from 'bson'
import type { Cursors } from '../cursors.js'
import { CommandError } from '../errors.js'
import type { Store } from '../store.js'

export interface Context {
  store: Store
  cursors: Cursors
  connectionId: number
  remote: string
  /** The command's `$db`. */
  db: string
}

export type Handler = (cmd: Document, ctx: Context) => Document

/** The collection name a command targets (its first field's value). */
export function collName (cmd: Document, field: string): string {
  const name = cmd[field]
  if (typeof name !== 'string' || name === '') {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof name}`)
  }
  return name
}

export function optDoc (cmd: Document, field: string): Document | undefined {
  const v = cmd[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`)
  }
  return v as Document
}

export function optArray (cmd: Document, field: string): unknown[] {
  const v = cmd[field]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw new CommandError('TypeMismatch', `BSON field '${field}' is the wrong type, expected type 'array'`)
  return v
}

export function optInt (cmd: Document, field: string, fallback = 0): number {
  const v = cmd[field]
  if (v === undefined || v === null) return fallback
  const n = Number(v)
  if (!Number.isFinite(n)) throw new CommandError('TypeMismatch', `BSON field '${field}' must be a number`)
  return Math.trunc(n)
}
