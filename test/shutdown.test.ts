import { spawn } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'

const fixture = new URL('./fixtures/slow-server.ts', import.meta.url).pathname

/** The fixture server in a child process, and the port it listens on. */
async function startServer (t: Test) {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TEST_NO_CONTAINERS: '1' } })
  t.teardown(() => { child.kill('SIGKILL') })
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /PORT (\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)))
  })
  return { child, port, exited: once(child, 'exit') }
}

t.test('SIGTERM lets an in-flight request finish; idle keep-alive connections do not hold the exit', async (t) => {
  const { child, port, exited } = await startServer(t)
  const idle = new http.Agent({ keepAlive: true })
  t.teardown(() => idle.destroy())
  const warmup = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port, path: '/api/health', agent: idle }, (res) => {
    res.resume()
    res.on('end', () => resolve(res.statusCode ?? 0))
  }))
  t.equal(warmup, 200, 'a keep-alive connection is open and idle')

  const inFlight = fetch(`http://127.0.0.1:${port}/slow`)
  await sleep(300)
  const signalled = Date.now()
  child.kill('SIGTERM')

  const res = await inFlight
  t.equal(res.status, 200)
  t.same(await res.json(), { finished: true })
  const [code] = await exited
  t.equal(code, 0, 'exit code 0 after a graceful shutdown')
  t.ok(Date.now() - signalled < 6000, `exited ${Date.now() - signalled} ms after SIGTERM (the slow request takes 1.5 s; the drain bound is 8 s)`)
  await t.rejects(fetch(`http://127.0.0.1:${port}/api/health`), 'no longer accepting connections')
})

/** A GET on a connection of its own: `sent` once the request is written, `answer` its status and body or the error. */
function slowRequest (port: number) {
  const request = http.get({ host: '127.0.0.1', port, path: '/slow?cpu=40', agent: new http.Agent({ keepAlive: true }) })
  const sent = once(request, 'finish')
  const answer = new Promise<string>((resolve) => {
    request.on('response', (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => { body += chunk.toString() })
      res.on('end', () => resolve(`${res.statusCode} ${body}`))
    })
    request.on('error', (error) => resolve(`failed: ${error.message}`))
  })
  return { sent, answer }
}

t.test('SIGTERM right after a burst: every request already sent gets its answer', async (t) => {
  const { child, port, exited } = await startServer(t)
  // Each request costs the server 40 ms of CPU, so most are still unread when SIGTERM arrives.
  const requests = Array.from({ length: 24 }, () => slowRequest(port))
  await Promise.all(requests.map((request) => request.sent))
  await sleep(100)
  child.kill('SIGTERM')

  const results = await Promise.all(requests.map((request) => request.answer))
  const counts = new Map<string, number>()
  for (const result of results) counts.set(result, (counts.get(result) ?? 0) + 1)
  const tally = [...counts].map(([result, count]) => `${count} × ${result}`)
  t.same(tally, ['24 × 200 {"finished":true}'], tally.join('; '))
  const [code] = await exited
  t.equal(code, 0, 'exit code 0 after a graceful shutdown')
})
