// Where the service's CPU time went during each endpoint of a profiled HTTP bench run:
//   BENCH_CPU_PROF_DIR=/tmp/prof npm run bench -- http
//   npx tsx bench/http/profile-summary.ts /tmp/prof [top=10]
// Reads the .cpuprofile the service wrote on exit and windows.json (each endpoint's load window,
// in ms since the spawn), and prints self time per group and the top functions per window.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'

interface CallFrame { functionName: string, url: string, lineNumber: number }
interface Profile { nodes: Array<{ id: number, callFrame: CallFrame, children?: number[] }>, startTime: number, samples: number[], timeDeltas: number[] }
interface Window { name: string, connections: number, fromMs: number, toMs: number }

const GROUPS: Array<[string, RegExp]> = [
  ['store (embedded/mongo)', /\/embedded\/mongo\//],
  ['store query engine (mingo)', /node_modules\/mingo\//],
  ['BSON', /node_modules\/bson\//],
  ['mongodb driver', /node_modules\/mongodb\//],
  ['PGlite', /@electric-sql\/pglite|^wasm:\/\//],
  ['pg driver', /node_modules\/pg[a-z-]*\//],
  ['fastify serialisation', /fast-json-stringify|\/fastify\/lib\/(schemas|error-serializer)/],
  ['fastify reply (headers, write to the socket)', /\/fastify\/lib\/reply/],
  ['fastify core + router', /node_modules\/(fastify|find-my-way|avvio|light-my-request)\//],
  ['validation (ajv)', /node_modules\/(ajv|@fastify\/ajv-compiler)/],
  ['helmet/headers', /helmet|@fastify\/cors/],
  ['rate limit + under-pressure', /@fastify\/(rate-limit|under-pressure)/],
  ['metrics', /fastify-metrics|prom-client/],
  ['pino', /node_modules\/(pino|sonic-boom|thread-stream)/],
  ['auth (app)', /\/(plugins|modules)\/auth/],
  ['app (src)', /\/work\/[^/]+\/(src|dist)\//],
  ['node internals', /^node:/]
]

function group ({ functionName, url }: CallFrame): string {
  if (functionName === '(garbage collector)') return 'GC'
  if (functionName === '(root)') return 'runtime (event-loop callbacks: socket reads, timers)'
  if (functionName.startsWith('(')) return functionName
  const found = GROUPS.find(([, pattern]) => pattern.test(url))
  if (found) return found[0]
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]
  return pkg ? `other: ${pkg}` : url === '' ? 'native' : 'other'
}

const where = ({ functionName, url, lineNumber }: CallFrame) =>
  `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '')}${url ? `:${lineNumber + 1}` : ''}`

const RUNTIME = new Set(['native', 'node internals'])

function summarise (profile: Profile, window: Window, top: number): string {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id] as const)))
  /** Native and node: frames (socket writes, crypto, fsync…) charged to the nearest caller that is neither. */
  const caller = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const name = group(frames.get(at)!)
      if (!RUNTIME.has(name)) return name
    }
    return 'native'
  }
  const selfUs = new Map<number, number>()
  let t = 0
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]
    const ms = t / 1000
    if (ms >= window.fromMs && ms < window.toMs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
  })
  const byGroup = new Map<string, number>()
  const charged = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const frame = frames.get(id)!
    byGroup.set(group(frame), (byGroup.get(group(frame)) ?? 0) + us)
    charged.set(caller(id), (charged.get(caller(id)) ?? 0) + us)
    if (frame.functionName !== '(idle)') byFunction.set(where(frame), (byFunction.get(where(frame)) ?? 0) + us)
  }
  const idle = byGroup.get('(idle)') ?? 0
  byGroup.delete('(idle)')
  const busy = [...byGroup.values()].reduce((a, b) => a + b, 0)
  const pct = (us: number) => `${(100 * us / busy).toFixed(1)}%`
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return [
    `### ${window.name} (${window.connections} conns): ${Math.round(busy / 1000)} ms on CPU, ${Math.round(idle / 1000)} ms idle; % of CPU time`,
    '', '| group | self % | with the native and node: frames it called |', '|---|---|---|',
    ...sorted(charged).filter(([name]) => name !== '(idle)').map(([name, us]) => `| ${name} | ${pct(byGroup.get(name) ?? 0)} | ${pct(us)} |`),
    ...[...RUNTIME].map((name) => `| ${name} | ${pct(byGroup.get(name) ?? 0)} | (charged above) |`),
    '', '| function | self % |', '|---|---|', ...sorted(byFunction).slice(0, top).map(([name, us]) => `| \`${name}\` | ${pct(us)} |`), ''
  ].join('\n')
}

const dir = process.argv[2]
if (!dir) throw new Error('usage: profile-summary.ts <BENCH_CPU_PROF_DIR> [top]')
const top = Number(process.argv[3] ?? 10)
const windows = JSON.parse(await readFile(join(dir, 'windows.json'), 'utf8')) as Window[]
const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile')).sort()
// Forked children (databases in their own process) inherit --cpu-prof and write their own; their
// clocks start a little after the service's, so their windows are approximate.
for (const file of files) {
  if (files.length > 1) console.log(`## ${file}\n`)
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile
  for (const window of windows) console.log(summarise(profile, window, top))
}
