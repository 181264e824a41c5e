import t from 'tap'
import { runCommand, EXIT } from '../../src/cli.js'
import { configWith } from '../../src/config.js'
import { build } from '../helpers/build.js'

t.test('npm run cli -- seed loads the starter library once', async (t) => {
  const app = await build(t)
  const run = async () => {
    const out: string[] = []
    const code = await runCommand(app, configWith(), ['seed'], { env: {}, readStdin: async () => '' }, (line) => out.push(line), () => {})
    return { code, result: JSON.parse(out[0]) as { inserted: number, existing: number } }
  }
  const first = await run()
  t.equal(first.code, EXIT.ok)
  t.ok(first.result.inserted >= 60, `inserted ${first.result.inserted}`)
  t.equal(first.result.existing, 0)
  const second = await run()
  t.same(second.result, { inserted: 0, existing: first.result.inserted }, 'a second run inserts nothing')
  t.equal(await app.mongo.db!.collection('exercises').countDocuments({ created_by_user_id: null }), first.result.inserted)
})

t.test('an unknown command prints the usage with every command', async (t) => {
  const app = await build(t)
  const errors: string[] = []
  const code = await runCommand(app, configWith(), ['nope'], { env: {}, readStdin: async () => '' }, () => {}, (line) => errors.push(line))
  t.equal(code, EXIT.usage)
  t.match(errors.join('\n'), /unknown command "nope"[\s\S]*create-admin[\s\S]*seed/)
})
