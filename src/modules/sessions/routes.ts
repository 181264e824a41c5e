import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ModuleOptions } from '../index.js'
import { FieldError, StateConflictError } from '../../errors.js'
import { actableOr404 } from '../../lib/access.js'
import type { AuthUser } from '../../plugins/auth.js'
import { pageOf } from '../../lib/pagination.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { createSessionRepository, sessionIndexes, type SessionChanges, type SessionRecord } from './repository.js'
import { durationMinutes, nextStatus, refusal, sessionDate, TRANSITIONS, type SessionAction } from './rules.js'
import {
  CancelSessionRoute, CompleteSessionRoute, CreateSessionRoute, DeleteSessionRoute, GetSessionRoute, ListSessionsRoute,
  StartSessionRoute, UpdateSessionRoute
} from './route-schemas.js'
import { createSessionWriteGate, type ClosingReason } from './write-gate.js'
import { createLogHandlers } from '../logs/handlers.js'
import { COLLECTIONS } from '../documents.js'
import { CreateSessionLogRoute, ListSessionLogsRoute } from '../logs/route-schemas.js'
import { statsChanged } from '../stats/stats-scope.js'
import { createVisibilityAccess } from '../social/visibility-access.js'
import { sessionVisibility } from '../social/visibility-rules.js'
import { feedAuthorScope } from '../social/feed-scopes.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'

