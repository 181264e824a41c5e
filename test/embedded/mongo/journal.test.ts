import t, { type Test } from 'tap'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { DiskJournal } from '../../../src/embedded/mongo/persistence.js'
import { readRecords } from '../../../src/embedded/mongo/records.js'
import { Store } from '../../../src/embedded/mongo/store.js'

const silent = { info: () => {}, warn: () => {}, error: () => {} }
const turn = async () => { await new Promise((resolve) => setImmediate(resolve)) }

/** A journal on a fresh directory; `written` lists the ids its file holds so far, `reopened` those a restart finds. */
function open (t: Test, commitIntervalMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-journal-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const store = new Store()
  const journal = new DiskJournal(dir, store, undefined, commitIntervalMs)
  journal.open(silent)
  const put = (id: string) => { store.log({ op: 'put', db: 'd', coll: 'c', doc: store.ensure('d', 'c').insert({ _id: id }) }) }
  const written = () => {
    const file = readdirSync(dir).find((name) => name.startsWith('journal-'))!
    return readRecords(join(dir, file)).records.filter((record) => record.op === 'put').map((record) => (record.doc as { _id: string })._id)
  }
  const reopened = () => {
    const again = new Store()
    const replay = new DiskJournal(dir, again)
    replay.open(silent)
    return { ids: again.get('d', 'c')?.match({}).map((doc) => doc._id) ?? [], close: async () => { await replay.close() } }
  }
  return { journal, put, written, reopened }
}

t.test('a j: false write is not waited for: the next journaled commit writes it first', async (t) => {
  const { journal, put, written, reopened } = open(t, 60_000)
  put('lazy')
  t.equal(journal.commitSoon(), undefined, 'nothing to wait for')
  await turn()
  await turn() // a flush would have written the file by now (the write is synchronous, only the fsync is not)
  t.same(written(), [], 'not written before its interval')
  put('durable')
  await journal.commit()
  t.same(written(), ['lazy', 'durable'], 'an acknowledged write makes every earlier one durable, in order')
  put('left')
  journal.commitSoon()
  await journal.close()
  const restarted = reopened()
  t.same(restarted.ids.sort(), ['durable', 'lazy', 'left'], 'a clean close keeps what was waiting')
  await restarted.close()
})

t.test('without another write, the commit interval writes it', async (t) => {
  const { journal, put, written } = open(t, 5)
  put('lazy')
  journal.commitSoon()
  for (let waited = 0; written().length === 0 && waited < 5000; waited += 10) await sleep(10)
  t.same(written(), ['lazy'])
  await journal.close()
})
