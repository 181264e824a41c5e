import { type Collection, type Document, type Filter, MongoBulkWriteError, type UpdateFilter } from 'mongodb'

interface Queued<T extends Document> { filter: Filter<T>, update: UpdateFilter<T>, resolve: () => void, reject: (error: unknown) => void }

/**
 * updateMany for callers that only need to know it was applied, sent like group commit: one at a
 * time, and the updates asked for while one is on its way go together next, as the statements of
 * one unordered `update` command. A lone update goes at once; under load, N concurrent updates
 * cost one round trip instead of N. Each caller's promise settles with its own statement's outcome.
 */
export function createUpdateBatcher<T extends Document> (collection: Collection<T>) {
  let queued: Array<Queued<T>> = []
  let sending = false

  async function send (batch: Array<Queued<T>>): Promise<void> {
    try {
      await collection.bulkWrite(batch.map(({ filter, update }) => ({ updateMany: { filter, update } })), { ordered: false })
      for (const { resolve } of batch) resolve()
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error
      const failed = new Map([error.writeErrors].flat().map((writeError) => [writeError.index, writeError]))
      batch.forEach(({ resolve, reject }, i) => { if (failed.has(i)) reject(failed.get(i)); else resolve() })
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

  return {
    updateMany (filter: Filter<T>, update: UpdateFilter<T>): Promise<void> {
      return new Promise((resolve, reject) => {
        queued.push({ filter, update, resolve, reject })
        if (!sending) sendAll().catch(() => {}) // never rejects: every caller is settled inside
      })
    }
  }
}
