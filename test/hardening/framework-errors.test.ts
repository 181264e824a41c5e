import t from 'tap'
import type { InjectOptions } from 'fastify'
import { build } from '../helpers/build.js'
import { createUser } from '../helpers/users.js'

// Fastify answers some requests itself (a URL it cannot decode, a path segment past maxParamLength,
// no route, a body it cannot parse): each answer must be the API's error body with a short message.
t.test("Fastify's own refusals carry the error body and never echo the request at length", async (t) => {
  const app = await build(t)
  const user = await createUser(app)
  const long = 'b'.repeat(100_000)
  const cases: Array<[string, InjectOptions, number, string]> = [
    ['undecodable path', { url: '/api/exercises/%ED%A0%80' }, 400, 'BAD_REQUEST'],
    ['undecodable path, long query', { url: `/api/exercises/%ED%A0%80?pad=${long}` }, 400, 'BAD_REQUEST'],
    ['malformed escape', { method: 'DELETE', url: '/api/workouts/%ZZ' }, 400, 'BAD_REQUEST'],
    ['path segment too long', { url: `/api/exercises/${'a'.repeat(300)}` }, 414, 'URI_TOO_LONG'],
    ['unknown route, long path', { url: `/api/exercises/x/${long}` }, 404, 'ROUTE_NOT_FOUND'],
    ['unknown method on a route', { method: 'PATCH', url: '/api/health' }, 405, 'METHOD_NOT_ALLOWED'],
    ['overlong id on a POST route', { method: 'POST', url: `/api/workouts/${long}/clone` }, 414, 'URI_TOO_LONG'],
    ['not JSON', { method: 'POST', url: '/api/exercises', headers: { 'content-type': 'text/plain' }, payload: long }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['body too large', { method: 'POST', url: '/api/exercises', headers: { 'content-type': 'application/json' }, payload: `"${'x'.repeat(2_000_000)}"` }, 413, 'BODY_TOO_LARGE'],
    ['broken JSON', { method: 'POST', url: '/api/exercises', headers: { 'content-type': 'application/json' }, payload: `{"${long}` }, 400, 'INVALID_JSON']
  ]
  for (const [name, request, statusCode, code] of cases) {
    const res = await app.inject({ ...request, headers: { ...user.headers, ...request.headers } })
    t.equal(res.statusCode, statusCode, `${name}: status`)
    const body = res.json()
    t.match(body, { statusCode, code, message: String }, `${name}: error body`)
    t.ok(res.body.length < 500, `${name}: a short body (${res.body.length} characters)`)
  }
})

t.test('unknown field names are quoted clipped in validation errors', async (t) => {
  const app = await build(t)
  const user = await createUser(app)
  const names = Array.from({ length: 20 }, (_, i) => `${i}${'k'.repeat(5_000)}`)
  const body = await app.inject({ method: 'POST', url: '/api/workouts', headers: user.headers, payload: Object.fromEntries(names.map((name) => [name, 1])) })
  const query = await app.inject({ url: `/api/workouts?${names.map((name) => `${name}=1`).join('&')}`, headers: user.headers })
  for (const res of [body, query]) {
    t.equal(res.statusCode, 400)
    t.equal(res.json().code, 'VALIDATION_ERROR')
    t.ok(res.body.length < 16 * 1024, `a small error body (${res.body.length} characters)`)
    const fields = (res.json().details as Array<{ field: string }>).map((detail) => detail.field)
    t.ok(fields.some((field) => /^(body|querystring)\/0k+…$/.test(field) && field.length === 101), 'the name is quoted, clipped')
  }
})
