import { ConfigError, loadConfig, type Config } from './config.js'
import { build } from './app.js'
import { startDatabases } from './embedded/databases.js'
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
const databases = await startDatabases(config, log)
const app = await build(databases.config, { logger: log })
closeGracefully(app, log, config.SHUTDOWN_GRACE_MS, databases.close)
await app.listen({ host: config.HOST, port: config.PORT })
// Prometheus scrapes /metrics here, on its own port, never through the public listener.
await app.appMetrics?.server?.listen({ host: config.HOST, port: config.METRICS_PORT })
