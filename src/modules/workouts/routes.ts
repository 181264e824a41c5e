import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { ModuleOptions } from '../index.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { changeableOr403, visibleOr404 } from '../../lib/access.js'
import { pageOf } from '../../lib/pagination.js'
import { ConflictError } from '../../errors.js'
import { createWorkoutRepository, workoutIndexes, type WorkoutFields } from './repository.js'
import { createReferenceGate } from '../exercises/reference-gate.js'
import { COLLECTIONS } from '../documents.js'
import { copyName, normalizeTags } from './rules.js'
import { createWorkoutChecks, toExerciseDocs } from './write-checks.js'
import {
  CloneWorkoutRoute, CreateWorkoutRoute, DeleteWorkoutRoute, GetWorkoutRoute, ListWorkoutsRoute,
  PatchWorkoutRoute, ReplaceWorkoutRoute
} from './route-schemas.js'
import { NAME_MAX_LENGTH, type Workout } from './schemas.js'
import { createVisibilityAccess } from '../social/visibility-access.js'
import type { AuthUser } from '../../plugins/auth.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'

const LABEL = 'Workout'

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify) => {
  const workouts = createWorkoutRepository(fastify.mongo.db!)
  const checks = createWorkoutChecks(workouts)
  const references = createReferenceGate(fastify.mongo.db!)
  /** Writes that store exercise ids hold them so that none is deleted meanwhile (exercises/reference-gate.ts). */
  const holding = <T>(fields: Partial<WorkoutFields>, write: () => Promise<T>) =>
    references.whileReferencing((fields.exercises ?? []).map((item) => item.exercise_id.toHexString()), write)
  const visibility = createVisibilityAccess(fastify)
  /** Readable as its visibility allows (read only): writes stay with the owner. */
  const readable = async (workout: Workout | null, user: AuthUser) =>
    visibility.readableOr404(workout, (w) => w.created_by_user_id, (w) => w.visibility, user, LABEL)
  fastify.ensureMongoIndexes(workoutIndexes)
  fastify.accountCleanup.register('workouts', async (userId) => {
    await fastify.mongo.db!.collection(COLLECTIONS.workouts).deleteMany({ created_by_user_id: userId })
  })

  fastify.get('/', { schema: ListWorkoutsRoute }, listWorkouts)
  fastify.post('/', { schema: CreateWorkoutRoute }, createWorkout)
  fastify.get('/:id', { schema: GetWorkoutRoute }, getWorkout)
  fastify.put('/:id', { schema: ReplaceWorkoutRoute }, replaceWorkout)
  fastify.patch('/:id', { schema: PatchWorkoutRoute }, patchWorkout)
  fastify.delete('/:id', { schema: DeleteWorkoutRoute }, deleteWorkout)
  fastify.post('/:id/clone', { schema: CloneWorkoutRoute, preValidation: bodyOptional }, cloneWorkout)

  async function listWorkouts (request: RequestOf<typeof ListWorkoutsRoute>) {
    const { window, count, items } = await workouts.list(request.user.id, request.query)
    return pageOf(request, window, count, items)
  }

  async function createWorkout (request: RequestOf<typeof CreateWorkoutRoute>, reply: ReplyOf<typeof CreateWorkoutRoute>) {
    const fields = await checks.fullFields(request.user.id, request.body, await visibility.defaultOf(request.user.id))
    return reply.code(201).send(await holding(fields, () => workouts.insert(request.user.id, fields)))
  }

  async function getWorkout (request: RequestOf<typeof GetWorkoutRoute>) {
    return readable(await workouts.findById(request.params.id), request.user)
  }

  async function replaceWorkout (request: RequestOf<typeof ReplaceWorkoutRoute>) {
    const { id } = request.params
    const current = changeableOr403(await workouts.findById(id), request.user, LABEL)
    const version = { expected: expectedVersion(request, current, LABEL), read: current.updated_at }
    const fields = await checks.fullFields(request.user.id, request.body, await visibility.defaultOf(request.user.id))
    return visibleOr404(await holding(fields, () => workouts.update(id, fields, version)) ?? await missed(id, version.expected), request.user, LABEL)
  }

  async function patchWorkout (request: RequestOf<typeof PatchWorkoutRoute>) {
    const { id } = request.params
    const current = changeableOr403(await workouts.findById(id), request.user, LABEL)
    const version = { expected: expectedVersion(request, current, LABEL), read: current.updated_at }
    const fields = await checks.partialFields(request.user.id, current, request.body)
    return visibleOr404(await holding(fields, () => workouts.update(id, fields, version)) ?? await missed(id, version.expected), request.user, LABEL)
  }

  async function deleteWorkout (request: RequestOf<typeof DeleteWorkoutRoute>, reply: ReplyOf<typeof DeleteWorkoutRoute>) {
    const { id } = request.params
    const current = changeableOr403(await workouts.findById(id), request.user, LABEL)
    const expected = expectedVersion(request, current, LABEL)
    if (!await workouts.remove(id, { expected }) && expected !== undefined) await missed(id, expected)
    return reply.code(204).send(null)
  }

  /** A write under If-Match found another version: 412 (or 404 when the workout is gone). Unconditional misses stay 404. */
  async function missed (id: string, expected: string | undefined): Promise<null> {
    if (expected === undefined) return null
    return await conditionalMiss(async () => await workouts.findById(id) !== null, LABEL)
  }

  async function cloneWorkout (request: RequestOf<typeof CloneWorkoutRoute>, reply: ReplyOf<typeof CloneWorkoutRoute>) {
    const source = visibleOr404(await workouts.findById(request.params.id), request.user, LABEL)
    // A visible source uses only exercises the caller can see (library ones when it is public);
    // only documents written outside these rules can fail here, and then nothing is copied.
    const problems = await checks.referenceProblems(request.user.id, source.exercises, false, (index) => `exercises/${index}/exercise`)
    if (problems.length > 0) throw new ConflictError('This workout uses exercises you cannot see; it cannot be copied')
    const fields: WorkoutFields = {
      name: request.body.name ?? copyName(source.name, NAME_MAX_LENGTH),
      description: source.description,
      exercises: toExerciseDocs(source.exercises),
      difficulty_level: source.difficulty_level,
      estimated_duration_minutes: source.estimated_duration_minutes,
      tags: normalizeTags(source.tags),
      is_template: source.is_template,
      is_public: false,
      visibility: 'private'
    }
    const copy = await holding(fields, () => workouts.insert(request.user.id, fields))
    return reply.code(201).send(copy)
  }
}

/** The clone body is optional: no body means the same as `{}`. */
async function bodyOptional (request: FastifyRequest) {
  request.body ??= {}
}

export default routes
