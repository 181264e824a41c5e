import { randomBytes } from 'node:crypto'
import { pino } from 'pino'
import t from 'tap'
import { build } from '../../../src/app.js'
import { configWith } from '../../../src/config.js'
import { loggerOptions } from '../../../src/logger.js'
import { hashToken } from '../../../src/modules/auth/tokens.js'
import { testDatabases } from '../../helpers/databases.js'
import { CHEAP_ARGON2 } from './fixtures.js'

t.test('no password, hash or token in any log line, even at trace level', async (t) => {
  const dbs = await testDatabases()
  const isolation = `t_auth_leaks_${randomBytes(4).toString('hex')}`
  const config = configWith({
    ...CHEAP_ARGON2,
    LOG_LEVEL: 'trace',
    NODE_ENV: 'test',
    DATABASE_URL: dbs.postgresUrl,
    MONGODB_URL: dbs.mongoUrl,
    POSTGRES_SCHEMA: isolation,
    POSTGRES_POOL_MAX: 1,
    MONGODB_DB: isolation,
    RATE_LIMIT_MAX: 100_000,
    SHED_EVENT_LOOP_DELAY_MS: 0,
    SHED_LATENCY_MS: 0
  })
  const lines: string[] = []
  const logger = pino({ ...loggerOptions(config), transport: undefined }, { write: (line: string) => { lines.push(line) } })
  const app = await build(config, { logger })
  t.teardown(async () => {
    await app.mongo.db!.dropDatabase()
    await app.pg.query(`DROP SCHEMA "${isolation}" CASCADE`)
    await app.close()
  })

  const password = 'Secret-Passphrase-1'
  const newPassword = 'Other-Passphrase-2'
  const registered = await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'leaky', email: 'leaky@example.com', password } })
  const { token } = registered.json()
  const headers = { authorization: `Token ${token}` }
  await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaky', password: 'Wrong-Passphrase-3' } })
  const loggedIn = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaky', password } })).json().token
  await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { current_password: 'Wrong-Passphrase-3', new_password: newPassword } })
  await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { current_password: password, new_password: newPassword } })
  await app.inject({ method: 'POST', url: '/api/auth/register', payload: { username: 'leaky', email: 'x@example.com', password: 'Fourth-Passphrase-4' } })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Token ${'Z'.repeat(43)}` } })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers })

  const { rows } = await app.pg.query('SELECT password_hash FROM users')
  const secrets = [password, newPassword, 'Wrong-Passphrase-3', 'Fourth-Passphrase-4', token, loggedIn, hashToken(token), 'Z'.repeat(43), ...rows.map((row) => row.password_hash)]
  t.ok(lines.length >= 8, `${lines.length} log lines captured`)
  for (const secret of secrets) {
    t.notOk(lines.some((line) => line.includes(secret)), `not logged: ${secret.slice(0, 6)}…`)
  }
  t.notOk(lines.some((line) => line.includes('$argon2')), 'no argon2 hash at all')
})
