import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { NotReadyError } from '../errors.js'
import { ErrorResponse } from '../schemas/common.js'

const CHECK_TIMEOUT_MS = 2000

const Ok = Type.Object({
  status: Type.Literal('ok'),
  uptime_seconds: Type.Number(),
  checks: Type.Optional(Type.Object({ postgres: Type.Literal('ok'), mongodb: Type.Literal('ok') }))
})

function withTimeout<T> (work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms) })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

async function healthPlugin (fastify: FastifyInstance) {
  const uptime = () => Math.round(process.uptime())

  fastify.get('/api/health', {
    config: { rateLimit: false, neverShed: true },
    schema: { summary: 'Liveness: the process answers (no I/O)', tags: ['health'], security: [], response: { 200: Ok } }
  }, async () => ({ status: 'ok' as const, uptime_seconds: uptime() }))

  fastify.get('/api/health/ready', {
    config: { rateLimit: false, neverShed: true },
    schema: {
      summary: 'Readiness: both databases answer a ping',
      description: '503 lists every database in `details`, failing ones first: `not reachable` or `ok`.',
      tags: ['health'],
      security: [],
      response: { 200: Ok, 503: ErrorResponse }
    }
  }, async (request) => {
    const checks = {
      postgres: () => fastify.pg.query('SELECT 1'),
      mongodb: () => fastify.mongo.db!.command({ ping: 1 })
    }
    const results = await Promise.allSettled(Object.values(checks).map((check) => withTimeout(check(), CHECK_TIMEOUT_MS)))
    const failing = Object.keys(checks).filter((_name, i) => results[i].status === 'rejected')
    if (failing.length > 0) {
      const reasons = results.map((result) => result.status === 'rejected' ? String((result.reason as Error).message) : 'ok')
      request.log.warn({ failing, reasons }, 'readiness check failed')
      throw Object.assign(new NotReadyError(`${failing.join(' and ')} not reachable`), {
        details: Object.keys(checks)
          .map((name) => ({ field: name, message: failing.includes(name) ? 'not reachable' : 'ok' }))
          .sort((a, b) => Number(a.message === 'ok') - Number(b.message === 'ok'))
      })
    }
    return { status: 'ok' as const, uptime_seconds: uptime(), checks: { postgres: 'ok' as const, mongodb: 'ok' as const } }
  })
}

export default fp(healthPlugin, { name: 'health', dependencies: ['postgres', 'mongo'] })
