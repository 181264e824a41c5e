import t from 'tap'
import Fastify from 'fastify'
import { Type } from '@sinclair/typebox'
import errors from '../../src/plugins/errors.js'
import { ConflictError, FieldError, NotFoundError } from '../../src/errors.js'

async function appWithRoutes () {
  const logs: string[] = []
  const app = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
    ajv: { customOptions: { removeAdditional: false, allErrors: true } }
  })
  await app.register(errors)
  app.post('/validated', {
    schema: {
      body: Type.Object({ name: Type.String({ minLength: 2 }), age: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })
    }
  }, async () => ({ ok: true }))
  app.get('/missing', async () => { throw new NotFoundError('Workout') })
  app.get('/conflict', async () => { throw new ConflictError('Session is already completed') })
  app.get('/field', async () => { throw new FieldError('body/workout', 'does not exist') })
  app.get('/boom', async () => { throw new Error('connection to 10.0.0.7 refused: password=hunter2') })
  t.teardown(() => app.close())
  return { app, logs }
}

t.test('validation errors list every failing field', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject({ method: 'POST', url: '/validated', payload: { name: 'x', age: -1, extra: 1 } })
  t.equal(res.statusCode, 400)
  const body = res.json()
  t.match(body, { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_ERROR' })
  t.same(body.details.map((d: { field: string }) => d.field).sort(), ['body/age', 'body/extra', 'body/name'])
  t.match(body.details.find((d: { field: string }) => d.field === 'body/extra'), { message: 'is not an allowed field' })
})

t.test('a missing required field is named', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject({ method: 'POST', url: '/validated', payload: { name: 'ok' } })
  t.same(res.json().details, [{ field: 'body/age', message: "must have required property 'age'" }])
})

t.test('operator objects are refused where a value is expected', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject({ method: 'POST', url: '/validated', payload: { name: { $gt: '' }, age: 3 } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().details[0].field, 'body/name')
})

t.test('prototype keys in JSON are refused', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject({ method: 'POST', url: '/validated', headers: { 'content-type': 'application/json' }, payload: '{"name":"ab","age":1,"__proto__":{"admin":true}}' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { statusCode: 400, code: 'INVALID_JSON' })
})

t.test('malformed JSON is a 400 with the error body', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject({ method: 'POST', url: '/validated', headers: { 'content-type': 'application/json' }, payload: '{"name":' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { statusCode: 400, error: 'Bad Request', code: 'INVALID_JSON' })
})

t.test('domain errors keep their status and code', async (t) => {
  const { app } = await appWithRoutes()
  t.same((await app.inject('/missing')).json(), { statusCode: 404, error: 'Not Found', code: 'NOT_FOUND', message: 'Workout not found' })
  t.match((await app.inject('/conflict')).json(), { statusCode: 409, error: 'Conflict', code: 'CONFLICT' })
  t.same((await app.inject('/field')).json(), {
    statusCode: 400, error: 'Bad Request', code: 'VALIDATION_ERROR', message: 'body/workout does not exist', details: [{ field: 'body/workout', message: 'does not exist' }]
  })
})

t.test('unexpected errors are masked and logged with the request id', async (t) => {
  const { app, logs } = await appWithRoutes()
  const res = await app.inject('/boom')
  t.equal(res.statusCode, 500)
  t.same(Object.keys(res.json()).sort(), ['code', 'error', 'message', 'statusCode'])
  t.notMatch(res.body, /hunter2|10\.0\.0\.7|stack/)
  const line = JSON.parse(logs.find((l) => l.includes('request failed'))!)
  t.equal(line.level, 50)
  t.ok(line.reqId)
  t.match(line.err.message, /connection/)
})

t.test('unknown routes answer 404 with the error body', async (t) => {
  const { app } = await appWithRoutes()
  const res = await app.inject('/nope?x=1')
  t.same(res.json(), { statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'Route GET /nope not found' })
})

t.test('a known path with an unknown method answers 405 with Allow and the error body', async (t) => {
  const { app } = await appWithRoutes()
  app.delete('/items/:id', async () => ({ ok: true }))
  app.get('/items/:id', async () => ({ ok: true }))
  const res = await app.inject({ method: 'PUT', url: '/items/7/?x=1' })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'DELETE, GET, HEAD, OPTIONS')
  t.same(res.json(), { statusCode: 405, error: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED', message: 'Method PUT is not allowed on /items/7/; allowed: DELETE, GET, HEAD, OPTIONS' })
  const options = await app.inject({ method: 'OPTIONS', url: '/items/7' })
  t.equal(options.statusCode, 204)
  t.equal(options.headers.allow, 'DELETE, GET, HEAD, OPTIONS')
  t.equal((await app.inject({ method: 'PUT', url: '/items' })).statusCode, 404, 'a path no route matches is still 404')
  t.equal((await app.inject({ method: 'OPTIONS', url: '/items' })).statusCode, 404)
})

t.test('a union reports one detail per field, its branches joined', async (t) => {
  const app = Fastify({ ajv: { customOptions: { allErrors: true } } })
  await app.register(errors)
  app.get('/when', {
    schema: { querystring: Type.Object({ at: Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]) }) }
  }, async () => ({ ok: true }))
  t.teardown(() => app.close())
  const res = await app.inject('/when?at=nope')
  t.equal(res.statusCode, 400)
  t.same(res.json().details, [{ field: 'querystring/at', message: 'must match format "date" or must match format "date-time"' }])
})

t.test('database drivers failing for want of the database answer 503 with Retry-After; other driver errors stay 500', async (t) => {
  const { MongoNetworkError, MongoServerError, MongoServerSelectionError } = await import('mongodb')
  const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {})
  const unavailable: Record<string, Error> = {
    'pg-refused': pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    'pg-admin-shutdown': pgError('terminating connection due to administrator command', '57P01'),
    'pg-statement-timeout': pgError('canceling statement due to statement timeout', '57014'),
    'pg-terminated': pgError('Connection terminated unexpectedly'),
    'pg-pool-timeout': new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }),
    'mongo-network': new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'),
    // The driver's own constructor for this one wants a topology description ("internal use only").
    'mongo-selection': Object.assign(Object.create(MongoServerSelectionError.prototype) as Error, { message: 'Server selection timed out after 500 ms' }),
    'mongo-shutdown': new MongoServerError({ message: 'interrupted at shutdown', code: 11600 })
  }
  const failing: Record<string, Error> = {
    'pg-unique': pgError('duplicate key value violates unique constraint', '23505'),
    'mongo-duplicate': new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 })
  }
  const logs: string[] = []
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } } })
  await app.register(errors)
  for (const [name, error] of Object.entries({ ...unavailable, ...failing })) app.get(`/${name}`, async () => { throw error })
  t.teardown(() => app.close())

  for (const name of Object.keys(unavailable)) {
    const res = await app.inject(`/${name}`)
    t.equal(res.statusCode, 503, name)
    t.equal(res.headers['retry-after'], '5', `${name}: Retry-After`)
    t.same(res.json(), {
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'DATABASE_UNAVAILABLE',
      message: 'A database this request needs is not reachable right now; retry later'
    }, `${name}: the documented body, no driver message`)
  }
  for (const name of Object.keys(failing)) {
    const res = await app.inject(`/${name}`)
    t.equal(res.statusCode, 500, name)
    t.notOk(res.headers['retry-after'], `${name}: no Retry-After`)
  }
  t.ok(logs.some((line) => line.includes('"database unavailable"') && line.includes('"level":40')), 'logged as a warning')
})
