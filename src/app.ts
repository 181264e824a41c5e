import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { createLogger, requestId } from './logger.js'
import { validatorBuilder } from './lib/validation.js'
import { serializerBuilder } from './lib/serialization.js'
import errors, { clientErrorHandler, frameworkErrors } from './plugins/errors.js'
import security from './plugins/security.js'
import openapi from './plugins/openapi.js'
import etags from './plugins/etags.js'
import postgres from './plugins/postgres.js'
import mongo from './plugins/mongo.js'
import health from './plugins/health.js'
import accountCleanup from './plugins/account-cleanup.js'
import idempotency from './plugins/idempotency.js'
import auth from './plugins/auth.js'
import cache from './plugins/cache.js'
import redis from './plugins/redis.js'
import requestLog from './plugins/request-log.js'
import publicUrl from './plugins/public-url.js'
import lifecycle from './plugins/lifecycle.js'
import loadShedding from './plugins/load-shedding.js'
import fairness from './plugins/fairness.js'
import metrics from './plugins/metrics.js'
import traceContext, { traceChildLoggerFactory } from './plugins/trace-context.js'
import { serverTimeouts } from './lib/server-timeouts.js'
import modules from './modules/index.js'

export interface BuildOptions {
  /** Use this logger instead of creating one from the config. */
  logger?: Logger
  /** Register every route without touching a database (OpenAPI generation). */
  offline?: boolean
  /** Compile every route's validators and serializers at start-up, not on each route's first use. */
  eagerSchemas?: boolean
  /**
   * Settles once the databases at the config's URLs answer, when they are still starting
   * (src/server.ts). The app registers everything meanwhile and touches them first in onReady.
   */
  databasesReady?: Promise<void>
}

/** Builds the whole application; never listens. Databases must already be reachable (see embedded/). */
export async function build (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(config)) as FastifyBaseLogger,
    // request-log.ts writes the one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => requestId(request.headers['x-request-id']),
    childLoggerFactory: traceChildLoggerFactory,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    ...serverTimeouts(config),
    // Requests already received while closing are answered (with Connection: close); see lifecycle.ts.
    return503OnClosing: false,
    clientErrorHandler,
    frameworkErrors,
    schemaController: {
      compilersFactory: { buildValidator: validatorBuilder(options.eagerSchemas), buildSerializer: serializerBuilder(options.eagerSchemas) }
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(errors)
  await app.register(metrics, { config })
  await app.register(traceContext)
  await app.register(lifecycle, { config })
  await app.register(requestLog)
  await app.register(publicUrl, { config })
  await app.register(loadShedding, { config })
  await app.register(redis, { config })
  await app.register(security, { config })
  await app.register(fairness, { config })
  await app.register(etags)
  await app.register(openapi)
  // The databases are first touched (connect, migrations, index builds, the seed) once they answer
  // and the app has booted (this onReady hook runs before the plugins' own): booting's synchronous
  // work (route schemas compiled eagerly) would otherwise hold up the event loop past a connect timeout.
  let booted!: () => void
  const appBooted = new Promise<void>((resolve) => { booted = resolve })
  app.addHook('onReady', async () => { booted() })
  const databases = {
    config,
    offline: options.offline ?? false,
    ready: Promise.all([options.databasesReady, appBooted]).then(() => {})
  }
  await app.register(postgres, databases)
  await app.register(mongo, databases)
  await app.register(health)
  await app.register(accountCleanup)
  await app.register(idempotency, { config })
  await app.register(cache, { config })
  // At the root so that commands (src/cli.ts) reach the token cache as the routes do.
  await app.register(auth, { config })
  await app.register(modules, { config, offline: options.offline ?? false })
  return app
}
