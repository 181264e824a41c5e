// Fuzz suite, part 2: sessions, set logs and stats (see harness.ts).
import t from 'tap'
import { fuzzOperations } from './harness.js'

await fuzzOperations(t, (operation) => /^\/api\/(workout-sessions|exercise-logs|stats)\b/.test(operation.path))
