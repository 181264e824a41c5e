// Fuzz suite, part 1: health, accounts, the exercise library and workout templates (see harness.ts).
import t from 'tap'
import { fuzzOperations } from './harness.js'

await fuzzOperations(t, (operation) => /^\/api\/(health|auth|exercises|workouts)\b/.test(operation.path))
