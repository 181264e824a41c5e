import type { Document } from 'bson'
import { Collection } from './collection.js'
import { CommandError } from './errors.js'

/** One applied change, as written to the journal and replayed on start. */
export type WriteRecord =
  | { op: 'create', db: string, coll: string, options: Document }
  | { op: 'put', db: string, coll: string, doc: Document }
  | { op: 'del', db: string, coll: string, id: unknown }
  | { op: 'index', db: string, coll: string, spec: Document }
  | { op: 'dropIndex', db: string, coll: string, name: string }
  | { op: 'drop', db: string, coll: string }
  | { op: 'dropDb', db: string }

export interface Journal { append (record: WriteRecord): void }

/** All databases and collections of one server. */
export class Store {
  readonly dbs = new Map<string, Map<string, Collection>>()
  journal: Journal | undefined
  /** How many records were logged so far: a command that changed it must wait for the journal. */
  logged = 0

  log (record: WriteRecord): void {
    this.logged++
    this.journal?.append(record)
  }

  get (db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name)
  }

  /** Returns the collection, creating it (implicitly, like MongoDB on first write) when missing. */
  ensure (db: string, name: string, options: Document = {}): Collection {
    const existing = this.get(db, name)
    if (existing !== undefined) return existing
    validateName(db, name)
    let colls = this.dbs.get(db)
    if (colls === undefined) this.dbs.set(db, (colls = new Map()))
    const coll = new Collection(db, name, options)
    colls.set(name, coll)
    this.log({ op: 'create', db, coll: name, options })
    return coll
  }

  drop (db: string, name: string): Collection | undefined {
    const colls = this.dbs.get(db)
    const coll = colls?.get(name)
    if (colls === undefined || coll === undefined) return undefined
    colls.delete(name)
    if (colls.size === 0) this.dbs.delete(db)
    this.log({ op: 'drop', db, coll: name })
    return coll
  }

  /**
   * One pass of the TTL monitor: deletes every document a TTL index has expired, journaled
   * like any delete. Returns how many went.
   */
  expireTtl (now = Date.now()): number {
    let n = 0
    for (const colls of this.dbs.values()) {
      for (const coll of colls.values()) {
        for (const doc of coll.expired(now)) {
          coll.remove(doc)
          this.log({ op: 'del', db: coll.db, coll: coll.name, id: doc._id })
          n++
        }
      }
    }
    return n
  }

  dropDatabase (db: string): void {
    if (!this.dbs.delete(db)) return
    this.log({ op: 'dropDb', db })
  }
}

function validateName (db: string, name: string): void {
  if (db === '' || /[/\\. "$]/.test(db)) throw new CommandError('InvalidNamespace', `Invalid database name: '${db}'`)
  if (name === '' || name.includes('$') || name.startsWith('system.')) {
    throw new CommandError('InvalidNamespace', `Invalid collection name: ${name}`)
  }
}
