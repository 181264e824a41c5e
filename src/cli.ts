// `npm run cli -- <command> [--option value …]`: operator commands against the configured databases.
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { destination, pino } from 'pino'
import { build } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { startDatabases } from './embedded/databases.js'
import { loggerOptions } from './logger.js'
import { CommandError, createAdmin } from './modules/auth/create-admin.js'
import { seedExercises } from './modules/exercises/seed.js'

export interface CommandIo {
  env: Record<string, string | undefined>
  /** The whole of stdin, read only when a command asks for it. */
  readStdin: () => Promise<string>
}

type Command = (app: FastifyInstance, config: Config, args: string[], io: CommandIo) => Promise<unknown>

const COMMANDS: Record<string, { usage: string, run: Command }> = {
  'create-admin': {
    usage: 'create-admin --username NAME --email EMAIL   (password from ADMIN_PASSWORD or stdin)',
    run: async (app, config, args, io) => {
      const { values } = parseArgs({ args, options: { username: { type: 'string' }, email: { type: 'string' } }, strict: true })
      if (!values.username || !values.email) throw new UsageError('create-admin needs --username and --email')
      const fromStdin = io.env.ADMIN_PASSWORD === undefined ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined
      const password = io.env.ADMIN_PASSWORD ?? (fromStdin === '' ? undefined : fromStdin)
      return createAdmin(app, config, { username: values.username, email: values.email, password })
    }
  },
  seed: {
    usage: 'seed   (load the starter exercise library; idempotent)',
    run: async (app) => seedExercises(app.mongo.db!, app.cache)
  }
}

export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** Runs one command against a built app; prints one JSON line on success, one message on failure. */
export async function runCommand (app: FastifyInstance, config: Config, argv: string[], io: CommandIo, out = console.log, err = console.error): Promise<number> {
  const [name, ...args] = argv
  const command = name ? COMMANDS[name] : undefined
  try {
    if (!command) throw new UsageError(name ? `unknown command "${name}"` : 'no command given')
    out(JSON.stringify(await command.run(app, config, args, io)))
    return EXIT.ok
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return printUsage((error as Error).message, err)
    if (error instanceof CommandError) {
      err(error.message)
      return EXIT.failed
    }
    throw error
  }
}

function printUsage (message: string, err: (line: string) => void): number {
  err(`${message}\nusage: npm run cli -- ${Object.values(COMMANDS).map((c) => c.usage).join('\n       npm run cli -- ')}`)
  return EXIT.usage
}

async function readAll (): Promise<string> {
  if (process.stdin.isTTY) return ''
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function main (): Promise<number> {
  const argv = process.argv.slice(2)
  // A typo should not cost a database start-up.
  if (!COMMANDS[argv[0] ?? '']) return printUsage(argv[0] ? `unknown command "${argv[0]}"` : 'no command given', console.error)
  let config: Config
  try {
    config = loadConfig({ LOG_LEVEL: 'warn', ...process.env })
  } catch (error) {
    if (error instanceof ConfigError) { console.error(error.message); return EXIT.usage }
    throw error
  }
  // Logs go to stderr so that stdout carries only the command's JSON result.
  const log = pino({ ...loggerOptions(config), transport: undefined }, destination(2))
  const databases = await startDatabases(config, log, { inProcess: true })
  // Commands do their own work: no start-up seeding behind the `seed` command's back.
  const app = await build({ ...databases.config, SEED_EXERCISES: false }, { logger: log })
  try {
    await app.ready()
    return await runCommand(app, databases.config, argv, { env: process.env, readStdin: readAll })
  } finally {
    await app.close()
    await databases.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main()
}
