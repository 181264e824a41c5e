import Fastify from 'fastify'
import { pino } from 'pino'
import t from 'tap'
import { configWith } from '../../src/config.js'
import errors from '../../src/plugins/errors.js'
import loadShedding, { MAX_SHED_SHARE, shedShare } from '../../src/plugins/load-shedding.js'
import requestLog from '../../src/plugins/request-log.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('the shed share follows the event-loop delay and never passes the cap', async (t) => {
  t.equal(shedShare(50, 100), 0)
  t.equal(shedShare(100, 100), 0)
  t.equal(shedShare(200, 100), 0.5)
  t.equal(shedShare(100_000, 100), MAX_SHED_SHARE)
})

t.test('under pressure: probes always answer, some requests are served, rejections are counted, and it recovers', async (t) => {
  const lines: Array<{ level: number, msg: string, shed?: number, statusCode?: number }> = []
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)) } })
  const app = Fastify({ loggerInstance: logger })
  await app.register(errors)
  await app.register(requestLog)
  await app.register(loadShedding, { config: configWith({ SHED_EVENT_LOOP_DELAY_MS: 20 }), sampleIntervalMs: 100, reportEveryMs: 500 })
  app.get('/api/health', { config: { neverShed: true } }, async () => ({ status: 'ok' }))
  app.get('/work', async () => ({ done: true }))
  await app.ready()
  t.teardown(() => app.close())

  // Pressure: the loop is blocked 100 ms out of every ~110.
  const spinner = setInterval(() => { const until = Date.now() + 100; while (Date.now() < until); }, 10)
  await sleep(500)
  const work: number[] = []
  const health: number[] = []
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () => app.inject('/work')),
      app.inject('/api/health')
    ])
    const probe = answers.pop()!
    health.push(probe.statusCode)
    work.push(...answers.map((res) => res.statusCode))
  }
  clearInterval(spinner)
  const shed = work.filter((status) => status === 503).length
  t.same([...new Set(health)], [200], 'the liveness probe always answers 200')
  t.ok(shed > 0, `some requests shed (${shed} of ${work.length})`)
  t.ok(work.length - shed > 0, `some requests served (${work.length - shed} of ${work.length})`)
  t.same([...new Set(work)].sort(), [200, 503], 'nothing but 200 and 503')

  const shedAnswer = await (async () => {
    const spin = setInterval(() => { const until = Date.now() + 100; while (Date.now() < until); }, 10)
    await sleep(300)
    for (let i = 0; i < 200; i++) {
      const res = await app.inject('/work')
      if (res.statusCode === 503) { clearInterval(spin); return res }
    }
    clearInterval(spin)
  })()
  t.match(shedAnswer?.json(), { statusCode: 503, error: 'Service Unavailable', code: 'OVERLOADED' }, 'the error body')
  t.ok(Number(shedAnswer?.headers['retry-after']) > 0, 'Retry-After')

  await sleep(1200)
  const recovered = await Promise.all(Array.from({ length: 50 }, () => app.inject('/work')))
  t.same([...new Set(recovered.map((res) => res.statusCode))], [200], 'all served once the pressure is gone')

  await sleep(600)
  const warnings = lines.filter((line) => line.msg === 'load shedding: requests answered 503')
  t.ok(warnings.length >= 1 && warnings.length <= 10, `${warnings.length} warning lines for ${shed + 1} rejections`)
  t.equal(warnings.reduce((sum, line) => sum + (line.shed ?? 0), 0), shed + 1, 'the warnings count every rejection')
  t.ok(warnings.every((line) => line.level === 40), 'at warn level')
  t.equal(lines.filter((line) => line.statusCode === 503).length, 0, 'no line per rejected request')
  t.equal(lines.filter((line) => line.level >= 50).length, 0, 'nothing at error level')
})

t.test('requests queueing (slow answers, idle loop) are shed too, and it recovers', async (t) => {
  const app = Fastify()
  await app.register(errors)
  await app.register(requestLog)
  await app.register(loadShedding, { config: configWith({ SHED_EVENT_LOOP_DELAY_MS: 0, SHED_LATENCY_MS: 100 }), sampleIntervalMs: 200, reportEveryMs: 500 })
  let waitMs = 400
  app.get('/api/health', { config: { neverShed: true } }, async () => ({ status: 'ok' }))
  app.get('/work', async () => {
    await sleep(waitMs)
    return { done: true }
  })
  await app.ready()
  t.teardown(() => app.close())

  await Promise.all(Array.from({ length: 10 }, () => app.inject('/work')))
  await sleep(250)
  const slow = await Promise.all([...Array.from({ length: 40 }, () => app.inject('/work')), app.inject('/api/health')])
  const probe = slow.pop()!
  const shed = slow.filter((res) => res.statusCode === 503).length
  t.equal(probe.statusCode, 200, 'the probe is not shed')
  t.ok(shed > 0 && shed < 40, `a share shed while answers take 4× the limit (${shed} of 40)`)

  waitMs = 0
  await Promise.all(Array.from({ length: 20 }, () => app.inject('/work')))
  await sleep(1000)
  const recovered = await Promise.all(Array.from({ length: 40 }, () => app.inject('/work')))
  t.same([...new Set(recovered.map((res) => res.statusCode))], [200], 'all served once answers are fast again')
})
