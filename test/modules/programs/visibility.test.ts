import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser, type TestUser } from '../../helpers/users.js'
import { createProgram, programWorld } from './fixtures.js'

t.test('who sees a program: private, gym and public × owner, gym member, gym trainer, other, admin', async (t) => {
  const app = await build(t)
  const w = await programWorld(app)
  // A second trainer of the same gym sees gym programs; otherTrainer has no gym.
  const gymTrainer = await createUser(app, { role: 'trainer' })
  await app.pg.query('INSERT INTO trainer_profiles (user_id, gym_id) VALUES ($1, $2)', [gymTrainer.id, w.gym])
  const weeks = [{ days: [{ day: 1, workout: w.workout }] }]
  const programs = {
    private: await createProgram(app, w.trainer, { name: 'Private plan', visibility: 'private', weeks }),
    gym: await createProgram(app, w.trainer, { name: 'Gym plan', visibility: 'gym', weeks }),
    public: await createProgram(app, w.trainer, { name: 'Public plan', visibility: 'public', weeks })
  }
  const viewers: Array<[string, TestUser, Record<keyof typeof programs, boolean>]> = [
    ['owner', w.trainer, { private: true, gym: true, public: true }],
    ['gym member', w.gymMate, { private: false, gym: true, public: true }],
    ['trainer of the same gym', gymTrainer, { private: false, gym: true, public: true }],
    ['member of no gym', w.otherMember, { private: false, gym: false, public: true }],
    ['trainer of no gym', w.otherTrainer, { private: false, gym: false, public: true }],
    ['admin', w.admin, { private: true, gym: true, public: true }]
  ]
  for (const [label, viewer, sees] of viewers) {
    const listed = (await app.inject({ url: `/api/programs?owner=${w.trainer.id}`, headers: viewer.headers })).json().results.map((p: { name: string }) => p.name).sort()
    const expected = Object.entries(sees).filter(([, yes]) => yes).map(([visibility]) => programs[visibility as keyof typeof programs].name).sort()
    t.same(listed, expected, `${label} lists exactly what they may see`)
    for (const [visibility, program] of Object.entries(programs)) {
      const res = await app.inject({ url: `/api/programs/${program.id}`, headers: viewer.headers })
      t.equal(res.statusCode, sees[visibility as keyof typeof programs] ? 200 : 404, `${label} reads the ${visibility} program`)
    }
  }

  t.test('leaving the gym hides gym programs at once', async (t) => {
    await app.pg.query('DELETE FROM gym_memberships WHERE user_id = $1', [w.gymMate.id])
    t.equal((await app.inject({ url: `/api/programs/${programs.gym.id}`, headers: w.gymMate.headers })).statusCode, 404)
    await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [w.gymMate.id, w.gym])
    t.equal((await app.inject({ url: `/api/programs/${programs.gym.id}`, headers: w.gymMate.headers })).statusCode, 200)
  })

  t.test('list filters: visibility, owner, mine, search, ordering, paging', async (t) => {
    await createProgram(app, w.otherTrainer, { name: 'Zebra public', visibility: 'public', weeks: [{ days: [{ day: 1, workout: w.publicWorkout }] }] })
    const names = async (query: string, user = w.trainer) => {
      const res = await app.inject({ url: `/api/programs?${query}`, headers: user.headers })
      t.equal(res.statusCode, 200, query)
      return res.json().results.map((p: { name: string }) => p.name)
    }
    t.same(await names('visibility=gym'), ['Gym plan'])
    t.same(await names('mine=false'), ['Zebra public'])
    t.same(await names('mine=true&ordering=name'), ['Gym plan', 'Private plan', 'Public plan'])
    t.same(await names('ordering=-name&page_size=2'), ['Zebra public', 'Public plan'])
    t.same(await names(`owner=${w.otherTrainer.id}`, w.gymMate), ['Zebra public'])
    t.same(await names('search=PLAN&mine=true&ordering=-created_at'), ['Public plan', 'Gym plan', 'Private plan'])
    const page = (await app.inject({ url: '/api/programs?page=2&page_size=1&ordering=name', headers: w.trainer.headers })).json()
    t.match(page, { count: 4, next: /page=3/, previous: /page_size=1/ })
    for (const bad of ['visibility=friends', 'owner=abc', 'owner[$gt]=0', 'mine=maybe', 'ordering=password', 'page=0', 'page_size=1000', 'search=' + 'x'.repeat(101), 'other=1']) {
      t.equal((await app.inject({ url: `/api/programs?${bad}`, headers: w.trainer.headers })).statusCode, 400, bad)
    }
  })
})
