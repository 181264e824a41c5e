import t from 'tap'
import { pino } from 'pino'
import { build } from '../helpers/build.js'
import { loggerOptions } from '../../src/logger.js'

async function appWithCapturedLogs (t: Parameters<typeof build>[0]) {
  const lines: Array<Record<string, unknown>> = []
  const raw: string[] = []
  const stream = { write: (line: string) => { raw.push(line); lines.push(JSON.parse(line)) } }
  const logger = pino({ ...loggerOptions({ LOG_LEVEL: 'info' }), transport: undefined }, stream)
  const app = await build(t, {}, { logger })
  return { app, lines, raw }
}

t.test('one JSON line per request with id, method, route, status and duration', async (t) => {
  const { app, lines } = await appWithCapturedLogs(t)
  lines.length = 0
  const res = await app.inject({ url: '/api/health?verbose=1' })
  const requestLines = lines.filter((line) => line.msg === 'request completed')
  t.equal(requestLines.length, 1)
  t.match(requestLines[0], { reqId: res.headers['x-request-id'], method: 'GET', url: '/api/health', route: '/api/health', statusCode: 200, durationMs: Number })
})

t.test('a well-formed X-Request-Id is honoured and echoed; a bad one is replaced', async (t) => {
  const { app, lines } = await appWithCapturedLogs(t)
  const res = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'client-abc_123' } })
  t.equal(res.headers['x-request-id'], 'client-abc_123')
  t.ok(lines.some((line) => line.reqId === 'client-abc_123'))
  const bad = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'evil\nline "injected"' } })
  t.match(bad.headers['x-request-id'], /^[0-9a-f-]{36}$/)
})

t.test('Authorization values and passwords never reach the log', async (t) => {
  const { app, raw } = await appWithCapturedLogs(t)
  const secret = 'Token s3cr3t-token-value-that-must-not-leak'
  await app.inject({ url: '/api/health', headers: { authorization: secret } })
  await app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: secret }, payload: { username: 'a', password: 'hunter2hunter2' } })
  app.log.info({ req: { headers: { authorization: secret } }, user: { password: 'hunter2hunter2' } }, 'explicit')
  const all = raw.join('')
  t.notMatch(all, /s3cr3t-token-value/)
  t.notMatch(all, /hunter2hunter2/)
  t.match(all, /\[redacted\]/)
})

t.test('the Petstore\'s api_key header, login password and access tokens never reach the log', async (t) => {
  const { app, raw } = await appWithCapturedLogs(t)
  const key = 'petstore-api-key-value-that-must-not-leak'
  await app.inject({ url: '/api/v3/store/inventory', headers: { api_key: key } })
  await app.inject({ url: '/api/v3/user/login?username=someone&password=query-password-that-must-not-leak' })
  app.log.info({ req: { headers: { api_key: key } }, body: { access_token: key } }, 'explicit')
  const all = raw.join('')
  t.notMatch(all, /must-not-leak/)
})
