import t from 'tap'
import { inheritedFlags } from '../../src/embedded/child/index.js'

t.test('the database process gets the flags that load code or profile it, with their values', async (t) => {
  t.same(inheritedFlags(['--import', 'tsx', '--require=./hook.cjs', '--cpu-prof', '--cpu-prof-dir', '/tmp/prof', '--heap-prof-interval=1024']),
    ['--import', 'tsx', '--require=./hook.cjs', '--cpu-prof', '--cpu-prof-dir', '/tmp/prof', '--heap-prof-interval=1024'])
})

t.test('and no other: not a script to run, an inspector port or a profile file name shared with the server', async (t) => {
  t.same(inheritedFlags(['-e', 'fork()', '--inspect=9229', '--cpu-prof-name', 'server.cpuprofile', '--max-semi-space-size=8', '--cpu-prof']),
    ['--cpu-prof'])
})
