// The app under fuzz, in a worker thread of its own: a request that spins its event loop cannot
// stop the test's watchdog (target.ts), which then ends this thread and reports the hang.
import { parentPort, workerData } from 'node:worker_threads'
import { build } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { createTokenRepository } from '../../src/modules/auth/token-repository.js'
import type { Call, Reply } from './target.js'

const app = await build(workerData as Config)
await app.ready()
const port = parentPort!

async function answer (call: Call): Promise<unknown> {
  if (call.kind === 'inject') {
    const res = await app.inject(call.request)
    return { statusCode: res.statusCode, headers: res.headers, body: res.body }
  }
  if (call.kind === 'sql') return (await app.pg.query(call.text, call.values)).rows
  // A fresh token for a fuzz user, active again and with its role back, whatever the fuzzer did to it —
  // even deleted it (DELETE /api/auth/me): the account comes back under the same id.
  await app.pg.query(
    `INSERT INTO users (id, username, email, password_hash, role) OVERRIDING SYSTEM VALUE
     VALUES ($1::int, 'fuzz_restored_' || $1::int, 'restored_' || $1::int || '@fuzz.test', 'restored', $2)
     ON CONFLICT (id) DO UPDATE SET is_active = true, role = $2`, [call.userId, call.role])
  return (await createTokenRepository(app.pg.pool).issue(call.userId, 1, { name: 'fuzz' })).token
}

port.on('message', (call: Call) => {
  answer(call).then(
    (result) => port.postMessage({ id: call.id, result } satisfies Reply),
    (error: Error) => port.postMessage({ id: call.id, error: error.stack ?? String(error) } satisfies Reply))
})
port.postMessage('ready')
