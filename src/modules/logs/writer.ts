import { FieldsError, StateConflictError } from '../../errors.js'
import type { ErrorResponseType } from '../../schemas/common.js'
import type { SessionRepository } from '../sessions/repository.js'
import { isClosed } from '../sessions/rules.js'
import type { LogRecord, LogRepository } from './repository.js'
import { assignSetNumbers, hasMetric, MAX_SET_NUMBER, MISSING_METRIC, setKey } from './rules.js'
import type { SessionLogInput } from './schemas.js'

/** One set to write: where its fields are reported (`body`, `body/logs/3`), its session, its fields. */
export interface LogDraft { field: string, session: string, log: SessionLogInput }

const unique = (values: string[]) => [...new Set(values)]

/**
 * The one way sets are written (single, nested, bulk): every draft is checked — metrics, session
 * ownership, exercise visibility, set numbering, then session state — and only then all of them
 * are inserted with one write. Any problem throws before anything is written: 400 listing every
 * failing field, else 409 when a session is completed or cancelled.
 */
export function createLogWriter (sessions: SessionRepository, logs: LogRepository) {
  return async function writeLogs (userId: number, drafts: readonly LogDraft[], enteredBy = userId): Promise<LogRecord[]> {
    const sessionIds = unique(drafts.map((draft) => draft.session))
    const [statuses, usable, stored] = await Promise.all([
      sessions.ownedStatuses(sessionIds, userId),
      logs.usableExercises(unique(drafts.map((draft) => draft.log.exercise)), userId),
      logs.setCounts(sessionIds)
    ])
    const setNumbers = assignSetNumbers(drafts.map(({ session, log }) => ({ key: setKey(session, log.exercise), set_number: log.set_number })), stored)

    const details: NonNullable<ErrorResponseType['details']> = []
    drafts.forEach(({ field, session, log }, i) => {
      if (!hasMetric(log)) details.push({ field, message: MISSING_METRIC })
      if (!statuses.has(session)) details.push({ field: `${field}/workout_session`, message: 'does not exist' })
      if (!usable.has(log.exercise)) details.push({ field: `${field}/exercise`, message: 'does not exist' })
      if (setNumbers[i] === null) details.push({ field: `${field}/set_number`, message: `is required after set ${MAX_SET_NUMBER} (the maximum)` })
    })
    if (details.length > 0) {
      throw Object.assign(new FieldsError(details.map((detail) => `${detail.field} ${detail.message}`).join('; ')), { details })
    }

    const closed = drafts.find((draft) => isClosed(statuses.get(draft.session)!))
    if (closed) {
      const where = closed.field === 'body' ? '' : ` (${closed.field})`
      throw new StateConflictError(`Cannot log sets into a session that is ${statuses.get(closed.session)}${where}`)
    }

    const now = new Date()
    return logs.insertMany(userId, drafts.map(({ session, log }, i) => ({
      workout_session: session,
      exercise: log.exercise,
      set_number: setNumbers[i]!,
      reps: log.reps ?? null,
      weight: log.weight ?? null,
      duration_seconds: log.duration_seconds ?? null,
      distance: log.distance ?? null,
      rpe: log.rpe ?? null,
      is_warmup: log.is_warmup ?? false,
      notes: log.notes ?? '',
      completed_at: log.completed_at ? new Date(log.completed_at) : now
    })), enteredBy)
  }
}
