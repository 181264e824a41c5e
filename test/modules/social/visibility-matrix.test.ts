import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import type { Visibility } from '../../../src/modules/documents.js'
import { block, completedSession, follow } from './visibility-fixtures.js'

type Viewer = 'owner' | 'follower' | 'requester' | 'stranger' | 'blocked' | 'anonymous'
const VISIBILITIES: Visibility[] = ['private', 'followers', 'public']

/** Who sees a session of each visibility: the one table every row below is checked against. */
const SEES: Record<Viewer, Record<Visibility, boolean>> = {
  owner: { private: true, followers: true, public: true },
  follower: { private: false, followers: true, public: true },
  requester: { private: false, followers: false, public: true },
  stranger: { private: false, followers: false, public: true },
  blocked: { private: false, followers: false, public: false },
  anonymous: { private: false, followers: false, public: false }
}
/** Whose feed shows it: only accepted, unblocked followers (and the owner); a public session of someone you do not follow is not in your feed. */
const IN_FEED: Record<Viewer, Record<Visibility, boolean>> = {
  ...SEES,
  requester: { private: false, followers: false, public: false },
  stranger: { private: false, followers: false, public: false }
}

t.test('visibility matrix: viewer × visibility × session, sets, comments, likes, feed, notifications', async (t) => {
  const app = await build(t)
  const [owner, follower, requester, stranger, blocked] = await Promise.all(Array.from({ length: 5 }, () => createUser(app)))
  await follow(app, follower, owner)
  await follow(app, requester, owner, 'pending')
  await follow(app, blocked, owner) // the follow row stays: the block must win anyway
  await block(app, owner, blocked)
  const users: Record<Exclude<Viewer, 'anonymous'>, TestUser> = { owner, follower, requester, stranger, blocked }
  const sessions = Object.fromEntries(await Promise.all(VISIBILITIES.map(async (v) => [v, (await completedSession(app, owner, v)).id]))) as Record<Visibility, string>

  for (const viewer of Object.keys(SEES) as Viewer[]) {
    const headers = viewer === 'anonymous' ? {} : users[viewer].headers
    const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
    for (const visibility of VISIBILITIES) {
      const id = sessions[visibility]
      const sees = SEES[viewer][visibility]
      const read = viewer === 'anonymous' ? 401 : sees ? 200 : 404
      const label = `${viewer} × ${visibility}`
      t.equal((await call('GET', `/api/workout-sessions/${id}`)).statusCode, read, `${label}: session`)
      t.equal((await call('GET', `/api/workout-sessions/${id}/logs`)).statusCode, read, `${label}: its sets`)
      t.equal((await call('GET', `/api/workout-sessions/${id}/comments`)).statusCode, read, `${label}: its comments`)
      t.equal((await call('PUT', `/api/workout-sessions/${id}/like`)).statusCode, read, `${label}: like`)
      t.equal((await call('POST', `/api/workout-sessions/${id}/comments`, { text: `from ${viewer}` })).statusCode, read === 200 ? 201 : read, `${label}: comment`)
      const feed = await call('GET', '/api/feed?limit=50')
      if (viewer === 'anonymous') t.equal(feed.statusCode, 401, `${label}: feed`)
      else t.equal(feed.json().results.some((item: { id: string }) => item.id === id), IN_FEED[viewer][visibility], `${label}: in feed`)
    }
  }

  t.test('notifications: the owner hears from exactly those who could react, nobody else reads them', async (t) => {
    const inbox = (await app.inject({ url: '/api/notifications?page_size=100', headers: owner.headers })).json()
    const heard = new Set(inbox.results.map((n: { actor: { id: number }, object: { id: string }, type: string }) => `${n.type}:${n.actor.id}:${n.object.id}`))
    for (const viewer of ['follower', 'requester', 'stranger', 'blocked'] as const) {
      for (const visibility of VISIBILITIES) {
        for (const type of ['like', 'comment']) {
          t.equal(heard.has(`${type}:${users[viewer].id}:${sessions[visibility]}`), SEES[viewer][visibility], `${type} by ${viewer} on ${visibility}`)
        }
      }
    }
    t.equal(inbox.count, 2 * (2 + 1 + 1), 'follower on two, requester and stranger on one each; none for the owner\'s own')
    for (const viewer of ['follower', 'requester', 'stranger', 'blocked'] as const) {
      t.equal((await app.inject({ url: '/api/notifications', headers: users[viewer].headers })).json().count, 0, `${viewer} reads none of them`)
      const foreign = inbox.results[0].id
      t.equal((await app.inject({ method: 'POST', url: `/api/notifications/${foreign}/read`, headers: users[viewer].headers })).statusCode, 404, `${viewer} cannot mark the owner's`)
    }
  })
})
