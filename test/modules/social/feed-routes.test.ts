import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { insertExercise, logSet, createSession, act } from '../sessions/fixtures.js'
import { block, follow, insertCompleted, unfollow } from './visibility-fixtures.js'

const MINUTE = 60_000

t.test('feed', async (t) => {
  const app = await build(t)
  const [me, friend, other, stranger] = await Promise.all([createUser(app), createUser(app), createUser(app), createUser(app)])
  await follow(app, me, friend)
  await follow(app, me, other)
  await follow(app, me, stranger, 'pending')
  const base = Date.now() - 100 * 24 * 60 * MINUTE
  const ids = new Map<string, string>()
  // 30 visible sessions with some equal end times (ties go by id), plus ones that must never show.
  for (let i = 0; i < 30; i++) {
    const owner = [me, friend, other][i % 3]
    ids.set(await insertCompleted(app, owner.id, new Date(base + Math.floor(i / 2) * 37 * 60 * MINUTE), i % 3 === 0 ? 'private' : 'followers'), owner.username)
  }
  await insertCompleted(app, friend.id, new Date(base), 'private')
  await insertCompleted(app, friend.id, new Date(base), null)
  await insertCompleted(app, stranger.id, new Date(base), 'public')
  const feed = async (url = '/api/feed', user = me) => {
    const res = await app.inject({ url, headers: user.headers })
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
    return res.json() as { next: string | null, results: Array<{ id: string, end_time: string, owner: { username: string }, like_count: number, liked_by_me: boolean, summary: Record<string, unknown> }> }
  }
  const walk = async (limit: number, between?: () => Promise<unknown>) => {
    const seen: string[] = []
    let url: string | null = `/api/feed?limit=${limit}`
    while (url) {
      const page = await feed(url.replace(/^https?:\/\/[^/]+/, ''))
      seen.push(...page.results.map((item) => item.id))
      url = page.next
      if (between) await between()
    }
    return seen
  }

  t.test('newest first by end_time then id, exactly the visible sessions', async (t) => {
    const all = await walk(50)
    t.equal(all.length, 30)
    t.same(new Set(all), new Set(ids.keys()))
    const items = (await feed('/api/feed?limit=50')).results
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1], items[i]]
      t.ok(a.end_time > b.end_time || (a.end_time === b.end_time && a.id > b.id), `item ${i} is older than item ${i - 1}`)
    }
    t.match(items[0], { owner: { username: String }, summary: { duration_minutes: 60, volume: 1000, personal_records: [], top_exercises: [] }, like_count: 0, liked_by_me: false })
  })

  t.test('paging is stable while sessions arrive between pages: no duplicates, no gaps', async (t) => {
    const before = await walk(50)
    let arrived = 0
    const paged = await walk(4, async () => { arrived++; await insertCompleted(app, friend.id, new Date(), 'followers') })
    t.same(paged, before, 'the walk saw the feed as it was when it started')
    t.equal((await feed()).results.length, 20)
    t.ok(arrived > 5)
  })

  t.test('writes invalidate cached pages', async (t) => {
    const first = await feed('/api/feed?limit=5')
    const top = first.results[0]
    const owner = top.owner.username === friend.username ? friend : other
    await app.inject({ method: 'PUT', url: `/api/workout-sessions/${top.id}/like`, headers: me.headers })
    t.match((await feed('/api/feed?limit=5')).results[0], { id: top.id, like_count: 1, liked_by_me: true }, 'a like shows at once')
    await app.inject({ method: 'PATCH', url: `/api/workout-sessions/${top.id}`, headers: owner.headers, payload: { visibility: 'private' } })
    t.not((await feed('/api/feed?limit=5')).results[0].id, top.id, 'made private: gone at once')
    await unfollow(app, me, friend)
    t.notOk((await feed('/api/feed?limit=50')).results.some((item) => item.owner.username === friend.username), 'unfollowed: gone at once')
    await follow(app, me, friend)
    await block(app, friend, me)
    t.notOk((await feed('/api/feed?limit=50')).results.some((item) => item.owner.username === friend.username), 'blocked (follow row left): gone')
    await app.pg.query('DELETE FROM blocks')
    const session = await createSession(app, friend, 'in_progress', { visibility: 'followers' })
    const exercise = await insertExercise(app, { created_by_user_id: null, is_custom: false, name: 'Squat' })
    await logSet(app, friend, session.id, { exercise, reps: 5, weight: 140 })
    await act(app, friend, session.id, 'complete')
    const fresh = (await feed('/api/feed?limit=5')).results[0]
    t.equal(fresh.id, session.id, 'a completed session shows at once')
    t.match(fresh.summary, { sets: 1, volume: 700, top_exercises: [{ exercise_id: exercise, exercise_name: 'Squat', sets: 1, volume: 700 }] })
    t.same((fresh.summary.personal_records as Array<{ record: string }>).map((r) => r.record).sort(), ['best_e1rm', 'best_session_volume', 'heaviest_weight'])
  })

  t.test('bad input: cursors, limits, unknown parameters, no token', async (t) => {
    const forged = Buffer.from(JSON.stringify([Date.now(), { $gt: '' }])).toString('base64url')
    for (const query of ['cursor=abc', `cursor=${forged}`, 'cursor=%24gt', 'cursor=' + 'A'.repeat(201), 'limit=0', 'limit=51', 'user_id=2', 'cursor[$gt]=']) {
      const res = await app.inject({ url: `/api/feed?${query}`, headers: me.headers })
      t.equal(res.statusCode, 400, query)
      t.match(res.json(), { code: 'VALIDATION_ERROR' })
    }
    t.equal((await app.inject({ url: '/api/feed' })).statusCode, 401)
    t.same((await feed('/api/feed', await createUser(app))).results, [], 'a user who follows nobody and has no sessions')
  })
})
