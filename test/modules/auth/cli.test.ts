import argon2 from 'argon2'
import t from 'tap'
import { runCommand, EXIT } from '../../../src/cli.js'
import { configWith } from '../../../src/config.js'
import { buildAuth, CHEAP_ARGON2, login, register } from './fixtures.js'

const config = configWith(CHEAP_ARGON2)

t.test('npm run cli -- create-admin', async (t) => {
  const app = await buildAuth(t)
  const run = async (argv: string[], env: Record<string, string> = {}, stdin = '') => {
    const out: string[] = []
    const err: string[] = []
    const code = await runCommand(app, config, argv, { env, readStdin: async () => stdin }, (line) => out.push(line), (line) => err.push(line))
    return { code, json: out.length ? JSON.parse(out[0]) : undefined, err: err.join('\n') }
  }
  const args = ['create-admin', '--username', 'boss', '--email', 'boss@example.com']

  t.test('creates an active admin with a profile, password from stdin', async (t) => {
    const res = await run(args, {}, 'a strong admin passphrase\n')
    t.equal(res.code, EXIT.ok)
    t.match(res.json, { action: 'created', password_changed: true, user: { username: 'boss', role: 'admin', is_active: true } })
    t.notMatch(JSON.stringify(res.json), /hash|passphrase/)
    t.equal((await login(app, 'boss', 'a strong admin passphrase')).statusCode, 200, 'the trailing newline is not part of it')
    const { rows } = await app.pg.query("SELECT password_hash FROM users WHERE username = 'boss'")
    t.match(rows[0].password_hash, /^\$argon2id\$/)
    t.equal(await app.mongo.db!.collection('profiles').countDocuments({ user_id: res.json.user.id }), 1)
  })

  t.test('is idempotent: running again changes nothing, the password stays', async (t) => {
    const res = await run(args)
    t.equal(res.code, EXIT.ok)
    t.match(res.json, { action: 'unchanged', password_changed: false, user: { role: 'admin' } })
    t.equal((await login(app, 'BOSS', 'a strong admin passphrase')).statusCode, 200)
  })

  t.test('promotes and reactivates an existing member; a given password replaces the old one and ends its sessions', async (t) => {
    const member = await register(app, { username: 'promote_me', email: 'promote@example.com' })
    await app.pg.query('UPDATE users SET is_active = false WHERE id = $1', [member.id])
    const res = await run(['create-admin', '--username', 'Promote_Me', '--email', 'PROMOTE@example.com'], { ADMIN_PASSWORD: 'env provided passphrase' })
    t.match(res.json, { action: 'promoted', password_changed: true, user: { id: member.id, role: 'admin', is_active: true } })
    t.equal((await login(app, 'promote_me', 'env provided passphrase')).statusCode, 200)
    const { rows } = await app.pg.query('SELECT count(*)::int AS n FROM auth_tokens WHERE user_id = $1', [member.id])
    t.equal(rows[0].n, 1, 'only the token of the login above')
    const { rows: hashRows } = await app.pg.query('SELECT password_hash FROM users WHERE id = $1', [member.id])
    t.ok(await argon2.verify(hashRows[0].password_hash, 'env provided passphrase'))
  })

  t.test('exit 1 for fixable problems, nothing written', async (t) => {
    await register(app, { username: 'someone', email: 'someone@example.com' })
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['create-admin', '--username', 'newbie', '--email', 'newbie@example.com'], {}, /needs a password/],
      [['create-admin', '--username', 'newbie', '--email', 'newbie@example.com'], { ADMIN_PASSWORD: 'short' }, /8–256/],
      [['create-admin', '--username', 'newbie', '--email', 'newbie@example.com'], { ADMIN_PASSWORD: 'NEWBIE@example.com' }, /too similar/],
      [['create-admin', '--username', 'x', '--email', 'newbie@example.com'], { ADMIN_PASSWORD: 'long enough pass' }, /--username/],
      [['create-admin', '--username', 'newbie', '--email', 'nope'], { ADMIN_PASSWORD: 'long enough pass' }, /--email/],
      [['create-admin', '--username', 'someone', '--email', 'other@example.com'], { ADMIN_PASSWORD: 'long enough pass' }, /username belongs to an account with another email/],
      [['create-admin', '--username', 'newbie', '--email', 'SOMEONE@example.com'], { ADMIN_PASSWORD: 'long enough pass' }, /email belongs to an account with another username/]
    ]
    for (const [argv, env, message] of cases) {
      const res = await run(argv, env)
      t.equal(res.code, EXIT.failed, argv.join(' '))
      t.match(res.err, message)
      t.equal(res.json, undefined)
    }
    const { rows } = await app.pg.query("SELECT count(*)::int AS n FROM users WHERE username = 'newbie' OR role = 'admin' AND username = 'someone'")
    t.equal(rows[0].n, 0)
  })

  t.test('exit 2 with usage for unknown commands and options', async (t) => {
    for (const argv of [[], ['destroy-everything'], ['create-admin', '--username', 'a_b_c'], ['create-admin', '--username', 'abc', '--email', 'a@b.co', '--role', 'x']]) {
      const res = await run(argv)
      t.equal(res.code, EXIT.usage, argv.join(' ') || '(nothing)')
      t.match(res.err, /usage: npm run cli -- create-admin/)
    }
  })
})
