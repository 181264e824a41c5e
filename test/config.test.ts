import t from 'tap'
import { configWith, ConfigError, loadConfig } from '../src/config.js'

t.test('defaults when the environment is empty', async (t) => {
  const config = loadConfig({})
  t.equal(config.PORT, 3000)
  t.equal(config.HOST, '0.0.0.0')
  t.equal(config.DATA_DIR, './.data')
  t.equal(config.TOKEN_TTL_DAYS, 30)
  t.equal(config.DATABASE_URL, undefined)
  t.ok(Object.isFrozen(config))
})

t.test('strings from the environment are converted to their types', async (t) => {
  const config = loadConfig({ PORT: '8080', SEED_EXERCISES: 'false', TRUST_PROXY: 'true', LOG_LEVEL: 'debug' })
  t.equal(config.PORT, 8080)
  t.equal(config.SEED_EXERCISES, false)
  t.equal(config.TRUST_PROXY, true)
  t.equal(config.LOG_LEVEL, 'debug')
})

t.test('empty values count as unset', async (t) => {
  t.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT, 3000)
})

t.test('a bad value is one clear line naming the variable', async (t) => {
  const error = t.throws(() => loadConfig({ PORT: 'abc' })) as Error
  t.ok(error instanceof ConfigError)
  t.equal(error.message, 'Invalid environment variable PORT="abc": Expected integer')
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT="70000"/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent/)
  t.throws(() => loadConfig({ MONGODB_DB: 'bad name!' }), /MONGODB_DB/)
  t.notMatch((t.throws(() => loadConfig({ TOKEN_TTL_DAYS: '0' })) as Error).message, /\n/)
})

t.test('unknown variables are ignored', async (t) => {
  t.notOk('HOME' in loadConfig({ HOME: '/root' }))
})

t.test('configWith overrides defaults without touching process.env', async (t) => {
  const before = process.env.PORT
  t.equal(configWith({ PORT: 1234 }).PORT, 1234)
  t.equal(process.env.PORT, before)
})
