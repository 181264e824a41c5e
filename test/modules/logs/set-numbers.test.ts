import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { COLLECTIONS, type SessionDoc } from '../../../src/modules/documents.js'
import { oid } from '../../../src/lib/mongo.js'
import { createSetNumbers, type NumberedDraft } from '../../../src/modules/logs/set-numbers.js'
import { createSessionWriteGate } from '../../../src/modules/sessions/write-gate.js'
import { setKey } from '../../../src/modules/logs/rules.js'
import { createSession, insertExercise, logSet } from '../sessions/fixtures.js'

t.test('set number counters', async (t) => {
  const app = await build(t)
  const user = await createUser(app)
  const numbers = createSetNumbers(app.mongo.db!)
  const sessions = app.mongo.db!.collection<SessionDoc>(COLLECTIONS.sessions)
  const squat = await insertExercise(app, { name: 'Squat' })
  const gate = createSessionWriteGate(app.mongo.db!)
  // As a set write takes its numbers: each session's reservation with its write lease (holdTaking).
  const reserve = async (drafts: NumberedDraft[]): Promise<Map<string, number> | null> => {
    const ids = [...new Set(drafts.map((draft) => draft.session))]
    const reservations = new Map(ids.map((id) => [id, numbers.reservation(id, drafts)]))
    const taken = await gate.holdTaking(ids, user.id, (id) => reservations.get(id)!)
    if (!taken) return null
    await taken.release(true)
    return new Map([...taken.docs].flatMap(([id, doc]) => reservations.get(id)!.before(doc)))
  }
  const counter = async (session: string) => (await sessions.findOne({ _id: oid(session) }))?.set_counters?.[squat]

  t.test('concurrent reservations get disjoint ranges', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    const drafts = Array.from({ length: 3 }, () => ({ session: session.id, exercise: squat, numbered: false }))
    const taken = await Promise.all(Array.from({ length: 20 }, () => reserve(drafts)))
    const starts = taken.map((before) => before!.get(setKey(session.id, squat))!).sort((a, b) => a - b)
    t.same(starts, Array.from({ length: 20 }, (_v, i) => i * 3))
    t.equal(await counter(session.id), 60)
  })

  t.test('sessions stored before the counters start from the sets they hold', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    await logSet(app, user, session.id, { exercise: squat, reps: 5 })
    await logSet(app, user, session.id, { exercise: squat, reps: 5 })
    await sessions.updateOne({ _id: oid(session.id) }, { $unset: { set_counters: '' } })
    t.same([...await numbers.current([session.id], user.id)], [[setKey(session.id, squat), 2]])
    t.same([...await numbers.current([session.id], user.id + 1)], [], "another user's session is not read")
  })

  t.test('an unnumbered set past the maximum takes nothing; numbered ones may pass it', async (t) => {
    const session = await createSession(app, user, 'in_progress')
    await sessions.updateOne({ _id: oid(session.id) }, { $set: { [`set_counters.${squat}`]: 99 } })
    t.equal(await reserve([{ session: session.id, exercise: squat, numbered: false }, { session: session.id, exercise: squat, numbered: false }]), null)
    t.equal(await counter(session.id), 99)
    const before = await reserve([{ session: session.id, exercise: squat, numbered: false }, { session: session.id, exercise: squat, numbered: true }])
    t.equal(before?.get(setKey(session.id, squat)), 99)
    t.equal(await counter(session.id), 101)
  })

  t.test("deleting the pair's latest set gives its number back", async (t) => {
    const session = await createSession(app, user, 'in_progress')
    await sessions.updateOne({ _id: oid(session.id) }, { $set: { [`set_counters.${squat}`]: 5 } })
    await numbers.giveBack(session.id, squat, 4)
    t.equal(await counter(session.id), 5, 'not the latest')
    await numbers.giveBack(session.id, squat, 5)
    t.equal(await counter(session.id), 4)
  })
})
