import { parseArgs } from 'node:util'
import { startEmbeddedMongo } from './index.js'

/** `npm run db:mongo -- --port 27017 --data-dir ./.data/mongo`: prints the URL, stops on SIGINT/SIGTERM. */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '27017' },
    'data-dir': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (values.help) {
  console.log('usage: db:mongo [--host 127.0.0.1] [--port 27017] [--data-dir ./.data/mongo | --in-memory] [--quiet]')
  process.exit(0)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port: ${values.port}`)
  process.exit(2)
}

const line = (level: string) => (obj: object, msg?: string): void => {
  if (!values.quiet || level !== 'info') console.error(JSON.stringify({ level, msg, ...obj }, errorReplacer))
}
const logger = { info: line('info'), warn: line('warn'), error: line('error') }

const dataDir = values['in-memory'] ? undefined : values['data-dir'] ?? './.data/mongo'
const server = await startEmbeddedMongo({ host: values.host, port, dataDir, logger })
// The URL is the only line on stdout, so scripts and tests can read it.
console.log(server.url)

let stopping = false
async function stop (signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'embedded mongo: stopping')
  await server.close()
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stop(signal).catch(err => { logger.error({ err }, 'embedded mongo: unclean stop'); process.exit(1) })
  })
}

function errorReplacer (_key: string, value: unknown): unknown {
  return value instanceof Error ? { message: value.message, stack: value.stack } : value
}
