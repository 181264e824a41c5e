import { type AnyBulkWriteOperation, type BulkWriteOptions, type Collection, type Document, type Filter, MongoBulkWriteError, type OptionalId, type UpdateFilter } from 'mongodb'

interface Queued<T extends Document> { ops: Array<AnyBulkWriteOperation<T>>, resolve: () => void, reject: (error: unknown) => void }

/**
 * Writes for callers that only need to know they were applied, sent like group commit: one batch
 * at a time per collection, and the writes asked for while one is on its way go together next, as
 * one unordered bulk write (one command per kind of write). A lone write goes at once; under load,
 * N concurrent writes cost one round trip instead of N. Each caller's promise settles with the
 * outcome of its own statements: rejected when any of them failed.
 */
export function createWriteBatcher<T extends Document> (collection: Collection<T>, options: Pick<BulkWriteOptions, 'writeConcern'> = {}) {
  let queued: Array<Queued<T>> = []
  let sending = false

  async function send (batch: Array<Queued<T>>): Promise<void> {
    try {
      await collection.bulkWrite(batch.flatMap(({ ops }) => ops), { ...options, ordered: false })
      for (const { resolve } of batch) resolve()
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error
      const failed = new Map([error.writeErrors].flat().map((writeError) => [writeError.index, writeError]))
      let first = 0
      for (const { ops, resolve, reject } of batch) {
        const own = [...failed.keys()].find((index) => index >= first && index < first + ops.length)
        if (own === undefined) resolve(); else reject(failed.get(own))
        first += ops.length
      }
    }
  }

  async function sendAll (): Promise<void> {
    sending = true
    while (queued.length > 0) {
      const batch = queued
      queued = []
      await send(batch).catch((error: unknown) => { for (const { reject } of batch) reject(error) })
    }
    sending = false
  }

  function write (ops: Array<AnyBulkWriteOperation<T>>): Promise<void> {
    return new Promise((resolve, reject) => {
      queued.push({ ops, resolve, reject })
      if (!sending) sendAll().catch(() => {}) // never rejects: every caller is settled inside
    })
  }

  return {
    updateMany: (filter: Filter<T>, update: UpdateFilter<T>): Promise<void> => write([{ updateMany: { filter, update } }]),
    /** The documents must carry their `_id`s: the caller answers with them. */
    insertMany: (docs: ReadonlyArray<OptionalId<T>>): Promise<void> => write(docs.map((document) => ({ insertOne: { document } })))
  }
}
