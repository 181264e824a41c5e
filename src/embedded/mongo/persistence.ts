import {
  closeSync, existsSync, fsync as fsyncCb, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, writeSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Document } from 'bson'
import type { Logger } from './server.js'
import { encodeRecord, readRecords } from './records.js'
import type { Journal, Store, WriteRecord } from './store.js'

const fsyncAsync = promisify(fsyncCb)

interface Batch { promise: Promise<void>, resolve: () => void, reject: (err: unknown) => void }

function newBatch (): Batch {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((_resolve, _reject) => { resolve = _resolve; reject = _reject })
  // A batch nobody waits for (w:0 writes only) must not become an unhandled rejection.
  promise.catch(() => {})
  return { promise, resolve, reject }
}

const SNAPSHOT_WRITE_BYTES = 1024 * 1024

/** How long a `j: false` write may wait for the journal when no other write flushes it first: mongod's default commitIntervalMs. */
export const COMMIT_INTERVAL_MS = 100

/** writeSync until all of `data` is written (one call may write less than asked). */
function writeAll (fd: number, data: Buffer): void {
  let written = 0
  while (written < data.length) written += writeSync(fd, data, written, data.length - written)
}

/**
 * Durability: every applied write is appended to `journal-<seq>.log`. The server calls
 * `commit()` after each write command and sends the reply only when the promise it returns
 * resolves, i.e. once the command's records are written and fsynced, so an acknowledged
 * write survives SIGKILL and power loss. Group commit: records appended while a batch is
 * being fsynced (off the event loop, on libuv's pool) wait for the next batch, and one
 * write+fsync then acknowledges all of them. The batch is written on the event loop (a copy
 * into the page cache, microseconds), so a lone write waits for one trip to the pool, not two. When the journal passes
 * `compactBytes`, between two batches, the whole store is written to `snapshot.tmp`,
 * fsynced, renamed over `snapshot.bson` (atomic) and a new, empty journal with the next
 * sequence number starts; the snapshot names that sequence. The snapshot holds every
 * applied write, so records still waiting for a batch are durable through it.
 */
export class DiskJournal implements Journal {
  private readonly dir: string
  private readonly store: Store
  private readonly compactBytes: number
  private seq = 0
  private fd: number | undefined
  private size = 0
  private pending: Buffer[] = []
  /** Settles when `pending` is durable; undefined while `pending` is empty. */
  private next: Batch | undefined
  /** The write+fsync loop, while it runs. */
  private flushing: Promise<void> | undefined
  /** The flush `commitSoon` scheduled, until it runs. */
  private soon: NodeJS.Timeout | undefined
  /** After a failed write or fsync the journal's contents are unknown: every later commit fails. */
  private failed: unknown

  private readonly commitIntervalMs: number

  constructor (dir: string, store: Store, compactBytes = 64 * 1024 * 1024, commitIntervalMs = COMMIT_INTERVAL_MS) {
    this.dir = dir
    this.store = store
    this.compactBytes = compactBytes
    this.commitIntervalMs = commitIntervalMs
  }

  /** Loads the snapshot, replays the journal (dropping a torn tail) and opens it for appending. */
  open (logger: Logger): void {
    mkdirSync(this.dir, { recursive: true })
    lock(join(this.dir, 'store.lock'))
    try {
      this.load(logger)
    } catch (err) {
      unlock(join(this.dir, 'store.lock'))
      throw err
    }
    this.store.journal = this
    logger.info({ dir: this.dir, collections: countCollections(this.store) }, 'embedded mongo: data loaded')
  }

