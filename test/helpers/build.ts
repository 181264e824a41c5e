import type { FastifyInstance } from 'fastify'
import { build as buildApp, type BuildOptions } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { testDatabases } from './databases.js'
import { dropIsolation, isolatedConfig } from './isolation.js'

interface Tap {
  teardown: (fn: () => unknown) => void
  name?: string
}

const configs = new WeakMap<FastifyInstance, Config>()

/**
 * The app against this process's test databases, in a Mongo database and Postgres schema of its
 * own (created here, dropped at teardown), ready to `inject`.
 */
export async function build (t: Tap, overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = isolatedConfig(await testDatabases(), overrides)
  const app = await buildApp(config, options)
  await app.ready()
  configs.set(app, config)
  t.teardown(async () => {
    await app.close()
    await dropIsolation(config)
  })
  return app
}

/**
 * A second app on the same Mongo database and Postgres schema as `app`: another replica of the
 * same deployment (nothing shared in process but the databases). `app`'s teardown drops them.
 */
export async function buildReplica (t: Tap, app: FastifyInstance, options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = configs.get(app)
  if (!config) throw new Error('buildReplica: the app was not made by build()')
  const replica = await buildApp(config, options)
  await replica.ready()
  t.teardown(() => replica.close())
  return replica
}
