import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { exercise, session } from './fixtures.js'
import { aliceHistory, localTime, otherHistory } from './history.js'

t.test('GET /api/stats/records', async (t) => {
  const app = await build(t)
  const alice = await createUser(app)
  const bob = await createUser(app)
  const h = await aliceHistory(app, alice.id)
  await otherHistory(app, bob.id, h)
  const at = (i: number) => h.ends[i]
  const s = (id: { toHexString: () => string }) => id.toHexString()

  t.test('per exercise, by name, with when and where each record was set (Epley)', async (t) => {
    const res = await app.inject({ url: '/api/stats/records', headers: alice.headers })
    t.equal(res.statusCode, 200)
    t.same(res.json(), {
      formula: 'epley',
      results: [
        {
          exercise_id: s(h.bench),
          exercise_name: 'Bench Press',
          heaviest_weight: { weight: 102.5, achieved_at: at(2), session_id: s(h.s3) },
          best_e1rm: { value: 116.67, weight: 100, reps: 5, achieved_at: at(0), session_id: s(h.s1) }, // 100 × (1 + 5/30); 102.5 × 2 gives 109.33
          most_reps: [
            { weight: 100, reps: 5, achieved_at: at(0), session_id: s(h.s1) },
            { weight: 102.5, reps: 2, achieved_at: at(2), session_id: s(h.s3) }
          ], // the 60 × 10 warm-up does not count
          best_session_volume: { volume: 1000, achieved_at: at(0), session_id: s(h.s1) }
        },
        {
          exercise_id: s(h.plank),
          exercise_name: 'Plank',
          heaviest_weight: null,
          best_e1rm: null,
          most_reps: [],
          best_session_volume: null
        },
        {
          exercise_id: s(h.row),
          exercise_name: 'Row',
          heaviest_weight: { weight: 60, achieved_at: at(1), session_id: s(h.s2) },
          best_e1rm: { value: 80, weight: 60, reps: 10, achieved_at: at(1), session_id: s(h.s2) },
          most_reps: [{ weight: 60, reps: 10, achieved_at: at(1), session_id: s(h.s2) }],
          best_session_volume: { volume: 1080, achieved_at: at(1), session_id: s(h.s2) }
        },
        {
          exercise_id: s(h.squat),
          exercise_name: 'Squat',
          heaviest_weight: { weight: 140, achieved_at: at(0), session_id: s(h.s1) },
          best_e1rm: { value: 154, weight: 140, reps: 3, achieved_at: at(0), session_id: s(h.s1) },
          most_reps: [{ weight: 140, reps: 3, achieved_at: at(0), session_id: s(h.s1) }],
          best_session_volume: { volume: 420, achieved_at: at(0), session_id: s(h.s1) }
        }
      ]
    })
  })

  t.test('Brzycki on request', async (t) => {
    const res = await app.inject({ url: '/api/stats/records?formula=brzycki', headers: alice.headers })
    const bench = res.json().results[0]
    t.same(bench.best_e1rm, { value: 112.5, weight: 100, reps: 5, achieved_at: at(0), session_id: s(h.s1) }) // 100 × 36 / 32
  })

  t.test('a later, better set takes the record; the heaviest weight keeps its first date', async (t) => {
    // Sessions complete with end_time = now (the sessions module's contract).
    const s4 = await session(app, alice.id, { end: new Date(Date.now() - 1000).toISOString(), sets: [{ exercise: h.bench, reps: 4, weight: 102.5 }] })
    const bench = (await app.inject({ url: '/api/stats/records', headers: alice.headers })).json().results[0]
    t.equal(bench.heaviest_weight.session_id, s(h.s3))
    t.same(bench.most_reps[1], { weight: 102.5, reps: 4, achieved_at: bench.most_reps[1].achieved_at, session_id: s(s4) })
    t.same(bench.best_e1rm, { value: 116.67, weight: 100, reps: 5, achieved_at: at(0), session_id: s(h.s1) }, '102.5 × 4 is 116.17: the old one stands')
  })

  t.test('another user sees only their own records', async (t) => {
    const body = (await app.inject({ url: '/api/stats/records', headers: bob.headers })).json()
    t.equal(body.results.length, 1)
    t.match(body.results[0], { exercise_name: 'Row', heaviest_weight: { weight: 250 }, best_session_volume: { volume: 50000 } })
  })

  t.test('a private exercise of someone else keeps its records but not its name', async (t) => {
    const carol = await createUser(app)
    const secret = await exercise(app, 'Secret Lift', ['back'], bob.id, false)
    await session(app, carol.id, { end: localTime(2, 'UTC', 600), sets: [{ exercise: secret, reps: 1, weight: 50 }] })
    const body = (await app.inject({ url: '/api/stats/records', headers: carol.headers })).json()
    t.match(body.results, [{ exercise_id: s(secret), exercise_name: null, heaviest_weight: { weight: 50 }, best_e1rm: { value: 50 } }])
  })

  t.test('empty history', async (t) => {
    const dave = await createUser(app)
    const res = await app.inject({ url: '/api/stats/records', headers: dave.headers })
    t.same(res.json(), { formula: 'epley', results: [] })
  })

  t.test('400 for a bad formula or an unknown parameter; 401 without a token', async (t) => {
    const bad = await app.inject({ url: '/api/stats/records?formula=lombardi', headers: alice.headers })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().details[0].field, 'querystring/formula')
    const extra = await app.inject({ url: '/api/stats/records?owner=1', headers: alice.headers })
    t.equal(extra.statusCode, 400)
    t.same(extra.json().details, [{ field: 'querystring/owner', message: 'is not an allowed field' }])
    t.equal((await app.inject({ url: '/api/stats/records' })).statusCode, 401)
  })
})
