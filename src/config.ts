import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const Port = Type.Integer({ minimum: 0, maximum: 65535 })
const OptionalString = Type.Optional(Type.String({ minLength: 1 }))

// Every environment variable the service reads. `.env.example` and the README mirror this list.
export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DATA_DIR: Type.String({ minLength: 1, default: './.data' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  CORS_ORIGINS: Type.String({ default: '', description: 'Comma-separated allowed origins; empty disables CORS, * allows all' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  PUBLIC_URL: Type.Optional(Type.String({
    pattern: '^https?://[^/?#\\s]+(/[^?#\\s]*)?$',
    description: 'Origin (and path prefix) clients reach the API at; absolute links are built from it'
  })),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 300 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  AUTH_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 10 }),
  AUTH_RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 900_000 }),
  TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  TOKEN_CACHE_TTL_MS: Type.Integer({ minimum: 0, default: 30_000 }),
  ARGON2_MEMORY_KIB: Type.Integer({ minimum: 1024, maximum: 4_194_304, default: 65_536 }),
  ARGON2_TIME_COST: Type.Integer({ minimum: 1, maximum: 20, default: 3 }),
  ARGON2_PARALLELISM: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, default: 20_000 }),
  SHUTDOWN_DRAIN_MS: Type.Integer({ minimum: 0, default: 15_000, description: 'After SIGTERM, how long accepted requests may take before their connections are cut; keep it below SHUTDOWN_GRACE_MS' }),
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 30_000, description: 'Longest a client may take to send a whole request (headers and body); 408 after it' }),
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 500, default: 10_000, description: 'Longest a client may take to send the request headers; 408 after it' }),
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 1000, default: 72_000, description: 'Idle keep-alive connections close after this; keep it above the load balancer idle timeout' }),
  EXPENSIVE_RATE_LIMIT_MAX: Type.Integer({ minimum: 1, default: 60, description: 'Expensive requests (bulk writes, stats ranges) per user per window' }),
  EXPENSIVE_RATE_LIMIT_WINDOW_MS: Type.Integer({ minimum: 1000, default: 60_000 }),
  EXPENSIVE_CONCURRENCY_MAX: Type.Integer({ minimum: 1, default: 4, description: 'Expensive requests one user may have in flight at once' }),
  SHED_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 100, description: 'Mean event-loop delay above which a share of requests is shed with 503; 0 turns this signal off' }),
  SHED_LATENCY_MS: Type.Integer({ minimum: 0, default: 1000, description: 'Median request latency above which a share of requests is shed with 503; 0 turns this signal off' }),
  SEED_EXERCISES: Type.Boolean({ default: true }),
  IDEMPOTENCY_LEASE_MS: Type.Integer({ minimum: 1000, default: 60_000, description: 'How long a POST with an Idempotency-Key holds its key; a retry after this runs it again (the first is presumed dead)' }),
  METRICS_ENABLED: Type.Boolean({ default: true, description: 'Collect Prometheus metrics and serve them on METRICS_PORT' }),
  METRICS_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 9464, description: 'Port of the separate /metrics listener (never the public PORT); 0 picks a free one' }),

  DATABASE_URL: OptionalString,
  POSTGRES_HOST: OptionalString,
  POSTGRES_PORT: Type.Optional(Port),
  POSTGRES_USER: OptionalString,
  POSTGRES_PASSWORD: OptionalString,
  POSTGRES_DB: OptionalString,
  POSTGRES_SCHEMA: OptionalString,
  POSTGRES_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATABASE_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 2000, description: 'Longest a request waits for a database connection (PostgreSQL connect or pool checkout, MongoDB server selection); then 503' }),
  DATABASE_QUERY_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 15_000, description: 'Longest one PostgreSQL statement or MongoDB socket read may take; then 503' }),

  MONGODB_URL: OptionalString,
  MONGODB_HOST: OptionalString,
  MONGODB_PORT: Type.Optional(Port),
  MONGODB_USER: OptionalString,
  MONGODB_PASSWORD: OptionalString,
  MONGODB_DB: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_-]{1,63}$', default: 'workout' }),
  MONGOD_BINARY: OptionalString,

  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'Redis for the shared cache (feed pages, profile stats); without it each process caches in memory' })),
  REDIS_KEY_PREFIX: Type.String({ minLength: 1, maxLength: 100, default: 'workout:', description: 'Prefix of every key this service writes to Redis' }),
  CACHE_MAX_ENTRIES: Type.Integer({ minimum: 1, default: 50_000, description: 'Entries the in-process cache keeps (used without REDIS_URL)' }),
  CACHE_MAX_MB: Type.Integer({ minimum: 1, default: 64, description: 'Memory the in-process cache may hold, in MiB (used without REDIS_URL); an answer larger than that is not cached' })
})

export type Config = Readonly<Static<typeof EnvSchema>>

export class ConfigError extends Error {}

/** Builds the typed, frozen config from an env-like object; throws ConfigError with one readable line. */
export function loadConfig (env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]])
  )
  const candidate = Value.Convert(EnvSchema, Value.Default(EnvSchema, known))
  const firstError = Value.Errors(EnvSchema, candidate).First()
  if (firstError) {
    const name = firstError.path.replace(/^\//, '')
    const allowed = firstError.schema.anyOf?.map((option: { const?: unknown }) => option.const).join(', ')
    const reason = allowed ? `expected one of ${allowed}` : firstError.message
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${reason}`)
  }
  return Object.freeze(candidate as Static<typeof EnvSchema>)
}

/** The config for tests and tools: defaults plus overrides, no process.env involved. */
export function configWith (overrides: Partial<Static<typeof EnvSchema>> = {}): Config {
  return Object.freeze({ ...loadConfig({}), ...overrides })
}
