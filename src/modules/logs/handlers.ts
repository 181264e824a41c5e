import type { Db } from 'mongodb'
import { FieldError, NotFoundError, StateConflictError } from '../../errors.js'
import { actableOr404 } from '../../lib/access.js'
import type { AuthUser } from '../../plugins/auth.js'
import type { FastifyInstance } from 'fastify'
import { pageOf } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { createSessionRepository } from '../sessions/repository.js'
import { isClosed } from '../sessions/rules.js'
import { createLogRepository, type LogChanges, type LogRecord } from './repository.js'
import { createLogWriter, type OwnerOf } from './writer.js'
import { createSetNumbers } from './set-numbers.js'
import { createSessionWriteGate } from '../sessions/write-gate.js'
import { createReferenceGate } from '../exercises/reference-gate.js'
import { hasMetric, MISSING_METRIC } from './rules.js'
import { createVisibilityAccess } from '../social/visibility-access.js'
import { sessionVisibility } from '../social/visibility-rules.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'
import type {
  BulkCreateLogsRoute, CreateLogRoute, CreateSessionLogRoute, DeleteLogRoute, GetLogRoute, ListLogsRoute,
  ListSessionLogsRoute, UpdateLogRoute
} from './route-schemas.js'

/**
 * The logs handlers, one per behaviour, shared by /api/exercise-logs and the nested
 * /api/workout-sessions/{id}/logs routes.
 */
export function createLogHandlers (db: Db, access: Pick<FastifyInstance, 'mayActFor' | 'subjectOf' | 'pg'>) {
  const sessions = createSessionRepository(db)
  const logs = createLogRepository(db)
  const gate = createSessionWriteGate(db)
  const references = createReferenceGate(db)
  const numbers = createSetNumbers(db)
  const writeLogs = createLogWriter(logs, { gate, references, numbers })
  const visibility = createVisibilityAccess(access)

  async function ownLog (request: { params: { id: string }, user: AuthUser }): Promise<LogRecord> {
    return actableOr404(await logs.findById(request.params.id), request.user, 'Log', access.mayActFor)
  }

  /**
   * Whose sets a flat or bulk write creates, given the owners of the sessions named: a trainer's
   * client's, when every session belongs to one client of theirs; else the caller's own (and
   * sessions of anyone else answer "does not exist").
   */
  const ownerAmong = (user: AuthUser): OwnerOf => async (owners) => {
    const [owner] = owners
    return owners.length === 1 && owner !== user.id && await access.mayActFor(user, owner) ? owner : user.id
  }

  /** 409 unless the log's session still takes changes: completed history is immutable. */
  async function assertOpen (log: LogRecord): Promise<void> {
    const status = (await sessions.ownedStatuses([log.workout_session], log.user_id)).get(log.workout_session)
    if (!status) throw new NotFoundError('Log')
    if (isClosed(status)) throw new StateConflictError(`Cannot change sets of a session that is ${status}`)
  }

  /**
   * A write found nothing to change: the set is gone (404), under If-Match another write moved it
   * on (412), else its session was completed meanwhile (409).
   */
  async function missed (log: LogRecord, expected: string | undefined): Promise<never> {
    if (expected !== undefined) {
      const now = await logs.findById(log.id)
      if (now === null || now.updated_at !== expected) await conditionalMiss(async () => now !== null, 'Log')
    }
    throw new StateConflictError('Cannot change sets of a session that is completed')
  }

  return {
    async listLogs (request: RequestOf<typeof ListLogsRoute>) {
      const owner = await access.subjectOf(request.user, request.query.user_id)
      const { window, count, results } = await logs.list(owner, request.query)
      return pageOf(request, window, count, results)
    },

    /** The sets of a session are as visible as the session (read only). */
    async listSessionLogs (request: RequestOf<typeof ListSessionLogsRoute>) {
      const session = await visibility.readableOr404(await sessions.findById(request.params.id), (s) => s.user_id, sessionVisibility, request.user, 'Session')
      const { window, count, results } = await logs.list(session.user_id, { ...request.query, session: session.id })
      return pageOf(request, window, count, results)
    },

    async createLog (request: RequestOf<typeof CreateLogRoute>, reply: ReplyOf<typeof CreateLogRoute>) {
      const { workout_session: session, ...log } = request.body
      const [created] = await writeLogs(ownerAmong(request.user), [{ field: 'body', session, log }], request.user.id)
      return reply.code(201).send(created)
    },

    async createSessionLog (request: RequestOf<typeof CreateSessionLogRoute>, reply: ReplyOf<typeof CreateSessionLogRoute>) {
      const session = await actableOr404(await sessions.findById(request.params.id), request.user, 'Session', access.mayActFor)
      const [created] = await writeLogs(async () => session.user_id, [{ field: 'body', session: session.id, log: request.body }], request.user.id)
      return reply.code(201).send(created)
    },

    async bulkCreateLogs (request: RequestOf<typeof BulkCreateLogsRoute>, reply: ReplyOf<typeof BulkCreateLogsRoute>) {
      const drafts = request.body.logs.map(({ workout_session: session, ...log }, i) => ({ field: `body/logs/${i}`, session, log }))
      return reply.code(201).send({ logs: await writeLogs(ownerAmong(request.user), drafts, request.user.id) })
    },

    async getLog (request: RequestOf<typeof GetLogRoute>) {
      return ownLog(request)
    },

    async updateLog (request: RequestOf<typeof UpdateLogRoute>) {
      const log = await ownLog(request)
      const { completed_at: completedAt, ...fields } = request.body
      if (!hasMetric({ ...log, ...fields })) throw new FieldError('body', MISSING_METRIC)
      const newExercise = fields.exercise && fields.exercise !== log.exercise ? fields.exercise : null
      if (newExercise && !(await logs.usableExercises([newExercise], log.user_id)).has(newExercise)) {
        throw new FieldError('body/exercise', 'does not exist')
      }
      await assertOpen(log)
      const version = { expected: expectedVersion(request, log, 'Log'), read: log.updated_at }
      const changes: LogChanges = { ...fields, ...(completedAt ? { completed_at: new Date(completedAt) } : {}) }
      const updated = await references.whileReferencing(newExercise ? [newExercise] : [], () =>
        gate.whileWriting([log.workout_session], log.user_id, () => logs.update(log.id, changes, version)))
      return updated ?? await missed(log, version.expected)
    },

    async deleteLog (request: RequestOf<typeof DeleteLogRoute>, reply: ReplyOf<typeof DeleteLogRoute>) {
      const log = await ownLog(request)
      await assertOpen(log)
      const expected = expectedVersion(request, log, 'Log')
      await gate.whileWriting([log.workout_session], log.user_id, async () => {
        if (!await logs.remove(log.id, { expected })) await missed(log, expected)
        await numbers.giveBack(log.workout_session, log.exercise, log.set_number)
      })
      return reply.code(204).send(null)
    }
  }
}
