// One autocannon run against one endpoint, reduced to the figures the table shows.
import { createRequire } from 'node:module'

interface RequestSpec { method: string, path: string, headers?: Record<string, string>, body?: string }
interface Options {
  url: string
  connections: number
  duration: number
  timeout: number
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
    // The default 10 s counts a slow answer on a loaded machine as an error; it is a figure.
    timeout: 60,
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

/** Bytes of the status line and headers, and of the body, of one GET as it crosses the wire. */
export async function wireBytes (url: string, headers: Record<string, string>): Promise<{ header: number, body: number }> {
  const { request } = await import('node:http')
  return await new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let header = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length
      for (let i = 0; i < res.rawHeaders.length; i += 2) header += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length
      let body = 0
      res.on('data', (chunk: Buffer) => { body += chunk.length })
      res.on('end', () => resolve({ header, body }))
    }).on('error', reject).end()
  })
}
