import t from 'tap'
import { canChange, canSee, changeableOr403, ownedOr404, visibleOr404 } from '../../src/lib/access.js'
import type { AuthUser } from '../../src/plugins/auth.js'

const member: AuthUser = { id: 1, username: 'm', email: 'm@x.test', role: 'member', tokenId: 1, scopes: [] }
const other: AuthUser = { id: 2, username: 'o', email: 'o@x.test', role: 'member', tokenId: 2, scopes: [] }
const admin: AuthUser = { id: 3, username: 'a', email: 'a@x.test', role: 'admin', tokenId: 3, scopes: [] }

const own = { created_by_user_id: 1, is_public: false }
const publicOne = { created_by_user_id: 2, is_public: true }
const privateOne = { created_by_user_id: 2, is_public: false }
const library = { created_by_user_id: null }

/** The error a call throws (undefined when it does not). */
function thrown (fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
}

t.test('visibility: own, public and library objects', async (t) => {
  t.ok(canSee(member, own))
  t.ok(canSee(member, publicOne))
  t.ok(canSee(member, library))
  t.notOk(canSee(member, privateOne))
  t.notOk(canSee(admin, privateOne), 'admins do not see private objects of others either')
})

t.test('changes: owners, and admins for the library', async (t) => {
  t.ok(canChange(member, own))
  t.notOk(canChange(member, publicOne))
  t.notOk(canChange(member, library))
  t.ok(canChange(admin, library))
  t.notOk(canChange(admin, publicOne))
})

t.test('visibleOr404: 404 for missing and private-of-others, the object otherwise', async (t) => {
  t.equal(visibleOr404(own, member, 'Workout'), own)
  t.match(thrown(() => visibleOr404(null, member, 'Workout')), { statusCode: 404, code: 'NOT_FOUND', message: 'Workout not found' })
  t.match(thrown(() => visibleOr404(privateOne, member, 'Workout')), { statusCode: 404, message: 'Workout not found' }, 'same answer as missing')
})

t.test('changeableOr403: 404 when invisible, 403 when visible but not changeable', async (t) => {
  t.equal(changeableOr403(own, member, 'Workout'), own)
  t.match(thrown(() => changeableOr403(privateOne, member, 'Workout')), { statusCode: 404 })
  t.match(thrown(() => changeableOr403(publicOne, member, 'Workout')), { statusCode: 403, code: 'FORBIDDEN', message: 'You may not change this workout' })
  t.match(thrown(() => changeableOr403(library, member, 'Exercise')), { statusCode: 403 })
  t.equal(changeableOr403(library, admin, 'Exercise'), library)
})

t.test('ownedOr404: never-shared objects', async (t) => {
  const session = { user_id: 1 }
  t.equal(ownedOr404(session, member, 'Session'), session)
  t.match(thrown(() => ownedOr404(session, other, 'Session')), { statusCode: 404, message: 'Session not found' })
  t.match(thrown(() => ownedOr404(null, member, 'Session')), { statusCode: 404 })
})