/** The moves that end a session: no set may be written once they start. */
const ENDING: Partial<Record<SessionAction, ClosingReason>> = { complete: 'completed', cancel: 'cancelled' }

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const sessions = createSessionRepository(fastify.mongo.db!)
  const logs = createLogHandlers(fastify.mongo.db!, fastify)
  const gate = createSessionWriteGate(fastify.mongo.db!)
  const visibility = createVisibilityAccess(fastify)
  /** Feed pages show completed sessions: every change to one reaches its author's feed scope. */
  const touchFeed = async (session: SessionRecord) => { if (session.status === 'completed') await fastify.cache.bump(feedAuthorScope(session.user_id)) }
  fastify.ensureMongoIndexes(sessionIndexes)
  fastify.accountCleanup.register('sessions', async (userId) => {
    await fastify.mongo.db!.collection(COLLECTIONS.sessions).deleteMany({ user_id: userId })
    await statsChanged(fastify.cache, userId)
  })

  fastify.get('/', { schema: ListSessionsRoute }, listSessions)
  fastify.post('/', { schema: CreateSessionRoute }, createSession)
  fastify.get('/:id', { schema: GetSessionRoute }, getSession)
  fastify.put('/:id', { schema: UpdateSessionRoute }, updateSession)
  fastify.patch('/:id', { schema: UpdateSessionRoute }, updateSession)
  fastify.delete('/:id', { schema: DeleteSessionRoute }, deleteSession)
  fastify.post('/:id/start', { schema: StartSessionRoute }, startSession)
  fastify.post('/:id/complete', { schema: CompleteSessionRoute, preValidation: bodyOptional }, completeSession)
  fastify.post('/:id/cancel', { schema: CancelSessionRoute }, cancelSession)
  fastify.get('/:id/logs', { schema: ListSessionLogsRoute }, logs.listSessionLogs)
  fastify.post('/:id/logs', { schema: CreateSessionLogRoute }, logs.createSessionLog)

  // The complete action's fields are all optional, so the body may be left out entirely.
  async function bodyOptional (request: { body: unknown }) {
    request.body ??= {}
  }

  async function listSessions (request: RequestOf<typeof ListSessionsRoute>) {
    const owner = await fastify.subjectOf(request.user, request.query.user_id)
    const { window, count, results } = await sessions.list(owner, request.query)
    return pageOf(request, window, count, results)
  }

  async function createSession (request: RequestOf<typeof CreateSessionRoute>, reply: ReplyOf<typeof CreateSessionRoute>) {
    const { workout, name, scheduled_for: scheduledFor, notes, start_now: start, client_id: clientId, visibility: chosen } = request.body
    const owner = await fastify.subjectOf(request.user, clientId)
    const template = workout ? await sessions.findStartableWorkout(workout, owner) : null
    if (workout && !template) throw new FieldError('body/workout', 'does not exist')
    const session = await sessions.create(owner, {
      workout: template?.id ?? null,
      name: name ?? template?.name ?? 'Free training',
      scheduled_for: scheduledFor ? new Date(scheduledFor) : null,
      notes: notes ?? '',
      start: start === true,
      visibility: chosen ?? await visibility.defaultOf(owner)
    })
    await statsChanged(fastify.cache, owner)
    return reply.code(201).send(session)
  }

  async function ownSession (request: { params: { id: string }, user: AuthUser }): Promise<SessionRecord> {
    return actableOr404(await sessions.findById(request.params.id), request.user, 'Session', fastify.mayActFor)
  }

  /** Reading is wider than acting: whoever the owner's visibility setting lets in (read only). */
  async function getSession (request: RequestOf<typeof GetSessionRoute>) {
    return visibility.readableOr404(await sessions.findById(request.params.id), (s) => s.user_id, sessionVisibility, request.user, 'Session')
  }

  async function updateSession (request: RequestOf<typeof UpdateSessionRoute>) {
    const session = await ownSession(request)
    const version = { expected: expectedVersion(request, session, 'Session'), read: session.updated_at }
    const { rating, calories_burned: calories, scheduled_for: scheduledFor, ...text } = request.body
    if ((rating !== undefined || calories !== undefined) && session.status !== 'completed') {
      throw new StateConflictError(`rating and calories_burned can be set once the session is completed; it is ${session.status.replace('_', ' ')}`)
    }
    const changes: SessionChanges = { ...text }
    if (rating !== undefined) changes.rating = rating
    if (calories !== undefined) changes.calories_burned = calories
    if (scheduledFor !== undefined) {
      changes.scheduled_for = scheduledFor === null ? null : new Date(scheduledFor)
      if (!session.start_time) changes.session_date = sessionDate({ start_time: null, scheduled_for: changes.scheduled_for, created_at: new Date(session.created_at) })
    }
    const updated = await sessions.update(session.id, session.user_id, [session.status], changes, version) ??
      await (version.expected === undefined ? changedMeanwhile(session.id) : conditionalMiss(async () => await sessions.findById(session.id) !== null, 'Session'))
    await touchFeed(updated)
    return updated
  }

  async function deleteSession (request: RequestOf<typeof DeleteSessionRoute>, reply: ReplyOf<typeof DeleteSessionRoute>) {
    const session = await ownSession(request)
    const expected = expectedVersion(request, session, 'Session')
    await gate.whileClosing(session.id, session.user_id, 'deleted', async () => {
      // Under If-Match the version is claimed first, atomically: a write landing meanwhile makes this a 412, not a lost update.
      if (expected !== undefined && !await sessions.claimVersion(session.id, session.user_id, { expected })) {
        await conditionalMiss(async () => await sessions.findById(session.id) !== null, 'Session')
      }
      await sessions.remove(session)
    }).finally(() => statsChanged(fastify.cache, session.user_id)) // also after a partial delete
    await touchFeed(session)
    return reply.code(204).send(null)
  }

  /**
   * Moves an owned session along the state machine; 409 naming the current state when the move is
   * not allowed. Ending moves wait (write-gate.ts) until no set is being written to the session.
   */
  async function move (request: { params: { id: string }, user: AuthUser }, action: SessionAction, changesFor: (session: SessionRecord, now: Date) => Promise<SessionChanges> | SessionChanges) {
    const session = await ownSession(request)
    const status = nextStatus(session.status, action)
    if (!status) throw new StateConflictError(refusal(session.status, action))
    const apply = async () => {
      const changes = await changesFor(session, new Date())
      const moved = await sessions.update(session.id, session.user_id, TRANSITIONS[action].from, { ...changes, status }, { read: session.updated_at })
      if (!moved) {
        const current = await sessions.findById(session.id)
        throw new StateConflictError(refusal(current?.status ?? session.status, action))
      }
      return moved
    }
    const ending = ENDING[action]
    return ending ? await gate.whileClosing(session.id, session.user_id, ending, apply) : await apply()
  }

  async function startSession (request: RequestOf<typeof StartSessionRoute>) {
    return move(request, 'start', (_session, now) => ({ start_time: now, session_date: now }))
  }

  async function completeSession (request: RequestOf<typeof CompleteSessionRoute>) {
    const { rating, notes, calories_burned: calories } = request.body
    const completed = await move(request, 'complete', async (session, now) => ({
      end_time: now,
      actual_duration_minutes: durationMinutes(new Date(session.start_time ?? now), now),
      ...await sessions.totals(session.id),
      ...(rating !== undefined ? { rating } : {}),
      ...(notes !== undefined ? { notes } : {}),
      ...(calories !== undefined ? { calories_burned: calories } : {})
    }))
    // Only once the sets are sealed (else a summary read meanwhile would be cached as current), and also if sealing fails.
    await sessions.sealLogs(completed.id, new Date(completed.end_time!)).finally(() => statsChanged(fastify.cache, completed.user_id))
    await touchFeed(completed)
    return completed
  }

  async function cancelSession (request: RequestOf<typeof CancelSessionRoute>) {
    return move(request, 'cancel', () => ({}))
  }

  async function changedMeanwhile (id: string): Promise<never> {
    const current = await sessions.findById(id)
    throw new StateConflictError(`The session changed meanwhile; it is now ${current?.status.replace('_', ' ') ?? 'deleted'}`)
  }
}

export default routes
