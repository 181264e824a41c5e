import { Counter, Gauge, type Registry } from 'prom-client'
import type { MongoClient } from 'mongodb'

// The driver's connection-pool (CMAP) events that matter to an operator, as `event` label values.
const EVENTS = {
  connectionPoolCreated: 'pool_created',
  connectionPoolCleared: 'pool_cleared',
  connectionCreated: 'connection_created',
  connectionClosed: 'connection_closed',
  connectionCheckedOut: 'checked_out',
  connectionCheckedIn: 'checked_in',
  connectionCheckOutFailed: 'check_out_failed'
} as const

/**
 * Counts the MongoClient's pool events and keeps a gauge of connections checked out.
 * Call before `client.connect()`: the pool is created (and its first connections made) there.
 */
export function observeMongoPool (client: MongoClient, registry: Registry): void {
  const events = new Counter({ name: 'mongodb_pool_events_total', help: 'MongoDB driver connection-pool events', labelNames: ['event'], registers: [registry] })
  const checkedOut = new Gauge({ name: 'mongodb_pool_checked_out_connections', help: 'MongoDB connections in use by an operation', registers: [registry] })
  for (const [name, event] of Object.entries(EVENTS)) {
    events.inc({ event }, 0)
    client.on(name as keyof typeof EVENTS, () => events.inc({ event }))
  }
  client.on('connectionCheckedOut', () => checkedOut.inc())
  client.on('connectionCheckedIn', () => checkedOut.dec())
}
