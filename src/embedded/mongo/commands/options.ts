import type { Document } from 'bson'
import { CommandError } from '../errors.js'
import { isPlainObject } from '../values.js'

/**
 * Every field each command accepts, as MongoDB 7.0 names them. `implemented` fields behave as
 * mongod's do; `refused` fields are MongoDB's but not the store's and answer 115; anything else
 * is unknown to MongoDB 7.0 too and answers 40415, as mongod's command parser does. Nothing is
 * ignored. README.md ("Command options") lists the same table.
 */
interface CommandOptions { implemented: string[], refused: string[], statements?: { field: string, implemented: string[], refused: string[] } }

/** Sent by drivers with any command: sessions, routing, API version, write and read concerns. */
export const GENERIC = new Set(['lsid', 'txnNumber', 'stmtId', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'maxTimeMS',
  'readConcern', 'writeConcern', 'comment', 'clientOperationKey', 'mayBypassWriteBlocking', 'autocommit', 'startTransaction'])

export const COMMAND_OPTIONS: Record<string, CommandOptions> = {
  find: {
    implemented: ['filter', 'sort', 'projection', 'skip', 'limit', 'batchSize', 'singleBatch', 'hint', 'let', 'collation',
      'allowDiskUse', 'noCursorTimeout', 'allowPartialResults'],
    refused: ['min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'oplogReplay', 'readOnce', 'term']
  },
  getMore: { implemented: ['collection', 'batchSize'], refused: ['term', 'lastKnownCommittedOpTime'] },
  killCursors: { implemented: ['cursors'], refused: [] },
  count: { implemented: ['query', 'limit', 'skip', 'hint', 'collation'], refused: ['fields'] },
  distinct: { implemented: ['key', 'query', 'collation'], refused: [] },
  aggregate: {
    implemented: ['pipeline', 'cursor', 'allowDiskUse', 'let', 'hint', 'collation', 'bypassDocumentValidation'],
    refused: ['explain', 'exchange', 'isMapReduceCommand', 'fromMongos', 'needsMerge']
  },
  insert: { implemented: ['documents', 'ordered', 'bypassDocumentValidation'], refused: [] },
  update: {
    implemented: ['updates', 'ordered', 'bypassDocumentValidation', 'let'],
    refused: [],
    statements: { field: 'updates', implemented: ['q', 'u', 'c', 'upsert', 'multi', 'arrayFilters', 'hint', 'collation'], refused: [] }
  },
  delete: {
    implemented: ['deletes', 'ordered', 'let'],
    refused: [],
    statements: { field: 'deletes', implemented: ['q', 'limit', 'hint', 'collation'], refused: [] }
  },
  findAndModify: {
    implemented: ['query', 'sort', 'remove', 'update', 'new', 'fields', 'upsert', 'arrayFilters', 'hint', 'collation', 'let',
      'bypassDocumentValidation'],
    refused: []
  },
  // Index specifications' own options (unique, hidden, expireAfterSeconds, …) are listed in admin.ts (INDEX_OPTIONS).
  createIndexes: { implemented: ['indexes'], refused: ['commitQuorum', 'ignoreUnknownIndexOptions'] },
  listIndexes: { implemented: ['cursor'], refused: ['includeBuildUUIDs', 'includeIndexBuildInfo'] },
  dropIndexes: { implemented: ['index'], refused: [] },
  listCollections: { implemented: ['filter', 'nameOnly', 'authorizedCollections', 'cursor'], refused: ['includePendingDrops'] },
  create: {
    implemented: ['collation'],
    refused: ['capped', 'size', 'max', 'viewOn', 'pipeline', 'timeseries', 'clusteredIndex', 'expireAfterSeconds', 'validator',
      'validationLevel', 'validationAction', 'storageEngine', 'indexOptionDefaults', 'changeStreamPreAndPostImages',
      'encryptedFields', 'idIndex', 'autoIndexId', 'flags', 'temp']
  },
  // index: { name | keyPattern, hidden, expireAfterSeconds } (TTL indexes) is checked field by field in admin.ts;
  // top-level expireAfterSeconds belongs to clustered collections, which the store has not.
  collMod: {
    implemented: ['index'],
    refused: ['validator', 'validationLevel', 'validationAction', 'viewOn', 'pipeline', 'expireAfterSeconds', 'timeseries',
      'changeStreamPreAndPostImages', 'cappedSize', 'cappedMax', 'dryRun', 'prepareUnique', 'recordIdsReplicated']
  },
  drop: { implemented: [], refused: [] },
  dropDatabase: { implemented: [], refused: [] },
  listDatabases: { implemented: ['filter', 'nameOnly', 'authorizedDatabases'], refused: [] }
}
COMMAND_OPTIONS.findandmodify = COMMAND_OPTIONS.findAndModify
COMMAND_OPTIONS.deleteIndexes = COMMAND_OPTIONS.dropIndexes

function check (fields: Document, path: string, implemented: string[], refused: string[], skipFirst: boolean): void {
  const keys = Object.keys(fields)
  for (const key of skipFirst ? keys.slice(1) : keys) {
    if (implemented.includes(key) || (skipFirst && (GENERIC.has(key) || key.startsWith('$')))) continue
    if (refused.includes(key)) {
      throw new CommandError('CommandNotSupported', `BSON field '${path}.${key}' is not supported by the embedded store`)
    }
    throw new CommandError('IDLUnknownField', `BSON field '${path}.${key}' is an unknown field.`)
  }
}

/** Refuses fields the store does not implement (115) and fields MongoDB 7.0 does not know (40415). */
export function checkOptions (name: string, cmd: Document, only: 'unknown' | 'all' = 'all'): void {
  const options = COMMAND_OPTIONS[name]
  if (options === undefined) return
  check(cmd, name, only === 'all' ? options.implemented : [...options.implemented, ...options.refused], options.refused, true)
  const s = options.statements
  if (s === undefined || !Array.isArray(cmd[s.field])) return
  for (const stmt of cmd[s.field] as unknown[]) {
    if (isPlainObject(stmt)) check(stmt, `${name}.${s.field}`, s.implemented, s.refused, false)
  }
}
