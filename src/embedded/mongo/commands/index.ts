import type { Document } from 'bson'
import { CommandError, toCommandError } from '../errors.js'
import { adminCommands } from './admin.js'
import { aggregateCommands } from './aggregate.js'
import type { Context, Handler } from './context.js'
import { findAndModifyCommands } from './find-and-modify.js'
import { handshakeCommands } from './handshake.js'
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

/** Runs one command; every failure becomes an `{ ok: 0 }` reply, never an exception. */
export function runCommand (cmd: Document, ctx: Context): Document {
  try {
    const name = Object.keys(cmd)[0]
    if (name === undefined) throw new CommandError('FailedToParse', 'empty command')
    // Like a standalone mongod: no replica set, so no transactions.
    if (cmd.startTransaction !== undefined || cmd.autocommit !== undefined) {
      throw new CommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos')
    }
    const handler = HANDLERS.get(name)
    if (handler === undefined) throw new CommandError('CommandNotFound', `no such command: '${name}'`)
    return handler(cmd, ctx)
  } catch (err) {
    return toCommandError(err).toReply()
  }
}