  private load (logger: Logger): void {
    const snapshot = join(this.dir, 'snapshot.bson')
    if (existsSync(snapshot)) this.seq = loadSnapshot(snapshot, this.store)
    const journal = this.journalPath(this.seq)
    if (existsSync(journal)) {
      const { records, validBytes, totalBytes } = readRecords(journal)
      for (const r of records) replay(this.store, r as WriteRecord, logger)
      if (validBytes < totalBytes) {
        logger.warn({ journal, droppedBytes: totalBytes - validBytes }, 'embedded mongo: dropped a torn journal tail')
        truncateSync(journal, validBytes)
      }
      this.size = validBytes
    }
    for (const f of readdirSync(this.dir)) {
      if ((/^journal-\d+\.log$/.test(f) && f !== `journal-${this.seq}.log`) || f === 'snapshot.tmp') unlinkSync(join(this.dir, f))
    }
    this.fd = openSync(journal, 'a')
  }

  append (record: WriteRecord): void {
    if (this.failed === undefined) this.pending.push(encodeRecord(record))
  }

  /**
   * Resolves once every record appended so far is durable; undefined when nothing is
   * pending or in flight. Rejects when the journal could not be written.
   */
  commit (): Promise<void> | undefined {
    if (this.failed !== undefined) return Promise.reject(this.failed)
    if (this.pending.length === 0) return this.flushing
    this.next ??= newBatch()
    // setImmediate rather than at once: the commands of every socket read in this turn of
    // the event loop join the first batch too.
    this.flushing ??= new Promise<void>(resolve => setImmediate(resolve)).then(async () => { await this.flush() })
    return this.next.promise
  }

  /**
   * For a `j: false` write, acknowledged before it is durable: its records go with the next
   * batch, which another write's commit starts, or this one within `commitIntervalMs` (mongod's
   * journal commit interval, by default). Rejects at once when the journal has failed.
   */
  commitSoon (): Promise<void> | undefined {
    if (this.failed !== undefined) return Promise.reject(this.failed)
    this.soon ??= setTimeout(() => {
      this.soon = undefined
      this.commit()?.catch(() => {}) // a failure fails every later commit: reported there
    }, this.commitIntervalMs).unref()
    return undefined
  }

  /** Writes batches until none is waiting; clears `flushing` in the same turn it finds none. */
  private async flush (): Promise<void> {
    while (this.next !== undefined && this.fd !== undefined) {
      const batch = this.next
      const data = Buffer.concat(this.pending)
      this.pending = []
      this.next = undefined
      try {
        writeAll(this.fd, data)
        await fsyncAsync(this.fd)
        this.size += data.length
        if (this.size >= this.compactBytes) this.compactNow()
      } catch (err) {
        batch.reject(err)
        this.fail(err)
        break
      }
      batch.resolve()
    }
    this.flushing = undefined
  }

  private fail (err: unknown): void {
    this.failed = err
    this.next?.reject(err)
    this.next = undefined
    this.pending = []
  }

