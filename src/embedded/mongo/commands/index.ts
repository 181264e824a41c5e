import type { Document } from 'bson'
import { CommandError, toCommandError } from '../errors.js'
import { isPlainObject } from '../values.js'
import { adminCommands } from './admin.js'
import { aggregateCommands } from './aggregate.js'
import type { Context, Handler } from './context.js'
import { findAndModifyCommands } from './find-and-modify.js'
import { handshakeCommands } from './handshake.js'
import { checkOptions } from './options.js'
import { readCommands } from './read.js'
import { writeCommands } from './write.js'

export type { Context } from './context.js'

const HANDLERS = new Map<string, Handler>(Object.entries({
  ...handshakeCommands,
  ...readCommands,
  ...aggregateCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...adminCommands
}))
// mongod also answers lower-case spellings of some commands (the driver sends `buildinfo`).
const LOWER = new Map([...HANDLERS].map(([name, handler]) => [name.toLowerCase(), handler]))

function hasCollation (v: unknown): boolean {
  return isPlainObject(v) && isPlainObject(v.collation) && v.collation.locale !== 'simple'
}

/** Options whose semantics the store does not have: refuse them rather than silently ignore them. */
function rejectUnsupported (cmd: Document): void {
  const statements = [...(Array.isArray(cmd.updates) ? cmd.updates : []), ...(Array.isArray(cmd.deletes) ? cmd.deletes : [])]
  if (hasCollation(cmd) || statements.some(hasCollation)) {
    throw new CommandError('CommandNotSupported', 'collation is not supported by the embedded store (simple binary comparison only)')
  }
  if (cmd.tailable === true || cmd.awaitData === true) throw new CommandError('CommandNotSupported', 'tailable cursors are not supported by the embedded store')
}

/** Runs one command; every failure becomes an `{ ok: 0 }` reply, never an exception. */
export function runCommand (cmd: Document, ctx: Context): Document {
  try {
    const name = Object.keys(cmd)[0]
    if (name === undefined) throw new CommandError('FailedToParse', 'empty command')
    // Like a standalone mongod: no replica set, so no transactions.
    if (cmd.startTransaction !== undefined || cmd.autocommit !== undefined || cmd.txnNumber !== undefined) {
      throw new CommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos')
    }
    const handler = HANDLERS.get(name) ?? LOWER.get(name.toLowerCase())
    if (handler === undefined) throw new CommandError('CommandNotFound', `no such command: '${name}'`)
    // create checks its refused options itself, after "already exists" (what mongod answers first).
    checkOptions(name, cmd, name === 'create' ? 'unknown' : 'all')
    rejectUnsupported(cmd)
    return handler(cmd, ctx)
  } catch (err) {
    return toCommandError(err).toReply()
  }
}
