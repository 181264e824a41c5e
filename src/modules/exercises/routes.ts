import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { AuthUser } from '../../plugins/auth.js'
import { conditionalMiss, expectedVersion } from '../../plugins/etags.js'
import type { ModuleOptions } from '../index.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { changeableOr403, visibleOr404 } from '../../lib/access.js'
import { pageJson, pageOf } from '../../lib/pagination.js'
import { sendJson } from '../../lib/serialization.js'
import { FieldError } from '../../errors.js'
import { createExerciseRepository, exerciseIndexes, type ExerciseChanges } from './repository.js'
import { equipmentProblem, ownerOfNewExercise } from './rules.js'
import { seedExercises } from './seed.js'
import { COLLECTIONS } from '../documents.js'
import { createReferenceGate } from './reference-gate.js'
import { createExerciseReads } from './reads.js'
import { customScope, exerciseAdded, exerciseChanged } from './cache-scopes.js'
import {
  CreateExerciseRoute, DeleteExerciseRoute, ExerciseHistoryRoute, GetExerciseRoute, ListExercisesRoute,
  PatchExerciseRoute, ReplaceExerciseRoute, type CreateExercise, type Exercise
} from './schemas.js'

const LABEL = 'Exercise'

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (fastify, options) => {
  const db = fastify.mongo.db!
  const exercises = createExerciseRepository(db)
  const references = createReferenceGate(db)
  const reads = createExerciseReads(fastify.cache, exercises, LABEL)
  const indexed = fastify.ensureMongoIndexes(exerciseIndexes)
  fastify.accountCleanup.register('exercises', async (userId) => {
    try {
      await db.collection(COLLECTIONS.exercises).deleteMany({ created_by_user_id: userId })
    } finally {
      // Their exercises' own entries are read by nobody now: each is visible to its owner only.
      await fastify.cache.bump(customScope(userId))
    }
  })
  // The unique index above makes the seed's upserts idempotent, so it runs after it; both before
  // the app is ready, beside the other modules' index builds and the migrations.
  if (options.config.SEED_EXERCISES && !options.offline) {
    fastify.addHook('onReady', async () => {
      await indexed
      const { inserted } = await seedExercises(db, fastify.cache)
      if (inserted > 0) fastify.log.info({ inserted }, 'exercises: starter library loaded')
    })
  }

  fastify.get('/', { schema: ListExercisesRoute }, listExercises)
  fastify.post('/', { schema: CreateExerciseRoute }, createExercise)
  fastify.get('/:id', { schema: GetExerciseRoute }, getExercise)
  fastify.put('/:id', { schema: ReplaceExerciseRoute }, replaceExercise)
  fastify.patch('/:id', { schema: PatchExerciseRoute }, patchExercise)
  fastify.delete('/:id', { schema: DeleteExerciseRoute }, deleteExercise)
  fastify.get('/:id/history', { schema: ExerciseHistoryRoute }, exerciseHistory)

  async function listExercises (request: RequestOf<typeof ListExercisesRoute>, reply: ReplyOf<typeof ListExercisesRoute>) {
    const results = ListExercisesRoute.response[200].properties.results
    const { window, count, resultsJson } = await reads.page(request.user.id, request.query, (items) => reply.serializeInput(items as unknown as Record<string, unknown>, results) as string)
    return sendJson(reply, pageJson(request, window, count, resultsJson))
  }

  async function createExercise (request: RequestOf<typeof CreateExerciseRoute>, reply: ReplyOf<typeof CreateExerciseRoute>) {
    const owner = ownerOfNewExercise(request.user)
    const changes = fullChanges(request.body)
    // Bumped whatever the outcome: a write that failed late may still have landed, and a needless bump costs one re-read.
    let exercise: Exercise
    try {
      exercise = await exercises.insert({ ...changes, is_custom: owner !== null, is_public: owner === null, created_by_user_id: owner })
    } finally {
      await exerciseAdded(fastify.cache, owner)
    }
    return reply.code(201).send(exercise)
  }

  async function getExercise (request: RequestOf<typeof GetExerciseRoute>, reply: ReplyOf<typeof GetExerciseRoute>) {
    const cached = visibleOr404(await reads.one(request.params.id, (exercise) => reply.serialize(exercise) as string), request.user, LABEL)
    // Sent as cached: the route serializer's JSON and the tag of the same object (plugins/etags.ts keeps a tag the handler set).
    return sendJson(reply.header('etag', cached.etag), cached.json)
  }

  async function replaceExercise (request: RequestOf<typeof ReplaceExerciseRoute>) {
    return await change(request, fullChanges(request.body))
  }

  async function patchExercise (request: RequestOf<typeof PatchExerciseRoute>) {
    if (request.body.equipment_needed) checkEquipment(request.body.equipment_needed)
    return await change(request, request.body)
  }

  async function deleteExercise (request: RequestOf<typeof DeleteExerciseRoute>, reply: ReplyOf<typeof DeleteExerciseRoute>) {
    const { id } = request.params
    const current = changeableOr403(await exercises.findById(id), request.user, LABEL)
    const expected = expectedVersion(request, current, LABEL)
    let removed: boolean
    try {
      removed = await references.removeUnlessUsed(id, () => exercises.isInUse(id), { expected })
    } finally {
      await exerciseChanged(fastify.cache, id, current.created_by_user_id)
    }
    if (!removed) await conditionalMiss(async () => await exercises.findById(id) !== null, LABEL)
    return reply.code(204).send(null)
  }

  async function exerciseHistory (request: RequestOf<typeof ExerciseHistoryRoute>) {
    const { id } = request.params
    const owner = await fastify.subjectOf(request.user, request.query.user_id)
    // A client's history may hold their private exercises, which the trainer reads through it.
    visibleOr404(await exercises.findById(id), owner === request.user.id ? request.user : { ...request.user, id: owner }, LABEL)
    const { window, count, items } = await exercises.history(owner, id, request.query)
    return pageOf(request, window, count, items)
  }

  async function change (request: FastifyRequest & { params: { id: string }, user: AuthUser }, changes: ExerciseChanges) {
    const { params: { id }, user } = request
    const current = changeableOr403(await exercises.findById(id), user, LABEL)
    const version = { expected: expectedVersion(request, current, LABEL), read: current.updated_at }
    let updated: Exercise | null
    try {
      updated = await exercises.update(id, changes, version)
    } finally {
      await exerciseChanged(fastify.cache, id, current.created_by_user_id)
    }
    if (updated === null && version.expected !== undefined) await conditionalMiss(async () => await exercises.findById(id) !== null, LABEL)
    return visibleOr404(updated, user, LABEL)
  }
}

function checkEquipment (equipment: readonly string[]): void {
  const problem = equipmentProblem(equipment)
  if (problem) throw new FieldError('body/equipment_needed', problem)
}

/** Every writable field, absent ones at their defaults (create and PUT replace the whole exercise). */
function fullChanges (body: CreateExercise): Required<ExerciseChanges> {
  const equipment = body.equipment_needed ?? ['none']
  checkEquipment(equipment)
  return {
    name: body.name,
    description: body.description ?? '',
    category: body.category,
    difficulty_level: body.difficulty_level,
    primary_muscles: body.primary_muscles,
    secondary_muscles: body.secondary_muscles ?? [],
    equipment_needed: equipment,
    instructions: body.instructions ?? '',
    video_url: body.video_url ?? null,
    image_url: body.image_url ?? null
  }
}

export default routes
