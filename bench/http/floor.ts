// The floor under the service's store-bound endpoints: what the official driver alone gets from the
// embedded store in a process of its own (as `npm start` runs it), with no HTTP and no app around
// it. A `ping` is one round trip doing nothing; the insert is a durable insertOne of a set-log-shaped
// document under the set-log indexes, what a set write ends with.
import { MongoClient, ObjectId } from 'mongodb'
import { createIndexBuilder } from '../../src/lib/mongo-indexes.js'
import { logIndexes } from '../../src/modules/logs/repository.js'
import { treeCpu } from './processes.js'
import { startStandaloneStore } from './servers.js'

export interface FloorRow { name: string, connections: number, rps: number, clientUs: number, storeUs: number }

const setLog = (i: number) => ({
  _id: new ObjectId(),
  user_id: 1 + (i % 50),
  workout_session_id: new ObjectId(),
  exercise_id: new ObjectId(),
  set_number: 1 + (i % 10),
  reps: 5 + (i % 8),
  weight: 20 + (i % 40) * 2.5,
  duration_seconds: null,
  distance: null,
  rpe: null,
  is_warmup: false,
  notes: '',
  completed_at: new Date(),
  session_completed_at: null,
  created_at: new Date(),
  updated_at: new Date(),
  entered_by_user_id: 1
})

/** `op` called in `connections` loops for `seconds`; CPU per call of this process and of the store's. */
async function measure (name: string, connections: number, seconds: number, storePid: number, op: (i: number) => Promise<unknown>): Promise<FloorRow> {
  let done = 0
  const deadline = performance.now() + seconds * 1000
  const clientBefore = process.cpuUsage()
  const storeBefore = await treeCpu(storePid)
  const started = performance.now()
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < deadline) await op(done++)
  }))
  const elapsed = performance.now() - started
  const client = process.cpuUsage(clientBefore)
  const storeMs = (await treeCpu(storePid)).ownMs - storeBefore.ownMs
  return { name, connections, rps: done / elapsed * 1000, clientUs: (client.user + client.system) / done, storeUs: storeMs * 1000 / done }
}

export async function driverFloor (root: string, seconds: number, warmupSeconds: number): Promise<FloorRow[]> {
  const store = await startStandaloneStore(root)
  const client = new MongoClient(store.url, { maxPoolSize: 32 })
  try {
    const db = client.db('floor')
    await createIndexBuilder(db).ensure(logIndexes)
    const logs = db.collection(logIndexes[0].collection)
    const pid = store.child.proc.pid!
    const rows: FloorRow[] = []
    for (const connections of [32, 1]) {
      const ping = async () => await db.command({ ping: 1 })
      const insert = async (i: number) => await logs.insertOne(setLog(i))
      if (warmupSeconds > 0) await measure('warm-up', connections, warmupSeconds, pid, insert)
      rows.push(await measure('ping', connections, seconds, pid, ping))
      rows.push(await measure('durable insertOne of a set log', connections, seconds, pid, insert))
    }
    return rows
  } finally {
    await client.close()
    await store.close()
  }
}
