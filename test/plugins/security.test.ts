import t from 'tap'
import { build } from '../helpers/build.js'

t.test('JSON answers carry the headers that protect API clients, and no HTML-only ones', async (t) => {
  const app = await build(t)
  for (const url of ['/api/health', '/api/no-such-route']) {
    const res = await app.inject(url)
    t.equal(res.headers['x-content-type-options'], 'nosniff', url)
    t.equal(res.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", url)
    for (const header of ['x-frame-options', 'cross-origin-opener-policy', 'x-dns-prefetch-control', 'x-xss-protection', 'strict-transport-security']) {
      t.equal(res.headers[header], undefined, `${url} ${header}`)
    }
  }
})

t.test('HSTS is sent over TLS only', async (t) => {
  const app = await build(t, { TRUST_PROXY: true })
  const res = await app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
  t.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains')
})

t.test('the docs UI, the one HTML page, gets helmet\'s full set', async (t) => {
  const app = await build(t)
  const res = await app.inject('/api/docs/json')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-security-policy'], /default-src 'self'/)
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
  t.equal(res.headers['x-content-type-options'], 'nosniff')
})

t.test('CORS allows only the configured origins', async (t) => {
  const app = await build(t, { CORS_ORIGINS: 'https://app.example.com' })
  const allowed = await app.inject({ url: '/api/health', headers: { origin: 'https://app.example.com' } })
  t.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com')
  const other = await app.inject({ url: '/api/health', headers: { origin: 'https://evil.example.com' } })
  t.equal(other.headers['access-control-allow-origin'], undefined)
})

t.test('CORS is off by default', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/api/health', headers: { origin: 'https://app.example.com' } })
  t.equal(res.headers['access-control-allow-origin'], undefined)
  const preflight = await app.inject({ method: 'OPTIONS', url: '/api/health', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } })
  t.equal(preflight.statusCode, 204, 'OPTIONS is still answered')
  t.match(preflight.headers.allow, /GET/)
  t.equal(preflight.headers['access-control-allow-origin'], undefined)
  t.equal(preflight.headers['access-control-allow-methods'], undefined)
})

t.test('bodies over the limit answer 413', async (t) => {
  const app = await build(t, { BODY_LIMIT_BYTES: 2048 })
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x'.repeat(4096), password: 'y' } })
  t.equal(res.statusCode, 413)
  t.match(res.json(), { statusCode: 413, error: 'Payload Too Large', code: 'BODY_TOO_LARGE' })
})

t.test('non-JSON bodies answer 415', async (t) => {
  const app = await build(t)
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': type }, payload: 'username=a' })
    t.equal(res.statusCode, 415, type)
    t.match(res.json(), { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' })
  }
})

t.test('the global rate limit answers 429 with Retry-After', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: 3 })
  for (let i = 0; i < 3; i++) t.equal((await app.inject('/api/docs/json')).statusCode, 200)
  const res = await app.inject('/api/docs/json')
  t.equal(res.statusCode, 429)
  t.ok(Number(res.headers['retry-after']) > 0)
  t.match(res.json(), { statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' })
})

t.test('health probes are never rate limited', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: 1 })
  for (let i = 0; i < 3; i++) t.equal((await app.inject('/api/health')).statusCode, 200)
})
