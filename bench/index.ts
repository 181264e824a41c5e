// `npm run bench [-- section …]`: runs every bench/sections/*.ts (or the named ones) in turn.
// The soak runs for minutes, so only when named: `npm run bench -- soak`. Arguments starting with --
// are options the sections read themselves (`npm run bench -- http --external`).
import { readdir } from 'node:fs/promises'

const sectionsDir = new URL('./sections/', import.meta.url)
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const available = (await readdir(sectionsDir)).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3)).sort()
const chosen = wanted.length > 0 ? wanted : available.filter((name) => name !== 'soak')

for (const name of chosen) {
  if (!available.includes(name)) {
    console.error(`unknown bench section "${name}"; available: ${available.join(', ')}`)
    process.exit(2)
  }
  console.log(`\n=== ${name} ===`)
  const section = await import(new URL(`${name}.ts`, sectionsDir).href) as { default: () => Promise<void> }
  await section.default()
}
