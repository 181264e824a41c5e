import type { Config } from '../config.js'

const enc = encodeURIComponent

/** DATABASE_URL, else one built from the discrete POSTGRES_* variables, else undefined (embedded). */
export function postgresUrl (config: Config): string | undefined {
  if (config.DATABASE_URL) return config.DATABASE_URL
  if (!config.POSTGRES_HOST) return undefined
  const auth = config.POSTGRES_USER ? `${enc(config.POSTGRES_USER)}${config.POSTGRES_PASSWORD ? `:${enc(config.POSTGRES_PASSWORD)}` : ''}@` : ''
  return `postgres://${auth}${config.POSTGRES_HOST}:${config.POSTGRES_PORT ?? 5432}/${enc(config.POSTGRES_DB ?? 'postgres')}`
}

/** MONGODB_URL, else one built from the discrete MONGODB_* variables, else undefined (embedded). */
export function mongoUrl (config: Config): string | undefined {
  if (config.MONGODB_URL) return config.MONGODB_URL
  if (!config.MONGODB_HOST) return undefined
  const auth = config.MONGODB_USER ? `${enc(config.MONGODB_USER)}${config.MONGODB_PASSWORD ? `:${enc(config.MONGODB_PASSWORD)}` : ''}@` : ''
  return `mongodb://${auth}${config.MONGODB_HOST}:${config.MONGODB_PORT ?? 27017}/`
}

/** A URL's host for `address`: host:port as it is, an absolute path (a Unix socket) percent-encoded. */
const hostOf = (address: string): string => address.startsWith('/') ? enc(address) : address

/**
 * The URL of a Postgres this service starts itself (embedded PGlite) at `address`: host:port, or
 * the directory of its Unix socket (libpq's convention: DIR/.s.PGSQL.5432).
 */
export const startedPostgresUrl = (address: string): string => `postgres://postgres@${hostOf(address)}/postgres?sslmode=disable`

/** The URL of a MongoDB this service starts itself (the embedded store, a local mongod) at `address`: host:port, or its Unix socket's path. */
export const startedMongoUrl = (address: string): string => `mongodb://${hostOf(address)}/?directConnection=true`
