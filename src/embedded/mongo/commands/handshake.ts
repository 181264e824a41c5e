import type { Document } from 'bson'
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE } from '../wire.js'
import type { Context, Handler } from './context.js'

const VERSION = '7.0.0'

function hello (cmd: Document, ctx: Context): Document {
  // No topologyVersion: the driver then polls instead of streaming heartbeats.
  const reply: Document = {
    helloOk: true,
    isWritablePrimary: true,
    maxBsonObjectSize: MAX_BSON_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1
  }
  if (cmd.hello === undefined) reply.ismaster = true
  return reply
}

const ok: Handler = () => ({ ok: 1 })

export const handshakeCommands: Record<string, Handler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  logout: ok,
  buildInfo: () => ({
    version: VERSION,
    versionArray: [7, 0, 0, 0],
    gitVersion: 'embedded',
    modules: [],
    sysInfo: 'deprecated',
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_SIZE,
    storageEngines: ['embedded'],
    ok: 1
  }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.remote, ok: 1 }),
  getParameter: (cmd) => {
    const reply: Document = { ok: 1 }
    if (cmd.featureCompatibilityVersion !== undefined || cmd.getParameter === '*') {
      reply.featureCompatibilityVersion = { version: '7.0' }
    }
    return reply
  },
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: 'localhost', cpuAddrSize: 64, numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }),
  getLog: (cmd) => cmd.getLog === '*' ? { names: ['global', 'startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 },
  serverStatus: (_cmd, ctx) => ({
    host: 'localhost',
    version: VERSION,
    process: 'embedded-mongo',
    pid: process.pid,
    uptime: Math.floor(process.uptime()),
    localTime: new Date(),
    connections: { current: 1, available: 1000 },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    ok: 1
  }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 })
}
