import t from 'tap'
import { accountKey, birthDateProblem, canonicalTimeZone, checkedProfile, looksLikeEmail, passwordProblem, retryAfterSeconds } from '../../../src/modules/auth/rules.js'
import { createAttemptThrottle } from '../../../src/modules/auth/attempt-throttle.js'
import { hashToken, newToken, tokenFromHeader } from '../../../src/modules/auth/tokens.js'

const jane = { username: 'Jane_Doe', email: 'jane.doe@example.com' }

/** The error a call throws (undefined when it does not). */
function thrown (fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
}

t.test('account keys and logins', async (t) => {
  t.equal(accountKey('  Jane@Example.COM '), 'jane@example.com')
  t.ok(looksLikeEmail('jane@example.com'))
  t.notOk(looksLikeEmail('jane'))
})

t.test('password rules beyond the length', async (t) => {
  t.equal(passwordProblem('correct horse battery', jane), null)
  t.equal(passwordProblem('1234567890', jane), 'must not be entirely numeric')
  t.equal(passwordProblem('jane_doe', jane), 'is too similar to the username or email')
  t.equal(passwordProblem('JANE.DOE@example.com', jane), 'is too similar to the username or email')
  t.equal(passwordProblem('Jane.Doe', jane), 'is too similar to the username or email', 'the local part of the email')
})

t.test('time zones are canonicalised or refused', async (t) => {
  t.equal(canonicalTimeZone('europe/paris'), 'Europe/Paris')
  t.equal(canonicalTimeZone('UTC'), 'UTC')
  t.equal(canonicalTimeZone('Mars/Olympus_Mons'), null)
})

t.test('birth dates', async (t) => {
  const today = new Date('2026-06-15T12:00:00Z')
  t.equal(birthDateProblem('1990-02-28', today), null)
  t.equal(birthDateProblem('1990-02-30', today), 'is not a valid date')
  t.equal(birthDateProblem('1899-12-31', today), 'must be on or after 1900-01-01')
  t.equal(birthDateProblem('2026-06-16', today), 'must not be in the future')
  t.equal(birthDateProblem('2026-06-15', today), null, 'today is allowed')
})

t.test('checkedProfile names the failing field and canonicalises the zone', async (t) => {
  t.same(checkedProfile({ timezone: 'america/new_york', bio: 'x' }, 'body/profile'), { timezone: 'America/New_York', bio: 'x' })
  t.match(thrown(() => checkedProfile({ timezone: 'Nowhere/Land' }, 'body/profile')), { field: 'body/profile/timezone', statusCode: 400 })
  t.match(thrown(() => checkedProfile({ date_of_birth: '3000-01-01' }, 'body')), { field: 'body/date_of_birth' })
  t.same(checkedProfile({ date_of_birth: null }, 'body'), { date_of_birth: null })
})

t.test('attempt throttle: fixed window per key', async (t) => {
  let now = 1_000_000
  const throttle = createAttemptThrottle({ max: 3, windowMs: 60_000, now: () => now })
  for (let i = 0; i < 3; i++) {
    t.equal(await throttle.blockedFor('login:jane'), 0, `attempt ${i + 1} allowed`)
    await throttle.hit('login:jane')
  }
  t.equal(await throttle.blockedFor('login:jane'), 60, 'blocked for the rest of the window')
  t.equal(await throttle.blockedFor('login:john'), 0, 'other keys are independent')
  now += 59_500
  t.equal(await throttle.blockedFor('login:jane'), 1, 'Retry-After rounds up')
  now += 500
  t.equal(await throttle.blockedFor('login:jane'), 0, 'a new window starts')
  await throttle.hit('login:jane')
  await throttle.reset('login:jane')
  t.equal(await throttle.blockedFor('login:jane'), 0)
  t.equal(retryAfterSeconds({ count: 1, resetAt: now }, now), 1, 'never 0')
})

t.test('tokens: 256 random bits, stored as SHA-256, both schemes', async (t) => {
  const token = newToken()
  t.equal(Buffer.from(token, 'base64url').length, 32)
  t.not(newToken(), token)
  t.match(hashToken(token), /^[0-9a-f]{64}$/)
  t.equal(tokenFromHeader(`Token ${token}`), token)
  t.equal(tokenFromHeader(`bearer ${token}`), token)
  t.equal(tokenFromHeader(`Basic ${token}`), null)
  t.equal(tokenFromHeader('Token short'), null)
  t.equal(tokenFromHeader(undefined), null)
})
