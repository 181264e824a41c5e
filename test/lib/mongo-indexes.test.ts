import t from 'tap'
import { build } from '../helpers/build.js'
import { createIndexBuilder } from '../../src/lib/mongo-indexes.js'

t.test('index builder', async (t) => {
  const app = await build(t)
  const db = app.mongo.db!
  const names = async (collection: string) => (await db.collection(collection).indexes()).map((index) => index.name).sort()

  t.test('builds every declaration, one command per collection, and reports when all exist', async (t) => {
    const builder = createIndexBuilder(db)
    const first = builder.ensure([
      { collection: 'built_a', key: { x: 1 }, options: { name: 'x' } },
      { collection: 'built_a', key: { y: 1 }, options: { name: 'y_unique', unique: true } },
      { collection: 'built_b', key: { z: -1 }, options: { name: 'z' } }
    ])
    // A second module declaring on the same collection runs after the first's command.
    const second = builder.ensure([{ collection: 'built_a', key: { w: 1 }, options: { name: 'w' } }])
    await builder.built()
    await Promise.all([first, second])
    t.same(await names('built_a'), ['_id_', 'w', 'x', 'y_unique'])
    t.same(await names('built_b'), ['_id_', 'z'])
    await db.collection('built_a').insertOne({ y: 1 })
    await t.rejects(db.collection('built_a').insertOne({ y: 1 }), { code: 11000 }, 'the unique option was kept')
  })

  t.test('a failing declaration rejects its own promise and built(), not the others', async (t) => {
    const builder = createIndexBuilder(db)
    await builder.ensure([{ collection: 'clash', key: { a: 1 }, options: { name: 'a' } }])
    const clashing = builder.ensure([{ collection: 'clash', key: { b: 1 }, options: { name: 'a' } }])
    const after = builder.ensure([{ collection: 'clash', key: { c: 1 }, options: { name: 'c' } }])
    await t.rejects(clashing, /name/i, 'same name, other key')
    await after
    t.same(await names('clash'), ['_id_', 'a', 'c'], 'a later declaration on the collection still ran')
    await t.rejects(builder.built(), /name/i)
  })

  t.test('nothing is sent before the connection settles; its failure fails every declaration', async (t) => {
    let connect!: () => void
    const connected = new Promise<void>((resolve) => { connect = resolve })
    const builder = createIndexBuilder(db, connected)
    const pending = builder.ensure([{ collection: 'waits', key: { q: 1 }, options: { name: 'q' } }])
    t.notOk((await db.listCollections({ name: 'waits' }).toArray()).length, 'not created yet')
    connect()
    await pending
    t.same(await names('waits'), ['_id_', 'q'])

    const failing = createIndexBuilder(db, Promise.reject(new Error('no server')))
    await t.rejects(failing.ensure([{ collection: 'never', key: { q: 1 }, options: { name: 'q' } }]), /no server/)
    await t.rejects(failing.built(), /no server/)
  })
})
