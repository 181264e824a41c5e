import closeWithGrace from 'close-with-grace'
import { ConfigError, loadConfig, type Config } from './config.js'
import { build } from './app.js'
import { startDatabases } from './embedded/databases.js'
import { createLogger } from './logger.js'

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

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close pools and embedded databases.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS, logger: log }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'shutting down after an error')
  else log.info({ signal }, 'shutting down gracefully')
  await app.close()
  await databases.close()
})

await app.listen({ host: config.HOST, port: config.PORT })
