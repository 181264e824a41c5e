import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build, buildReplica } from '../helpers/build.js'
import { scopeGenerations } from '../../src/plugins/cache.js'
import type { Config } from '../../src/config.js'

// The same contract on both stores: the in-process one always, Redis when REDIS_URL is set (CI).
const stores: Array<{ name: string, overrides: Partial<Config> }> = [{ name: 'memory', overrides: { REDIS_URL: undefined } }]
if (process.env.REDIS_URL) stores.push({ name: 'redis', overrides: { REDIS_URL: process.env.REDIS_URL } })

for (const { name, overrides } of stores) {
  t.test(`${name} store`, async (t) => {
    const app = await build(t, overrides)
    t.equal(app.cache.store, name)
    let computed = 0
    const answer = (scopes: string[], key = 'answer', ttlSeconds = 60) =>
      app.cache.remember(key, { scopes, ttlSeconds }, async () => ({ computed: ++computed }))

    t.test('computes once, then answers from the cache with a read-only copy', async (t) => {
      const first = await answer(['a:1'])
      const second = await answer(['a:1'])
      t.same(first, { computed: 1 })
      t.same(second, { computed: 1 })
      t.not(first, second, 'a copy, not the object the computation returned')
      t.throws(() => { (second as { computed: number }).computed = 99 }, TypeError, 'a hit cannot be changed by its reader')
      t.same(await answer(['a:1']), { computed: 1 }, 'the next hit reads what was stored')
    })

    t.test('a hit is the JSON of what was computed, nested objects frozen too', async (t) => {
      const compute = async () => ({ at: new Date(0), nested: { list: [1, { deep: true }] } })
      await app.cache.remember('json', { scopes: ['j:1'], ttlSeconds: 60 }, compute)
      const hit = await app.cache.remember('json', { scopes: ['j:1'], ttlSeconds: 60 }, compute)
      t.same(hit, { at: '1970-01-01T00:00:00.000Z', nested: { list: [1, { deep: true }] } })
      t.ok(Object.isFrozen(hit.nested.list[1]))
    })

    t.test('a bump of any of its scopes makes the next read compute again', async (t) => {
      const before = computed
      await answer(['a:1', 'b:1'], 'two')
      await app.cache.bump('b:1')
      t.same(await answer(['a:1', 'b:1'], 'two'), { computed: before + 2 })
      t.same(await answer(['a:1', 'b:1'], 'two'), { computed: before + 2 }, 'then cached again')
      t.same(await answer(['a:1']), { computed: 1 }, 'entries of other scopes stay')
    })

    t.test('keys and scopes are separate', async (t) => {
      const x = await answer(['c:1'], 'x')
      const y = await answer(['c:1'], 'y')
      t.not(x.computed, y.computed)
    })

    t.test('a TTL longer than a day is a programming error', async (t) => {
      await t.rejects(answer(['a:1'], 'long', 25 * 3600), /TTL/)
    })

    t.test('what one replica bumps, another sees only with a shared store', async (t) => {
      const replica = await buildReplica(t, app)
      const read = (instance: FastifyInstance) => instance.cache.remember('shared', { scopes: ['s:1'], ttlSeconds: 60 }, async () => ({ by: instance === app ? 'app' : 'replica', at: ++computed }))
      const first = await read(app)
      t.same(await read(replica), name === 'redis' ? first : { by: 'replica', at: first.at + 1 }, name === 'redis' ? 'the replica reads the entry' : 'each process has its own memory')
      await app.cache.bump('s:1')
      const afterBump = await read(replica)
      if (name === 'redis') t.not(afterBump.at, first.at, 'the bump reached the replica')
    })
  })
}

t.test('a broken Redis makes reads compute and bumps log, never fail the request', { skip: process.env.REDIS_URL ? false : 'needs REDIS_URL' }, async (t) => {
  const app = await build(t, { REDIS_URL: process.env.REDIS_URL })
  app.redis.disconnect()
  let computed = 0
  const remember = () => app.cache.remember('k', { scopes: ['x'], ttlSeconds: 60 }, async () => ++computed)
  t.equal(await remember(), 1)
  t.equal(await remember(), 2, 'nothing was stored, nothing stale is read')
  await t.resolves(app.cache.bump('x'))
  // ioredis reconnects by itself; the app's close needs the connection back.
  if (app.redis.status !== 'ready') await new Promise((resolve) => app.redis.once('ready', resolve))
})

t.test('the in-process cache holds at most CACHE_MAX_MB: a larger answer is computed each time', async (t) => {
  const app = await build(t, { REDIS_URL: undefined, CACHE_MAX_MB: 1 })
  let computed = 0
  const answer = (key: string, size: number) => app.cache.remember(key, { scopes: ['m:1'], ttlSeconds: 60 }, async () => ({ n: ++computed, text: 'x'.repeat(size) }))
  await answer('small', 1000)
  t.equal((await answer('small', 1000)).n, 1, 'a small answer is cached')
  await answer('large', 600_000)
  t.equal((await answer('large', 600_000)).n, 3, 'over 1 MiB as UTF-16: not kept')
})

t.test('scope generations: bounded, and an evicted scope never reads a generation it was at', async (t) => {
  const generations = scopeGenerations(2)
  const untouched = generations.of('untouched')
  generations.bump('a')
  const a = generations.of('a')
  t.not(a, untouched, 'a bump moves the scope on')
  generations.bump('a')
  t.equal(generations.of('untouched'), untouched, 'bumping a bumped scope again evicts nothing')
  generations.bump('b')
  generations.bump('c') // evicts 'a', the least recently used
  const seen = new Set([untouched, a, generations.of('b'), generations.of('c')])
  const afterEviction = generations.of('a')
  t.notOk(seen.has(afterEviction), 'the evicted scope reads a new generation, not one entries were built on')
  t.equal(generations.of('untouched'), afterEviction, 'scopes never bumped move on with it')
})