  /**
   * Folds journal into a fresh snapshot and starts an empty journal. Runs between batches
   * only, never while one is being written; the snapshot also makes the records waiting
   * for the next batch durable.
   */
  private compactNow (): void {
    if (this.fd === undefined) return
    const next = this.seq + 1
    const tmp = join(this.dir, 'snapshot.tmp')
    const fd = openSync(tmp, 'w')
    // Records go out in writes of ~1 MB: one system call per document took a third of a snapshot's time.
    let chunk: Buffer[] = []
    let chunkBytes = 0
    const flushChunk = (): void => { writeAll(fd, Buffer.concat(chunk, chunkBytes)); chunk = []; chunkBytes = 0 }
    const write = (doc: Document): void => {
      const record = encodeRecord(doc)
      chunk.push(record)
      chunkBytes += record.length
      if (chunkBytes >= SNAPSHOT_WRITE_BYTES) flushChunk()
    }
    write({ t: 'meta', seq: next, version: 1 })
    for (const [db, colls] of this.store.dbs) {
      for (const coll of colls.values()) {
        write({ t: 'coll', db, coll: coll.name, options: coll.options })
        for (const index of coll.indexes.values()) if (index.name !== '_id_') write({ t: 'index', db, coll: coll.name, spec: index.spec })
        for (const doc of coll.docs.values()) write({ t: 'doc', db, coll: coll.name, doc })
      }
    }
    write({ t: 'end' })
    flushChunk()
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, join(this.dir, 'snapshot.bson'))
    syncDir(this.dir)
    closeSync(this.fd)
    const old = this.journalPath(this.seq)
    this.seq = next
    this.fd = openSync(this.journalPath(next), 'a')
    this.size = 0
    unlinkSync(old)
    this.pending = []
    const waiting = this.next
    this.next = undefined
    waiting?.resolve()
  }

  /** Lets the batch in flight finish, then writes a snapshot and releases the directory. */
  async close (): Promise<void> {
    clearTimeout(this.soon)
    while (this.flushing !== undefined || (this.pending.length > 0 && this.failed === undefined)) {
      await this.commit()?.catch(() => {})
    }
    if (this.fd === undefined) return
    if (this.failed === undefined) this.compactNow()
    closeSync(this.fd)
    this.fd = undefined
    this.store.journal = undefined
    unlock(join(this.dir, 'store.lock'))
  }

  private journalPath (seq: number): string {
    return join(this.dir, `journal-${seq}.log`)
  }
}

/** One process per data directory: a second one would interleave journals. Stale locks (dead pid) are taken over. */
const lockedHere = new Set<string>()

function lock (path: string): void {
  const full = resolve(path)
  if (lockedHere.has(full)) throw new Error(`embedded mongo: data directory is already open in this process (${path})`)
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' })
    lockedHere.add(full)
    return
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const owner = Number(readFileSync(path, 'utf8'))
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
    throw new Error(`embedded mongo: data directory is in use by process ${owner} (${path})`)
  }
  writeFileSync(path, String(process.pid))
  lockedHere.add(full)
}

function unlock (path: string): void {
  rmSync(path, { force: true })
  lockedHere.delete(resolve(path))
}

function alive (pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM' }
}

function syncDir (dir: string): void {
  try { const fd = openSync(dir, 'r'); fsyncSync(fd); closeSync(fd) } catch { /* not supported on every platform */ }
}

function countCollections (store: Store): number {
  let n = 0
  for (const colls of store.dbs.values()) n += colls.size
  return n
}

function loadSnapshot (path: string, store: Store): number {
  const { records } = readRecords(path)
  const meta = records[0]
  if (meta?.t !== 'meta' || records[records.length - 1]?.t !== 'end') throw new Error(`embedded mongo: damaged snapshot ${path}`)
  // Indexes are built after the documents are in, each sorted once (see Index.addAll).
  const indexes: Document[] = []
  for (const r of records) {
    if (r.t === 'coll') store.ensure(r.db, r.coll, r.options)
    else if (r.t === 'index') indexes.push(r)
    else if (r.t === 'doc') store.ensure(r.db, r.coll).insert(r.doc)
  }
  for (const r of indexes) store.ensure(r.db, r.coll).createIndex(r.spec)
  return Number(meta.seq)
}

/** Applies one journal record; records hold final states, so replay is a plain redo. */
function replay (store: Store, r: WriteRecord, logger: Logger): void {
  try {
    switch (r.op) {
      case 'create': store.ensure(r.db, r.coll, r.options); break
      case 'put': store.ensure(r.db, r.coll).put(r.doc); break
      case 'del': store.get(r.db, r.coll)?.removeById(r.id); break
      case 'index': store.ensure(r.db, r.coll).createIndex(r.spec as never); break
      case 'dropIndex': store.get(r.db, r.coll)?.dropIndex(r.name); break
      case 'drop': store.drop(r.db, r.coll); break
      case 'dropDb': store.dropDatabase(r.db); break
    }
  } catch (err) {
    logger.warn({ err, op: r.op }, 'embedded mongo: journal record could not be replayed')
  }
}
