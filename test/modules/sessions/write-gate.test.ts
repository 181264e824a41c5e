import t from 'tap'
import { ObjectId } from 'mongodb'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { createSessionWriteGate } from '../../../src/modules/sessions/write-gate.js'
import { createSetNumbers } from '../../../src/modules/logs/set-numbers.js'
import { COLLECTIONS, type SessionDoc } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
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

  t.test('a lease taken with set numbers: refused, taking nothing, while the session is being ended; undone when unused', async (t) => {
    const numbers = createSetNumbers(app.mongo.db!)
    const sessions = app.mongo.db!.collection<SessionDoc>(COLLECTIONS.sessions)
    const exercise = new ObjectId().toHexString()
    const state = async (id: string) => {
      const doc = await sessions.findOne({ _id: oid(id) })
      return { counter: doc?.set_counters?.[exercise] ?? 0, leases: doc?.write_leases?.length ?? 0 }
    }
    const take = (ids: string[]) => gate.holdTaking(ids, user.id, (id) => numbers.reservation(id, ids.map((session) => ({ session, exercise, numbered: false }))))

    const open = await createSession(app, user, 'in_progress')
    const taken = await take([open.id])
    t.same(await state(open.id), { counter: 1, leases: 1 })
    const order: string[] = []
    const closing = gate.whileClosing(open.id, user.id, 'completed', async () => { order.push('finish') })
    await t.rejects(take([open.id]), { statusCode: 409, code: 'INVALID_STATE', message: 'Cannot change sets of a session that is being completed' })
    t.same(await state(open.id), { counter: 1, leases: 1 }, 'the refused write took no number')
    order.push('write done')
    await taken!.release(true)
    await closing
    t.same(order, ['write done', 'finish'], 'ending waited for the write')
    t.same(await state(open.id), { counter: 1, leases: 0 }, 'a write that ran keeps its numbers')

    const first = await createSession(app, user, 'in_progress')
    const ended = await createSession(app, user, 'completed')
    await t.rejects(take([first.id, ended.id]), { statusCode: 409, code: 'INVALID_STATE', message: 'Cannot change sets of a session that is completed' })
    t.same(await state(first.id), { counter: 0, leases: 0 }, 'the session taken before the refusal is given back')
    await (await take([first.id]))!.release(false)
    t.same(await state(first.id), { counter: 0, leases: 0 }, 'a write that never ran gives its numbers back')
    await sessions.updateOne({ _id: oid(first.id) }, { $set: { [`set_counters.${exercise}`]: 100 } })
    t.equal(await take([first.id]), null, 'no room for an unnumbered set: null')
    t.same(await state(first.id), { counter: 100, leases: 0 })
  })
})
