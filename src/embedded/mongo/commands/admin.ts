import { BSON, type Document } from 'bson'
import { Query } from '../mingo-options.js'
import { ID_INDEX } from '../collection.js'
import { CommandError } from '../errors.js'
import type { IndexSpec } from '../indexes.js'
import { isPlainObject, valueKey } from '../values.js'
import { collName, type Handler, optArray, optDoc } from './context.js'
import { checkOptions, GENERIC } from './options.js'
import { ttlKeyProblem, validExpireAfterSeconds } from '../ttl.js'

// Index options as MongoDB 7.0 knows them: what the store keeps with MongoDB's meaning, what it refuses.
const INDEX_OPTIONS = ['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'hidden', 'expireAfterSeconds', 'background', 'v', 'ns', 'collation',
  'weights', 'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max']
const REFUSED_INDEX_OPTIONS = ['storageEngine', 'wildcardProjection', 'clustered', 'prepareUnique',
  'coarsestIndexedLevel', 'finestIndexedLevel']

function indexSpec (raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) {
    throw new CommandError('FailedToParse', 'index specification must contain a non-empty \'key\' object')
  }
  for (const option of Object.keys(raw)) {
    if (REFUSED_INDEX_OPTIONS.includes(option)) {
      throw new CommandError('CommandNotSupported', `index option '${option}' is not supported by the embedded store`)
    }
    if (!INDEX_OPTIONS.includes(option)) {
      throw new CommandError('InvalidIndexSpecificationOption', `The field '${option}' is not valid for an index specification.`)
    }
  }
  if (isPlainObject(raw.collation) && raw.collation.locale !== 'simple') {
    throw new CommandError('CommandNotSupported', 'index collation is not supported by the embedded store (simple binary comparison only)')
  }
  if (raw.hidden === true && raw.name === ID_INDEX.name) throw new CommandError('BadValue', 'can\'t hide _id index')
  const key = raw.key
  const ttl: Document = {}
  if (raw.expireAfterSeconds !== undefined) {
    if (valueKey(key) === valueKey(ID_INDEX.key)) {
      throw new CommandError('InvalidIndexSpecificationOption', `The field 'expireAfterSeconds' is not valid for an _id index specification. Specification: ${JSON.stringify(raw)}`)
    }
    ttl.expireAfterSeconds = validExpireAfterSeconds(raw.expireAfterSeconds, 'CannotCreateIndex')
    const problem = ttlKeyProblem(key, 'CannotCreateIndex')
    if (problem !== undefined) throw problem
  }
  const name = typeof raw.name === 'string' ? raw.name : Object.entries(key).map(([f, d]) => `${f}_${String(d)}`).join('_')
  const { v: _v, ...rest } = raw
  return { ...rest, ...ttl, name, key }
}

function publicSpec (spec: IndexSpec): Document {
  const { name, key, ...rest } = spec
  return { v: 2, key, name, ...rest }
}

const createIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'createIndexes')
  const specs = optArray(cmd, 'indexes').map(indexSpec)
  if (specs.length === 0) throw new CommandError('BadValue', 'Must specify at least one index to create')
  const existed = ctx.store.get(ctx.db, name) !== undefined
  const coll = ctx.store.ensure(ctx.db, name)
  const before = coll.indexes.size
  for (const spec of specs) {
    if (coll.createIndex(spec)) ctx.store.log({ op: 'index', db: ctx.db, coll: name, spec })
  }
  const reply: Document = { numIndexesBefore: before, numIndexesAfter: coll.indexes.size, createdCollectionAutomatically: !existed, ok: 1 }
  if (before === coll.indexes.size) reply.note = 'all indexes already exist'
  return reply
}

const listIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'listIndexes')
  const coll = ctx.store.get(ctx.db, name)
  if (coll === undefined) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`)
  const docs = [...coll.indexes.values()].map(i => publicSpec(i.spec))
  return ctx.cursors.first(`${ctx.db}.${name}`, docs, optDoc(cmd, 'cursor')?.batchSize)
}

const dropIndexes: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'dropIndexes')
  const coll = ctx.store.get(ctx.db, name)
  if (coll === undefined) throw new CommandError('NamespaceNotFound', `ns not found ${ctx.db}.${name}`)
  const was = coll.indexes.size
  const target = cmd.index
  let names: string[]
  if (target === '*') names = [...coll.indexes.keys()].filter(n => n !== ID_INDEX.name)
  else if (typeof target === 'string') names = [target]
  else if (Array.isArray(target)) names = target.map(String)
  else if (isPlainObject(target)) {
    const found = [...coll.indexes.values()].find(i => Buffer.from(BSON.serialize(i.spec.key)).equals(BSON.serialize(target)))
    if (found === undefined) throw new CommandError('IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`)
    names = [found.name]
  } else throw new CommandError('TypeMismatch', 'index must be a name, a key pattern or \'*\'')
  for (const n of names) if (!coll.indexes.has(n)) throw new CommandError('IndexNotFound', `index not found with name [${n}]`)
  for (const n of names) {
    coll.dropIndex(n)
    ctx.store.log({ op: 'dropIndex', db: ctx.db, coll: name, name: n })
  }
  return { nIndexesWas: was, ok: 1 }
}

const listCollections: Handler = (cmd, ctx) => {
  const filter = optDoc(cmd, 'filter')
  const nameOnly = cmd.nameOnly === true
  let docs: Document[] = [...(ctx.store.dbs.get(ctx.db)?.values() ?? [])].map(c => nameOnly
    ? { name: c.name, type: 'collection' }
    : { name: c.name, type: 'collection', options: c.options, info: { readOnly: false }, idIndex: publicSpec(ID_INDEX) })
  if (filter !== undefined) {
    const q = new Query(filter)
    docs = docs.filter(d => q.test(d))
  }
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, optDoc(cmd, 'cursor')?.batchSize)
}

const create: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'create')
  const options: Document = {}
  for (const [k, v] of Object.entries(cmd)) {
    if (k !== 'create' && !GENERIC.has(k) && !k.startsWith('$')) options[k] = v
  }
  const existing = ctx.store.get(ctx.db, name)
  // mongod 7 answers ok when the collection exists with identical options (SERVER-60064).
  if (existing !== undefined && valueKey(existing.options) !== valueKey(options)) {
    throw new CommandError('NamespaceExists', `Collection ${ctx.db}.${name} already exists.`)
  }
  // Views, time series, clustered and capped collections, validators: refused, never an ordinary collection.
  checkOptions('create', cmd)
  ctx.store.ensure(ctx.db, name, options)
  return { ok: 1 }
}

const drop: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'drop')
  const coll = ctx.store.drop(ctx.db, name)
  return { nIndexesWas: coll?.indexes.size ?? 0, ns: `${ctx.db}.${name}`, ok: 1 }
}

const listDatabases: Handler = (cmd, ctx) => {
  let databases: Document[] = [...ctx.store.dbs.entries()].map(([name, colls]) => {
    let size = 0
    for (const c of colls.values()) size += c.docs.size * 256
    return { name, sizeOnDisk: size, empty: size === 0 }
  })
  const filter = optDoc(cmd, 'filter')
  if (filter !== undefined) { const q = new Query(filter); databases = databases.filter(d => q.test(d)) }
  if (cmd.nameOnly === true) return { databases: databases.map(d => ({ name: d.name })), ok: 1 }
  const totalSize = databases.reduce((s, d) => s + Number(d.sizeOnDisk), 0)
  return { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 }
}

