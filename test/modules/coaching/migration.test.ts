import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'

const code = (error: unknown) => (error as { code?: string }).code

t.test('003_coaching: the database itself keeps one active trainer per client and one open request per pair', async (t) => {
  const app = await build(t)
  const [trainer, other, client] = await Promise.all([createUser(app, { role: 'trainer' }), createUser(app, { role: 'trainer' }), createUser(app)])
  const link = (trainerId: number, status: string) => app.pg.query(
    "INSERT INTO coaching_links (trainer_id, client_id, initiated_by, status) VALUES ($1, $2, 'trainer', $3) RETURNING id", [trainerId, client.id, status])

  await link(trainer.id, 'pending')
  t.equal(code(await link(trainer.id, 'pending').catch((error) => error)), '23505', 'a second pending request for the pair')
  await link(other.id, 'pending')
  await link(trainer.id, 'active')
  t.equal(code(await link(other.id, 'active').catch((error) => error)), '23505', 'a second active trainer')
  await link(other.id, 'ended')
  await link(other.id, 'ended')
  t.pass('history rows (ended, declined) are not limited')
  t.equal(code(await app.pg.query("INSERT INTO coaching_links (trainer_id, client_id, initiated_by) VALUES ($1, $1, 'client')", [client.id]).catch((error) => error)), '23514', 'nobody coaches themselves')

  const gym = await app.pg.query<{ id: number }>("INSERT INTO gyms (name) VALUES ('Iron Temple') RETURNING id")
  const gym2 = await app.pg.query<{ id: number }>("INSERT INTO gyms (name) VALUES ('Second Gym') RETURNING id")
  t.equal(code(await app.pg.query("INSERT INTO gyms (name) VALUES ('iron temple')").catch((error) => error)), '23505', 'gym names are unique whatever their case')
  await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [client.id, gym.rows[0].id])
  t.equal(code(await app.pg.query('INSERT INTO gym_memberships (user_id, gym_id) VALUES ($1, $2)', [client.id, gym2.rows[0].id]).catch((error) => error)), '23505', 'at most one gym per member')

  await app.pg.query('DELETE FROM users WHERE id = $1', [client.id])
  const left = await app.pg.query('SELECT (SELECT count(*) FROM coaching_links)::int AS links, (SELECT count(*) FROM gym_memberships)::int AS members')
  t.same(left.rows[0], { links: 0, members: 0 }, 'a deleted account takes its links and membership with it')
})
