import t from 'tap'
import { type Db, MongoClient } from 'mongodb'
import { type EmbeddedMongo, startEmbeddedMongo } from '../../../src/embedded/mongo/index.js'

/** True when the suite runs against a real MongoDB (MONGODB_URL) instead of the embedded store. */
export const realMongo = (process.env.MONGODB_URL ?? '') !== ''

export interface Target { client: MongoClient, db: Db, url: string, server: EmbeddedMongo | undefined }

/**
 * Connects the official driver to MONGODB_URL or to a fresh embedded store, on a
 * database of this file's own that is dropped at the end of the file.
 */
export async function target (dbName: string): Promise<Target> {
  const server = realMongo ? undefined : await startEmbeddedMongo()
  const url = server?.url ?? String(process.env.MONGODB_URL)
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5000 })
  await client.connect()
  const db = client.db(dbName)
  await db.dropDatabase()
  t.teardown(async () => {
    await db.dropDatabase()
    await client.close()
    await server?.close()
  })
  return { client, db, url, server }
}
