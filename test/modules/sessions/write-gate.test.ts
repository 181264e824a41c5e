import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createSessionWriteGate } from '../../../src/modules/sessions/write-gate.js'
import { createSession } from './fixtures.js'

t.test('session write gate', async (t) => {
  const app = await build(t)
  const user = await createUser(app)
  const gate = createSessionWriteGate(app.mongo.db!)
  const impatient = createSessionWriteGate(app.mongo.db!, 100)
  /** A write that stays under way until `finish` is called; `entered` resolves once it holds its lease. */
  const heldWrite = (sessionId: string) => {
    let finish = () => {}
    let entered = () => {}
    const inside = new Promise<void>((resolve) => { entered = resolve })
    const done = gate.whileWriting([sessionId], user.id, () => new Promise<void>((resolve) => { finish = resolve; entered() }))
    return { inside, done, finish: () => finish() }
  }

  t.test('ending a session waits for the set write under way, and refuses new ones meanwhile', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    const write = heldWrite(session.id)
    await write.inside
    const order: string[] = []
    const closing = gate.whileClosing(session.id, user.id, 'completed', async () => { order.push('finish') })
    await t.rejects(gate.whileWriting([session.id], user.id, async () => {}), { statusCode: 409, code: 'INVALID_STATE', message: 'Cannot change sets of a session that is being completed' })
    order.push('write done')
    write.finish()
    await write.done
    await closing
    t.same(order, ['write done', 'finish'])
  })

  t.test('SESSION_BUSY when the writes do not finish in time; the claim is let go', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    const write = heldWrite(session.id)
    await write.inside
    await t.rejects(impatient.whileClosing(session.id, user.id, 'completed', async () => {}), { statusCode: 409, code: 'SESSION_BUSY' })
    t.equal(await gate.whileWriting([session.id], user.id, async () => 'written'), 'written', 'writers are let in again')
    write.finish()
    await write.done
  })

  t.test('one request ends a session at a time', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    let release = () => {}
    let entered = () => {}
    const inside = new Promise<void>((resolve) => { entered = resolve })
    const first = gate.whileClosing(session.id, user.id, 'completed', () => new Promise<void>((resolve) => { release = resolve; entered() }))
    await inside
    await t.rejects(gate.whileClosing(session.id, user.id, 'deleted', async () => {}), { code: 'SESSION_BUSY', message: 'The session is being completed by another request; retry shortly' })
    release()
    await first
  })

  t.test('ended, missing or foreign sessions take no sets', async (t) => {
    const completed = await createSession(app, user, 'completed')
    await t.rejects(gate.whileWriting([completed.id], user.id, async () => {}), { code: 'INVALID_STATE', message: 'Cannot change sets of a session that is completed' })
    // The writers checked ownership before; a session missing here was deleted meanwhile.
    await t.rejects(gate.whileWriting([new ObjectId().toHexString()], user.id, async () => {}), { code: 'INVALID_STATE', message: 'Cannot change sets of a session that was deleted' })
    const open = await createSession(app, user, 'in_progress')
    await t.rejects(gate.whileWriting([open.id], user.id + 1, async () => {}), { statusCode: 409, code: 'INVALID_STATE' })
    await t.rejects(gate.whileClosing(new ObjectId().toHexString(), user.id, 'deleted', async () => {}), { statusCode: 404, code: 'NOT_FOUND' })
  })
})
