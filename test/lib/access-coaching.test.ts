import t from 'tap'
import { actableOr404, canChange, curatesLibrary, type MayActFor } from '../../src/lib/access.js'
import type { AuthUser } from '../../src/plugins/auth.js'

const user = (id: number, role: AuthUser['role']): AuthUser => ({ id, username: `u${id}`, email: `u${id}@x.test`, role, tokenId: id, scopes: [] })
const member = user(1, 'member')
const trainer = user(2, 'trainer')
const library = { created_by_user_id: null }

t.test('trainers and admins curate the library; members do not', async (t) => {
  t.ok(curatesLibrary(trainer))
  t.ok(curatesLibrary(user(3, 'admin')))
  t.notOk(curatesLibrary(member))
  t.ok(canChange(trainer, library))
  t.notOk(canChange(trainer, { created_by_user_id: 1, is_public: true }), 'not other people\'s custom exercises')
})

t.test('actableOr404 asks the one access function, and answers 404 for a refusal as for a missing object', async (t) => {
  const asked: Array<[number, number]> = []
  const mayActFor: MayActFor = async (viewer, ownerId) => {
    asked.push([viewer.id, ownerId])
    return viewer.id === ownerId || (viewer.id === trainer.id && ownerId === member.id)
  }
  const session = { user_id: member.id }
  t.equal(await actableOr404(session, member, 'Session', mayActFor), session)
  t.equal(await actableOr404(session, trainer, 'Session', mayActFor), session)
  await t.rejects(actableOr404(session, user(9, 'trainer'), 'Session', mayActFor), { statusCode: 404, message: 'Session not found' })
  await t.rejects(actableOr404(null, member, 'Session', mayActFor), { statusCode: 404, message: 'Session not found' })
  t.same(asked, [[1, 1], [2, 1], [9, 1]], 'asked for every object, never cached')
})
