import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where clients reach the API (no trailing slash), for absolute links such as `next`/`previous`. */
    publicOrigin: (request: FastifyRequest) => string
  }
}

/**
 * Absolute links never echo a client's `Host` header: they come from PUBLIC_URL, else — only
 * when TRUST_PROXY says an ingress sets them — from X-Forwarded-Proto/Host, else from HOST/PORT.
 */
export function publicOriginOf (config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY' | 'HOST' | 'PORT'>): (request: FastifyRequest) => string {
  if (config.PUBLIC_URL) {
    const configured = config.PUBLIC_URL.replace(/\/+$/, '')
    return () => configured
  }
  if (config.TRUST_PROXY) return (request) => `${request.protocol}://${request.host}`
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  const local = `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`
  return () => local
}

async function publicUrlPlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  fastify.decorate('publicOrigin', publicOriginOf(config))
}

export default fp(publicUrlPlugin, { name: 'public-url' })
