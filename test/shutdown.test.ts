import { spawn } from 'node:child_process'
import { once } from 'node:events'
import t from 'tap'

const fixture = new URL('./fixtures/slow-server.ts', import.meta.url).pathname

t.test('SIGTERM lets an in-flight request finish, then the process exits cleanly', async (t) => {
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

  const inFlight = fetch(`http://127.0.0.1:${port}/slow`)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const exited = once(child, 'exit')
  child.kill('SIGTERM')

  const res = await inFlight
  t.equal(res.status, 200)
  t.same(await res.json(), { finished: true })
  const [code] = await exited
  t.equal(code, 0, 'exit code 0 after a graceful shutdown')
  await t.rejects(fetch(`http://127.0.0.1:${port}/api/health`), 'no longer accepting connections')
})
