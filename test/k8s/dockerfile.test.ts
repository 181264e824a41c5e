import { readFileSync } from 'node:fs'
import t from 'tap'
import { EnvSchema, loadConfig } from '../../src/config.js'

// Static checks of the Dockerfile, .dockerignore and .env.example: no Docker engine runs in
// CI, so this is what keeps them in step with the code.

const read = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8')

interface Instruction { op: string, args: string }

/** Dockerfile instructions with line continuations joined and comments dropped. */
function parseDockerfile (text: string): Instruction[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line))
  return lines.join('\n').replace(/\\\n/g, ' ').split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [, op, args] = /^(\S+)\s*(.*)$/.exec(line) ?? []
      return { op: op.toUpperCase(), args }
    })
}

const instructions = parseDockerfile(read('Dockerfile'))
const stages: Instruction[][] = []
for (const instruction of instructions) {
  if (instruction.op === 'FROM') stages.push([])
  stages.at(-1)?.push(instruction)
}
const finalStage = stages.at(-1) ?? []
const args = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args)

t.test('Dockerfile builds in stages and runs unprivileged', async (t) => {
  t.ok(stages.length >= 2, `multi-stage (${stages.length} FROM)`)
  const defaultImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(read('Dockerfile'))?.[1]
  for (const stage of stages) {
    const from = stage[0].args.replace(/^\$\{NODE_IMAGE\}/, defaultImage ?? '')
    t.match(from, /^node:22-bookworm-slim\b/, `FROM ${from}: Debian slim (argon2 ships glibc binaries)`)
  }
  const user = args(finalStage, 'USER').at(-1)
  t.ok(user, 'final stage sets USER')
  t.notOk(/^(root|0)(:|$)/.test(user ?? 'root'), `final USER ${user} is not root`)
  t.ok(args(finalStage, 'ENV').some((env) => /\bNODE_ENV=production\b/.test(env)), 'NODE_ENV=production')
})

t.test('the final stage holds production dependencies and compiled code only', async (t) => {
  const runs = args(finalStage, 'RUN').join(' && ')
  t.match(runs, /\bnpm ci\b[^&]*--omit=dev\b/, 'npm ci --omit=dev')
  t.match(runs, /\bnpm cache clean --force\b/, 'npm cache cleaned in the same layer')
  t.notMatch(runs, /\bnpm (install|i)\b/, 'no npm install (lockfile only)')
  const copies = args(finalStage, 'COPY')
  t.ok(copies.some((copy) => /^--from=\S+\s+\S*dist\/?\s/.test(copy)), 'copies dist/ from the build stage')
  const contextSources = copies.filter((copy) => !copy.startsWith('--from')).flatMap((copy) => copy.split(/\s+/).slice(0, -1))
  t.notOk(contextSources.some((source) => /^(\.\/)?src\b/.test(source)), 'no TypeScript sources in the final stage')
  t.match(args(stages[0], 'RUN').join(' && '), /dist\/migrations/, 'build stage puts the SQL migrations in dist/migrations')
})

t.test('the image runs the server the way the manifests expect', async (t) => {
  const port = loadConfig({}).PORT
  t.same(args(finalStage, 'EXPOSE'), [String(port)], `EXPOSE ${port}`)
  t.same(args(finalStage, 'STOPSIGNAL'), ['SIGTERM'])
  const startFlags = /\bnode((?: --\S+)*) dist\/server\.js\b/.exec(JSON.parse(read('package.json')).scripts.start)?.[1].trim().split(' ').filter(Boolean) ?? []
  t.same(JSON.parse(args(finalStage, 'CMD').at(-1) ?? 'null'), ['node', ...startFlags, 'dist/server.js'], 'exec-form CMD (node is PID 1 and gets SIGTERM), with npm start\'s heap flags')
  t.match(args(finalStage, 'HEALTHCHECK').join(' '), /\/api\/health\b/, 'HEALTHCHECK hits /api/health')
})

t.test('.dockerignore keeps secrets out and lets every COPY source in', async (t) => {
  const patterns = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'))
  t.ok(patterns.includes('*') || patterns.includes('.env'), '.env never reaches the build context')
  if (!patterns.includes('*')) return
  const allowed = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/\/$/, ''))
  const sources = instructions
    .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
    .flatMap((i) => i.args.split(/\s+/).slice(0, -1))
  for (const source of sources) {
    t.ok(allowed.includes(source.replace(/\/$/, '')), `COPY source ${source} is allowlisted in .dockerignore`)
  }
})

t.test('.env.example lists exactly the variables of EnvSchema, with their defaults', async (t) => {
  const text = read('.env.example')
  const entries = [...text.matchAll(/^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/gm)]
  const names = entries.map((entry) => entry[2])
  t.same([...names].sort(), Object.keys(EnvSchema.properties).sort(), 'same names, each once')
  const active = Object.fromEntries(entries.filter((entry) => !entry[1]).map((entry) => [entry[2], entry[3]]))
  const properties: Record<string, { default?: unknown }> = EnvSchema.properties
  for (const [name, schema] of Object.entries(properties)) {
    if (schema.default === undefined) {
      t.notOk(name in active, `${name} has no default, so it is commented out`)
    } else {
      t.equal(active[name], String(schema.default), `${name}=${String(schema.default)}`)
    }
  }
  t.doesNotThrow(() => loadConfig(active), 'the uncommented values load')
  for (const entry of entries) {
    const above = text.slice(0, entry.index).trimEnd().split('\n').at(-1) ?? ''
    t.ok(/^# \S/.test(above) && !/^#\s*[A-Z][A-Z0-9_]*=/.test(above), `${entry[2]} has a comment line above it`)
  }
})
