import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import { blocks, follows, makePrivate, PNG, putImage } from './graph-fixtures.js'

/**
 * Who sees what of an account, private or public: the profile (and how much of it), its image and its
 * followers list, for each viewer. Exact statuses; `restricted` says whether bio and stats were withheld.
 */
const EXPECTED = {
  public: {
    owner: { profile: 200, restricted: false, image: 200, followers: 200 },
    follower: { profile: 200, restricted: false, image: 200, followers: 200 },
    requester: { profile: 200, restricted: false, image: 200, followers: 200 },
    stranger: { profile: 200, restricted: false, image: 200, followers: 200 },
    blocked: { profile: 404, restricted: null, image: 404, followers: 404 },
    anonymous: { profile: 401, restricted: null, image: 200, followers: 401 }
  },
  private: {
    owner: { profile: 200, restricted: false, image: 200, followers: 200 },
    follower: { profile: 200, restricted: false, image: 200, followers: 200 },
    requester: { profile: 200, restricted: true, image: 200, followers: 403 },
    stranger: { profile: 200, restricted: true, image: 200, followers: 403 },
    blocked: { profile: 404, restricted: null, image: 404, followers: 404 },
    anonymous: { profile: 401, restricted: null, image: 200, followers: 401 }
  }
} as const

t.test('visibility matrix: viewers × private/public account × profile, image, followers list', async (t) => {
  const app = await build(t)
  for (const kind of ['public', 'private'] as const) {
    const [owner, follower, requester, stranger, blocked] = await Promise.all(Array.from({ length: 5 }, () => createUser(app)))
    if (kind === 'private') await makePrivate(app, owner)
    await follows(app, follower, owner)
    await follows(app, requester, owner, 'pending')
    await blocks(app, blocked, owner)
    await putImage(app, owner, PNG, 'image/png')
    const viewers: Record<keyof typeof EXPECTED['public'], TestUser | null> = { owner, follower, requester, stranger, blocked, anonymous: null }
    for (const [name, viewer] of Object.entries(viewers) as Array<[keyof typeof EXPECTED['public'], TestUser | null]>) {
      const headers = viewer?.headers ?? {}
      const expected = EXPECTED[kind][name]
      const profile = await app.inject({ url: `/api/users/${owner.username}`, headers })
      t.equal(profile.statusCode, expected.profile, `${kind} × ${name} × profile`)
      if (expected.restricted !== null) {
        const body = profile.json()
        t.equal(body.restricted, expected.restricted, `${kind} × ${name} × restricted`)
        t.equal(body.stats === null, expected.restricted, `${kind} × ${name} × stats withheld`)
        t.equal(body.bio === null, expected.restricted, `${kind} × ${name} × bio withheld`)
        t.equal(body.follower_count, 1, `${kind} × ${name} × counts shown`)
      }
      t.equal((await app.inject({ url: `/api/users/${owner.username}/image`, headers })).statusCode, expected.image, `${kind} × ${name} × image`)
      const followers = await app.inject({ url: `/api/users/${owner.username}/followers`, headers })
      t.equal(followers.statusCode, expected.followers, `${kind} × ${name} × followers`)
      if (followers.statusCode === 200) t.same(followers.json().results.map((m: { id: number }) => m.id), [follower.id], `${kind} × ${name} × only the approved follower`)
      t.equal((await app.inject({ url: `/api/users/${owner.username}/following`, headers })).statusCode, expected.followers, `${kind} × ${name} × following`)
    }
  }
})
