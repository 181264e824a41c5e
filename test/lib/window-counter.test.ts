import t from 'tap'
import { memoryWindowCounter } from '../../src/lib/window-counter.js'

t.test('counts events per key within a window, then starts a new one', async (t) => {
  let now = 1_000
  const counter = memoryWindowCounter({ windowMs: 100, now: () => now })
  t.same(await counter.hit('a'), { count: 1, resetAt: 1_100 })
  t.same(await counter.hit('a'), { count: 2, resetAt: 1_100 })
  t.same(await counter.hit('b'), { count: 1, resetAt: 1_100 }, 'keys are counted apart')
  t.same(await counter.peek('a'), { count: 2, resetAt: 1_100 })
  now = 1_100
  t.equal(await counter.peek('a'), undefined, 'the window has ended')
  t.same(await counter.hit('a'), { count: 1, resetAt: 1_200 })
})

t.test('reset forgets a key', async (t) => {
  const counter = memoryWindowCounter({ windowMs: 60_000 })
  await counter.hit('a')
  await counter.reset('a')
  t.equal(await counter.peek('a'), undefined)
  t.equal((await counter.hit('a')).count, 1)
})

t.test('holds at most maxKeys keys, forgetting the least recently used first', async (t) => {
  const counter = memoryWindowCounter({ windowMs: 60_000, maxKeys: 2 })
  await counter.hit('a')
  await counter.hit('b')
  await counter.hit('a')
  await counter.hit('c') // evicts 'b'
  t.equal(await counter.peek('b'), undefined)
  t.equal((await counter.peek('a'))?.count, 2)
  t.equal((await counter.peek('c'))?.count, 1)
})

t.test('the copy a caller gets does not change the count', async (t) => {
  const counter = memoryWindowCounter({ windowMs: 60_000 })
  const window = await counter.hit('a')
  window.count = 99
  t.equal((await counter.peek('a'))?.count, 1)
})
