import t from 'tap'
import { inputProblem, MAX_DEPTH, MAX_UNKNOWN_FIELDS } from '../../src/lib/input-guard.js'

const Logs = {
  type: 'object',
  additionalProperties: false,
  properties: { logs: { type: 'array', maxItems: 3, items: { type: 'object', properties: { reps: { type: 'integer' } } } } }
}

t.test('plain, well-formed input passes', async (t) => {
  t.equal(inputProblem(Logs, { logs: [{ reps: 5 }, { reps: 0 }] }), undefined)
  t.equal(inputProblem(undefined, { text: 'Grüße 💪 \u00e9', n: -0, nothing: null, yes: true }), undefined)
})

t.test('NUL characters and unpaired surrogates are refused wherever they are', async (t) => {
  t.match(inputProblem(undefined, { a: { b: ['x', 'a\u0000b'] } }), { instancePath: '/a/b/1', keyword: 'nul', message: 'must not contain NUL characters' })
  t.match(inputProblem(undefined, { s: 'ab\uD800' }), { instancePath: '/s', keyword: 'unicode' })
  t.match(inputProblem(undefined, { s: '\uDC00x' }), { instancePath: '/s', keyword: 'unicode' })
  t.equal(inputProblem(undefined, { s: '\uD83D\uDCAA' }), undefined, 'a surrogate pair is one code point')
  t.match(inputProblem(undefined, { 'a/b~c': '\u0000' }), { instancePath: '/a~1b~0c' }, 'keys are escaped as JSON pointers')
})

t.test('non-finite numbers are refused', async (t) => {
  for (const value of [Infinity, -Infinity, NaN, JSON.parse('1e400') as number]) {
    t.match(inputProblem(undefined, { weight: value }), { instancePath: '/weight', keyword: 'finite', message: 'must be a finite number' }, String(value))
  }
  t.equal(inputProblem(undefined, { weight: 1e308 }), undefined)
})

t.test('arrays longer than maxItems are refused before their items are looked at', async (t) => {
  const many = Array.from({ length: 100_000 }, () => ({ reps: 'not a number' }))
  t.match(inputProblem(Logs, { logs: many }), { instancePath: '/logs', keyword: 'maxItems', params: { limit: 3 } })
  t.match(inputProblem({ anyOf: [Logs.properties.logs, { type: 'null' }] }, many), { keyword: 'maxItems' }, 'the array branch of a union counts')
})

t.test('more unknown fields than reportable are refused in one problem', async (t) => {
  const fields = Object.fromEntries(Array.from({ length: MAX_UNKNOWN_FIELDS + 1 }, (_, i) => [`f${i}`, i]))
  t.match(inputProblem(Logs, fields), { instancePath: '', keyword: 'additionalProperties', params: { count: MAX_UNKNOWN_FIELDS + 1 } })
  const few = Object.fromEntries(Array.from({ length: MAX_UNKNOWN_FIELDS }, (_, i) => [`f${i}`, i]))
  t.equal(inputProblem(Logs, few), undefined, 'a few are left to the validator, which names each')
})

t.test('deep nesting is refused without recursing through it', async (t) => {
  const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown
  t.match(inputProblem(undefined, deep), { keyword: 'maxDepth', params: { limit: MAX_DEPTH } })
  let nested: unknown = 1
  for (let i = 0; i < MAX_DEPTH - 1; i++) nested = { n: nested }
  t.equal(inputProblem(undefined, nested), undefined, `${MAX_DEPTH - 1} levels are fine`)
})
