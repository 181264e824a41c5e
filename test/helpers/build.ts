import type { FastifyInstance } from 'fastify'
import { build as buildApp, type BuildOptions } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { testDatabases } from './databases.js'
import { dropIsolation, isolatedConfig } from './isolation.js'

interface Tap {
  teardown: (fn: () => unknown) => void
  name?: string
}

/**
 * The app against this process's test databases, in a Mongo database and Postgres schema of its
 * own (created here, dropped at teardown), ready to `inject`.
 */
export async function build (t: Tap, overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = isolatedConfig(await testDatabases(), overrides)
  const app = await buildApp(config, options)
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await dropIsolation(config)
  })
  return app
}
