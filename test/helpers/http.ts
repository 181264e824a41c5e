import type { FastifyInstance } from 'fastify'
import type { TestUser } from './users.js'

export interface HttpAnswer {
  status: number
  /** Parsed JSON, typed as loosely as `inject`'s `res.json()`. */
  body: ReturnType<typeof JSON.parse>
}

export type Send = (method: string, path: string, body?: unknown) => Promise<HttpAnswer>

/**
 * Starts the app on a real socket (port 0) and returns a `fetch`-based client, so concurrent
 * requests really run side by side through Node's HTTP server instead of `inject`.
 */
export async function listen (app: FastifyInstance): Promise<(user: TestUser) => Send> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address')
  const base = `http://127.0.0.1:${address.port}`
  return (user) => async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...user.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body)
    })
    const text = await res.text()
    return { status: res.status, body: text === '' ? null : JSON.parse(text) }
  }
}

/** Runs `count` calls at once and waits for all of them. */
export const inParallel = <T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_v, i) => call(i)))
