import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { COLLECTIONS } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
import { createReferenceGate } from '../../../src/modules/exercises/reference-gate.js'
import { insertExercise } from '../sessions/fixtures.js'

t.test('exercise reference gate', async (t) => {
  const app = await build(t)
  const gate = createReferenceGate(app.mongo.db!)
  const exercises = app.mongo.db!.collection(COLLECTIONS.exercises)
  const references = new Set<string>()
  const inUse = (id: string) => async () => references.has(id)

  t.test('a delete waits for the reference being written, then finds it', async (t) => {
    const id = await insertExercise(app)
    let finish = () => {}
    let entered = () => {}
    const inside = new Promise<void>((resolve) => { entered = resolve })
    const writing = gate.whileReferencing([id], () => new Promise<void>((resolve) => { finish = () => { references.add(id); resolve() }; entered() }))
    await inside
    const deleting = gate.removeUnlessUsed(id, inUse(id))
    await t.rejects(gate.whileReferencing([id], async () => {}), { statusCode: 409, code: 'CONFLICT' }, 'no new reference while it is being deleted')
    finish()
    await writing
    await t.rejects(deleting, { statusCode: 409, code: 'IN_USE' })
    t.equal(await exercises.countDocuments({ _id: oid(id) }), 1)
    t.equal(await gate.whileReferencing([id], async () => 'ok'), 'ok', 'usable again after the refusal')
  })

  t.test('an unused exercise is deleted; then it can no longer be referenced', async (t) => {
    const id = await insertExercise(app)
    await gate.removeUnlessUsed(id, inUse(id))
    t.equal(await exercises.countDocuments({ _id: oid(id) }), 0)
    await t.rejects(gate.whileReferencing([id], async () => {}), { code: 'CONFLICT' })
    await t.rejects(gate.removeUnlessUsed(new ObjectId().toHexString(), async () => false), { statusCode: 404, code: 'NOT_FOUND' })
  })
})
