import { connect } from 'node:net'
import t from 'tap'
import { configWith } from '../../src/config.js'
import { serverTimeouts } from '../../src/lib/server-timeouts.js'
import { build } from '../helpers/build.js'

/** Writes `head` on a raw connection, then `trickle` one byte every 200 ms; resolves with what came back and when. */
function slowClient (port: number, head: string, trickle = '') {
  const started = Date.now()
  const socket = connect(port, '127.0.0.1')
  socket.write(head)
  let sent = 0
  const dripping = setInterval(() => { if (sent < trickle.length) socket.write(trickle[sent++]) }, 200)
  return new Promise<{ response: string, ms: number }>((resolve) => {
    let response = ''
    socket.on('data', (chunk: Buffer) => { response += chunk.toString() })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(dripping)
      resolve({ response, ms: Date.now() - started })
    })
  })
}

function bodyOf (response: string): unknown {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))
}

t.test('the server options come from the config', async (t) => {
  const options = serverTimeouts(configWith({ REQUEST_TIMEOUT_MS: 30_000, HEADERS_TIMEOUT_MS: 10_000, KEEP_ALIVE_TIMEOUT_MS: 72_000 }))
  t.match(options, { requestTimeout: 30_000, keepAliveTimeout: 72_000, http: { headersTimeout: 10_000, connectionsCheckingInterval: 1000 } })
  const short = serverTimeouts(configWith({ REQUEST_TIMEOUT_MS: 1000, HEADERS_TIMEOUT_MS: 5000 }))
  t.equal(short.http.headersTimeout, 1000, 'headers never get longer than the whole request')
})

t.test('slow clients are cut off with 408 and the error body', async (t) => {
  const app = await build(t, { REQUEST_TIMEOUT_MS: 1500, HEADERS_TIMEOUT_MS: 500, KEEP_ALIVE_TIMEOUT_MS: 5000 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  t.equal(app.server.keepAliveTimeout, 5000, 'keep-alive timeout set')
  const expected = { statusCode: 408, error: 'Request Timeout', code: 'REQUEST_TIMEOUT' }

  const [stalledHeaders, tricklingBody] = await Promise.all([
    slowClient(port, 'GET /api/health HTTP/1.1\r\nHost: localhost\r\n'),
    slowClient(port, 'POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{', ' '.repeat(199))
  ])

  t.match(stalledHeaders.response, /^HTTP\/1\.1 408 /, 'stalled headers: 408')
  t.match(bodyOf(stalledHeaders.response), expected)
  t.ok(stalledHeaders.ms < 5000, `stalled headers cut after ${stalledHeaders.ms} ms (bound 500 ms + checks)`)
  t.match(tricklingBody.response, /^HTTP\/1\.1 408 /, 'trickling body: 408')
  t.match(bodyOf(tricklingBody.response), expected)
  t.ok(tricklingBody.ms < 8000, `trickling body cut after ${tricklingBody.ms} ms (bound 1500 ms + checks; it would take 40 s)`)
})
