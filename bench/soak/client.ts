// A small HTTP client for the soak: keep-alive connections, a timeout per request, and a tally
// of statuses and latencies.
import http from 'node:http'

export interface Answer { status: number | 'timeout' | 'error', ms: number, body: string }

export class Tally {
  readonly statuses = new Map<string, number>()
  readonly latencies: number[] = []
  add (answer: Answer): void {
    const key = String(answer.status)
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1)
    if (typeof answer.status === 'number') this.latencies.push(answer.ms)
  }

  count (match: (status: string) => boolean): number {
    let total = 0
    for (const [status, n] of this.statuses) if (match(status)) total += n
    return total
  }

  get ok (): number { return this.count((s) => s.startsWith('2')) }
  get total (): number { return this.count(() => true) }
  percentile (q: number): number {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  }

  summary (): string {
    return [...this.statuses].sort().map(([status, n]) => `${status}×${n}`).join(' ')
  }
}

export function createClient (baseUrl: string, connections: number, timeoutMs = 10_000) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const { hostname, port } = new URL(baseUrl)
  return function request (method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
    const started = performance.now()
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve) => {
      const done = (status: Answer['status'], text = '') => resolve({ status, ms: performance.now() - started, body: text })
      const req = http.request({
        host: hostname,
        port,
        method,
        path,
        agent,
        timeout: timeoutMs,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) }
      }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => { text += chunk })
        res.on('end', () => done(res.statusCode ?? 0, text))
        res.on('error', () => done('error'))
      })
      req.on('timeout', () => { req.destroy(); done('timeout') })
      req.on('error', () => done('error'))
      req.end(payload)
    })
  }
}

export type Request = ReturnType<typeof createClient>
