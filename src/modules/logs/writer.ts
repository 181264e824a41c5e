import { FieldsError, StateConflictError } from '../../errors.js'
import type { ErrorResponseType } from '../../schemas/common.js'
import { isClosed } from '../sessions/rules.js'
import type { SessionWriteGate } from '../sessions/write-gate.js'
import type { ReferenceGate } from '../exercises/reference-gate.js'
import { EXERCISE_TO_LOG, type LogRecord, type LogRepository, toLoggable, usableBy } from './repository.js'
import { whileHolding } from '../../lib/lease-gate.js'
import { assignSetNumbers, hasMetric, MAX_SET_NUMBER, MISSING_METRIC, setKey } from './rules.js'
import { type SetNumbers, tally } from './set-numbers.js'
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

/** Whose sets a write creates, given the distinct owners of the sessions it names (missing sessions are left out). */
export type OwnerOf = (owners: readonly number[]) => Promise<number>

/**
 * The one way sets are written (single, nested, bulk): every draft is checked — metrics, session
 * ownership, exercise visibility, set numbering, then session state — and only then all of them
 * are inserted with one write. Any problem throws before anything is written: 400 listing every
 * failing field, else 409 when a session is completed or cancelled. The write itself runs inside
 * the guards (sessions held open, exercises kept from deletion) and takes its set numbers atomically:
 * each session's lease and numbers in one update; the exercises' leases are taken with their first read.
 */
export function createLogWriter (logs: LogRepository, guards: WriteGuards) {
  return async function writeLogs (ownerOf: OwnerOf, drafts: readonly LogDraft[], enteredBy: number): Promise<LogRecord[]> {
    const sessionIds = unique(drafts.map((draft) => draft.session))
    const exerciseIds = unique(drafts.map((draft) => draft.log.exercise))
    // The exercises' leases are taken with their read (a write refused below gives them back unused).
    const [found, exercises] = await Promise.all([guards.numbers.sessions(sessionIds), guards.references.holdReading(exerciseIds, EXERCISE_TO_LOG)])
    /** The checks, up to the sessions' leases being asked for; until then the exercises' leases are given back by a refusal. */
    const checked = async () => {
      const userId = await ownerOf([...new Set(found.map((session) => session.owner))])
      const { statuses, counters } = tally(found.filter((session) => session.owner === userId))
      const usable = usableBy(toLoggable(exercises.docs), userId)

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

      const numbered = drafts.map(({ session, log }) => ({ session, exercise: log.exercise, numbered: log.set_number !== undefined }))
      const reservations = new Map(sessionIds.map((session) => [session, guards.numbers.reservation(session, numbered)]))
      const taking = guards.gate.holdTaking(sessionIds, userId, (session) => reservations.get(session)!)
      const sessionsHeld = taking.then((taken) => taken?.release ?? (async () => {}))
      return { userId, reservations, taking, sessionsHeld }
    }
    const { userId, reservations, taking, sessionsHeld } = await checked().catch(async (error: unknown) => {
      await exercises.release?.(false)
      throw error
    })
    const exercisesHeld = exercises.release ? Promise.resolve(exercises.release) : Promise.reject(guards.references.refusal())
    return await whileHolding([exercisesHeld, sessionsHeld], async () => {
      const taken = await taking
      if (!taken) {
        // Only a concurrent write can have used up the numbers checked above.
        const late = numbersFor(drafts, await guards.numbers.current(sessionIds, userId))
        throwIfAny(drafts.flatMap(({ field }, i) => late[i] === null ? [pastMaximum(field)] : []))
        throw new StateConflictError('The set numbers changed meanwhile; retry')
      }
      const numbers = numbersFor(drafts, new Map([...taken.docs].flatMap(([session, doc]) => reservations.get(session)!.before(doc))))
      const now = new Date()
      return await logs.insertMany(userId, drafts.map(({ session, log }, i) => ({
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
    })
  }
}