/** collMod of what the store has: an index's `hidden` flag and TTL (`expireAfterSeconds`). */
const collMod: Handler = (cmd, ctx) => {
  const name = collName(cmd, 'collMod')
  const coll = ctx.store.get(ctx.db, name)
  if (coll === undefined) throw new CommandError('NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`)
  const change = optDoc(cmd, 'index')
  if (change === undefined) return { ok: 1 }
  for (const k of Object.keys(change)) {
    if (k === 'prepareUnique' || k === 'unique' || k === 'forceNonUnique') {
      throw new CommandError('CommandNotSupported', `collMod.index.${k} is not supported by the embedded store`)
    }
    if (!['keyPattern', 'name', 'hidden', 'expireAfterSeconds'].includes(k)) throw new CommandError('IDLUnknownField', `BSON field 'collMod.index.${k}' is an unknown field.`)
  }
  if (change.name !== undefined && change.keyPattern !== undefined) throw new CommandError('InvalidOptions', 'Cannot specify both key pattern and name.')
  if (change.name === undefined && change.keyPattern === undefined) throw new CommandError('InvalidOptions', 'Must specify either index name or key pattern.')
  if (change.hidden === undefined && change.expireAfterSeconds === undefined) {
    throw new CommandError('InvalidOptions', 'no expireAfterSeconds, hidden, unique, or prepareUnique field')
  }
  if (change.hidden !== undefined && typeof change.hidden !== 'boolean') {
    throw new CommandError('TypeMismatch', 'BSON field \'collMod.index.hidden\' is the wrong type, expected type \'bool\'')
  }
  const seconds = change.expireAfterSeconds === undefined ? undefined : validExpireAfterSeconds(change.expireAfterSeconds, 'InvalidOptions')
  const index = [...coll.indexes.values()].find(i => typeof change.name === 'string'
    ? i.name === change.name
    : isPlainObject(change.keyPattern) && valueKey(i.spec.key) === valueKey(change.keyPattern))
  if (index === undefined) throw new CommandError('IndexNotFound', `cannot find index ${JSON.stringify(change.name ?? change.keyPattern)} for ns ${coll.ns}`)
  const reply: Document = {}
  const spec = { ...index.spec }
  if (seconds !== undefined) {
    const old = index.expireAfterSeconds
    if (old === undefined) {
      if (index.name === ID_INDEX.name) throw new CommandError('InvalidOptions', 'the _id field does not support TTL indexes')
      const problem = ttlKeyProblem(index.spec.key, 'InvalidOptions')
      if (problem !== undefined) throw problem
    } else reply.expireAfterSeconds_old = old
    reply.expireAfterSeconds_new = seconds
    spec.expireAfterSeconds = seconds
  }
  if (typeof change.hidden === 'boolean') {
    if (index.name === ID_INDEX.name) throw new CommandError('BadValue', 'can\'t hide _id index')
    if (index.hidden !== change.hidden) {
      reply.hidden_old = index.hidden
      reply.hidden_new = change.hidden
      if (change.hidden) spec.hidden = true
      else delete spec.hidden
    }
  }
  if (valueKey(spec) !== valueKey(index.spec)) {
    // Options change in place (no rebuild); the journal replays it as the index recreated with them.
    for (const k of Object.keys(index.spec)) if (!(k in spec)) delete index.spec[k]
    Object.assign(index.spec, spec)
    coll.indexesChanged()
    ctx.store.log({ op: 'dropIndex', db: ctx.db, coll: name, name: index.name })
    ctx.store.log({ op: 'index', db: ctx.db, coll: name, spec: { ...index.spec } })
  }
  return { ...reply, ok: 1 }
}

export const adminCommands: Record<string, Handler> = {
  collMod,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: (cmd, ctx) => dropIndexes({ ...cmd, dropIndexes: cmd.deleteIndexes }, ctx),
  listCollections,
  create,
  drop,
  dropDatabase: (_cmd, ctx) => { ctx.store.dropDatabase(ctx.db); return { dropped: ctx.db, ok: 1 } },
  listDatabases
}
