// Store internals: an index finds a document's entries from the document itself when it goes
// (it keeps no per-document table), so after any mix of writes it must hold exactly the entries
// an index built afresh from the remaining documents holds.
import t from 'tap'
import { Collection } from '../../../src/embedded/mongo/collection.js'

const SPECS = [
  { name: 'tags_1_n_1', key: { tags: 1, n: 1 } },
  { name: 'n_-1', key: { n: -1 } },
  { name: 'u_1', key: { u: 1 }, unique: true },
  { name: 'sparse_s', key: { s: 1 }, sparse: true },
  { name: 'partial_n', key: { n: 1, u: 1 }, partialFilterExpression: { n: { $gte: 5 } } }
]

function fresh (docs: Iterable<Record<string, unknown>>): Collection {
  const c = new Collection('db', 'c')
  for (const spec of SPECS) c.createIndex(spec)
  for (const doc of docs) c.insert(doc)
  return c
}

const entriesOf = (c: Collection) => Object.fromEntries([...c.indexes].map(([name, index]) => [name, index.sorted]))

t.test('after inserts, key-changing and key-keeping replaces and removes, every index equals one built afresh', async t => {
  const c = fresh([])
  let seed = 7
  const random = (n: number) => { seed = (seed * 48271) % 2147483647; return seed % n }
  const doc = (i: number) => ({
    _id: i,
    n: random(10),
    u: `u${i}`,
    // Repeated values in an array give a document fewer entries than its array has elements.
    tags: Array.from({ length: random(4) }, () => `t${random(3)}`),
    ...(random(2) === 0 ? { s: random(3) } : {})
  })
  const stored = (id: number) => [...c.docs.values()].find((d) => d._id === id)!
  for (let i = 0; i < 300; i++) c.insert(doc(i))
  for (let i = 0; i < 300; i += 3) c.replace(stored(i), doc(i))
  for (let i = 1; i < 300; i += 3) c.remove(stored(i))
  t.equal(c.docs.size, 200)
  t.same(entriesOf(c), entriesOf(fresh(c.docs.values())))
  t.equal(c.count({ u: 'u1' }), 0, 'a removed unique key is free again')
  t.equal(c.count({ u: 'u2' }), 1)
  t.same(c.match({ tags: 't1', n: 3 }).map((d) => d._id).sort(), [...c.docs.values()].filter((d) => (d.tags as string[]).includes('t1') && d.n === 3).map((d) => d._id).sort(),
    'an equality on a non-unique index\'s whole key finds its documents from the sorted entries')
})
