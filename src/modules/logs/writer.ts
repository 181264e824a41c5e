import { FieldsError, StateConflictError } from '../../errors.js'
import type { ErrorResponseType } from '../../schemas/common.js'
import { isClosed } from '../sessions/rules.js'
import type { SessionWriteGate } from '../sessions/write-gate.js'
import type { ReferenceGate } from '../exercises/reference-gate.js'
import type { LogRecord, LogRepository } from './repository.js'
import { assignSetNumbers, hasMetric, MAX_SET_NUMBER, MISSING_METRIC, setKey } from './rules.js'
import type { SetNumbers } from './set-numbers.js'
import type { SessionLogInput } from './schemas.js'

/** One set to write: where its fields are reported (`body`, `body/logs/3`), its session, its fields. */
export interface LogDraft { field: string, session: string, log: SessionLogInput }

const unique = (values: string[]) => [...new Set(values)]

/** What a set write must not race with: its sessions ending, its exercises being deleted, other writes' numbers. */
export interface WriteGuards { gate: SessionWriteGate, references: ReferenceGate, numbers: SetNumbers }

type Details = NonNullable<ErrorResponseType['details']>

function throwIfAny (details: Details): void {
  if (details.length === 0) return
  throw Object.assign(new FieldsError(details.map((detail) => `${detail.field} ${detail.message}`).join('; ')), { details })
}

/** Set numbers for the drafts, continuing from `counters`; null for an unnumbered set past the maximum. */
const numbersFor = (drafts: readonly LogDraft[], counters: ReadonlyMap<string, number>) =>
  assignSetNumbers(drafts.map(({ session, log }) => ({ key: setKey(session, log.exercise), set_number: log.set_number })), counters)

const pastMaximum = (field: string) => ({ field: `${field}/set_number`, message: `is required after set ${MAX_SET_NUMBER} (the maximum)` })

/**
 * The one way sets are written (single, nested, bulk): every draft is checked — metrics, session
 * ownership, exercise visibility, set numbering, then session state — and only then all of them
 * are inserted with one write. Any problem throws before anything is written: 400 listing every
 * failing field, else 409 when a session is completed or cancelled. The write itself runs inside
 * the guards (sessions held open, exercises kept from deletion) and takes its set numbers atomically.
 */
export function createLogWriter (logs: LogRepository, guards: WriteGuards) {
  return async function writeLogs (userId: number, drafts: readonly LogDraft[], enteredBy = userId): Promise<LogRecord[]> {
    const sessionIds = unique(drafts.map((draft) => draft.session))
    const exerciseIds = unique(drafts.map((draft) => draft.log.exercise))
    const [{ statuses, counters }, usable] = await Promise.all([
      guards.numbers.read(sessionIds, userId),
      logs.usableExercises(exerciseIds, userId)
    ])

    const setNumbers = numbersFor(drafts, counters)
    const details: Details = []
    drafts.forEach(({ field, session, log }, i) => {
      if (!hasMetric(log)) details.push({ field, message: MISSING_METRIC })
      if (!statuses.has(session)) details.push({ field: `${field}/workout_session`, message: 'does not exist' })
      if (!usable.has(log.exercise)) details.push({ field: `${field}/exercise`, message: 'does not exist' })
      if (setNumbers[i] === null) details.push(pastMaximum(field))
    })
    throwIfAny(details)

    const closed = drafts.find((draft) => isClosed(statuses.get(draft.session)!))
    if (closed) {
      const where = closed.field === 'body' ? '' : ` (${closed.field})`
      throw new StateConflictError(`Cannot log sets into a session that is ${statuses.get(closed.session)}${where}`)
    }

    return guards.references.whileReferencing(exerciseIds, () => guards.gate.whileWriting(sessionIds, userId, async () => {
      const before = await guards.numbers.reserve(drafts.map(({ session, log }) => ({ session, exercise: log.exercise, numbered: log.set_number !== undefined })))
      if (!before) {
        // Only a concurrent write can have used up the numbers checked above.
        const late = numbersFor(drafts, await guards.numbers.current(sessionIds, userId))
        throwIfAny(drafts.flatMap(({ field }, i) => late[i] === null ? [pastMaximum(field)] : []))
        throw new StateConflictError('The set numbers changed meanwhile; retry')
      }
      const numbers = numbersFor(drafts, before)
      const now = new Date()
      return logs.insertMany(userId, drafts.map(({ session, log }, i) => ({
        workout_session: session,
        exercise: log.exercise,
        set_number: numbers[i]!,
        reps: log.reps ?? null,
        weight: log.weight ?? null,
        duration_seconds: log.duration_seconds ?? null,
        distance: log.distance ?? null,
        rpe: log.rpe ?? null,
        is_warmup: log.is_warmup ?? false,
        notes: log.notes ?? '',
        completed_at: log.completed_at ? new Date(log.completed_at) : now
      })), enteredBy)
    }))
  }
}
