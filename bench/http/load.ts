// One autocannon run against one endpoint, reduced to the figures the table shows.
import { createRequire } from 'node:module'

interface RequestSpec { method: string, path: string, headers?: Record<string, string>, body?: string }
interface Options {
  url: string
  connections: number
  duration: number
  headers?: Record<string, string>
  requests: Array<RequestSpec & { setupRequest?: (req: RequestSpec) => RequestSpec }>
}
interface Result {
  duration: number
  errors: number
  timeouts: number
  non2xx: number
  statusCodeStats: Record<string, { count: number }>
  latency: { p50: number, p99: number }
  requests: { total: number }
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>

export interface Endpoint {
  name: string
  method: 'GET' | 'POST'
  path: string
  /** A fresh body for each request (set writes must differ). */
  body?: () => unknown
  connections?: number
}

export interface Measured { name: string, connections: number, rps: number, p50: number, p99: number, total: number, failed: number, statuses: string }

export async function drive (base: string, endpoint: Endpoint, headers: Record<string, string>, seconds: number, connections: number): Promise<Measured> {
  const { body } = endpoint
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    requests: [{
      method: endpoint.method,
      path: endpoint.path,
      ...(body ? { setupRequest: (req: RequestSpec) => ({ ...req, body: JSON.stringify(body()) }) } : {})
    }]
  })
  const statuses = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(' ')
  return {
    name: endpoint.name,
    connections,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: result.errors + result.timeouts > 0 ? `${statuses} errors×${result.errors} timeouts×${result.timeouts}` : statuses
  }
}
