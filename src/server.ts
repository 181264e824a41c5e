import { ConfigError, loadConfig, type Config } from './config.js'
import { launchDatabases } from './embedded/databases.js'
import { createLogger } from './logger.js'
import { closeGracefully } from './shutdown.js'

function configOrExit (): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}

const config = configOrExit()
const log = createLogger(config)
// The embedded databases boot in their own process while this one loads and builds the app; it
// touches them first in onReady (migrations, indexes, the seed), which `listen` waits for.
const databases = await launchDatabases(config, log)
const { build } = await import('./app.js')
const app = await build(databases.config, { logger: log, databasesReady: databases.ready })
const shutdown = closeGracefully(app, log, config.SHUTDOWN_GRACE_MS, databases.close)
// Without its databases the process cannot serve; exiting non-zero lets the supervisor restart it.
databases.lost.then((err) => shutdown.fail(err))
await app.listen({ host: config.HOST, port: config.PORT })
// Prometheus scrapes /metrics here, on its own port, never through the public listener.
await app.appMetrics?.server?.listen({ host: config.HOST, port: config.METRICS_PORT })
