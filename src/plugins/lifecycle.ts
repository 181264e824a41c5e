import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { ConnectionTracker } from '../lib/connection-tracker.js'

const SWEEP_MS = 100

function until (done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve) => {
    const check = () => {
      if (done()) resolve(true)
      else if (Date.now() >= deadline) resolve(false)
      else setTimeout(check, SWEEP_MS)
    }
    check()
  })
}

const nextPollPhase = async () => {
  // An immediate queued during the poll phase runs right after it; the second one, after the next.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve))
}

/**
 * Connections the kernel has completed but the loop has not accepted yet are reset when the
 * listening socket closes, and a busy loop accepts one per turn. So keep turning until a whole
 * poll phase accepts nothing: the backlog is then empty.
 */
async function acceptBacklog (tracker: ConnectionTracker, deadline: number): Promise<void> {
  let before: number
  do {
    before = tracker.accepted
    await nextPollPhase()
  } while (tracker.accepted !== before && Date.now() < deadline)
}

/**
 * Closing drains before anything else closes: the server stops accepting, every request already
 * received on any connection is answered (Fastify adds `Connection: close` while closing, with
 * `return503OnClosing` off), idle connections are closed only once nothing is pending on them,
 * and only then do the onClose hooks of the database plugins run. After SHUTDOWN_DRAIN_MS the
 * remaining connections are cut.
 */
async function lifecyclePlugin (fastify: FastifyInstance, { config }: { config: Config }) {
  const server = fastify.server
  const tracker = new ConnectionTracker(server)
  // Node's server.close() calls this, and its own version also destroys connections whose
  // request has not been read yet.
  server.closeIdleConnections = () => tracker.closeIdle()

  fastify.addHook('preClose', async () => {
    if (!server.listening) return
    const deadline = Date.now() + config.SHUTDOWN_DRAIN_MS
    await acceptBacklog(tracker, deadline)
    server.close()
    const sweep = setInterval(() => tracker.closeIdle(), SWEEP_MS)
    const drained = await until(() => tracker.connections === 0, deadline - Date.now())
    clearInterval(sweep)
    if (!drained) {
      fastify.log.warn({ connections: tracker.connections, requests: tracker.requestsInFlight }, 'drain deadline passed; closing the remaining connections')
      server.closeAllConnections()
    }
  })
}

export default fp(lifecyclePlugin, { name: 'lifecycle' })
