import type { WorkoutExerciseDoc } from '../documents.js'
import { oid } from '../../lib/mongo.js'
import { FieldError, FieldsError } from '../../errors.js'
import type { Visibility } from '../social/audience.js'
import { chooseWorkoutVisibility, type VisibilityChoice } from '../social/visibility-rules.js'
import type { WorkoutFields, WorkoutRepository } from './repository.js'
import { estimateDurationMinutes, exerciseListProblems, normalizeTags, referenceProblems, type FieldProblem } from './rules.js'
import type { CreateWorkout, PatchWorkout, Workout, WorkoutExerciseInput } from './schemas.js'

/** Input (or read) exercise items → the stored list, sorted by `order`, defaults filled in. */
export function toExerciseDocs (items: ReadonlyArray<WorkoutExerciseInput>): WorkoutExerciseDoc[] {
  return [...items].sort((a, b) => a.order - b.order).map((item) => ({
    exercise_id: oid(item.exercise),
    order: item.order,
    target_sets: item.target_sets ?? 3,
    target_reps_min: item.target_reps_min ?? null,
    target_reps_max: item.target_reps_max ?? null,
    target_weight: item.target_weight ?? null,
    rest_seconds: item.rest_seconds ?? 60,
    notes: item.notes ?? ''
  }))
}

function throwIfAny (problems: FieldProblem[]): void {
  if (problems.length === 0) return
  const message = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')
  throw Object.assign(new FieldsError(message), { details: problems })
}

const exerciseField = (index: number) => `body/exercises/${index}/exercise`

function visibilityOf (body: { visibility?: Visibility, is_public?: boolean }, fallback: Visibility): VisibilityChoice
function visibilityOf (body: { visibility?: Visibility, is_public?: boolean }, fallback: undefined): VisibilityChoice | undefined
function visibilityOf (body: { visibility?: Visibility, is_public?: boolean }, fallback: Visibility | undefined): VisibilityChoice | undefined {
  const choice = chooseWorkoutVisibility(body, fallback)
  if (typeof choice === 'string') throw new FieldError('body/is_public', choice)
  return choice
}

/** The checks a workout write needs beyond its schema; all of them run before anything is written. */
export function createWorkoutChecks (workouts: WorkoutRepository) {
  async function checkReferences (userId: number, items: ReadonlyArray<{ exercise: string }>, isPublic: boolean, fieldOf: (index: number) => string) {
    const ids = items.map((item) => item.exercise)
    return referenceProblems(ids, await workouts.referencedExercises(userId, ids), isPublic, fieldOf)
  }

  return {
    referenceProblems: checkReferences,

    /** Create and PUT: every field, absent ones at their defaults (visibility: the owner's default_visibility). */
    async fullFields (userId: number, body: CreateWorkout, defaultVisibility: Visibility): Promise<WorkoutFields> {
      const items = body.exercises ?? []
      const { visibility, is_public: isPublic } = visibilityOf(body, defaultVisibility)
      throwIfAny([...exerciseListProblems(items), ...await checkReferences(userId, items, isPublic, exerciseField)])
      const exercises = toExerciseDocs(items)
      return {
        name: body.name,
        description: body.description ?? '',
        exercises,
        difficulty_level: body.difficulty_level ?? 'beginner',
        estimated_duration_minutes: body.estimated_duration_minutes ?? estimateDurationMinutes(exercises),
        tags: normalizeTags(body.tags ?? []),
        is_template: body.is_template ?? true,
        is_public: isPublic,
        visibility
      }
    },

    /** PATCH: only the given fields; the duration is recomputed when the exercises change and it is not given. */
    async partialFields (userId: number, current: Workout, body: PatchWorkout): Promise<Partial<WorkoutFields>> {
      const choice = visibilityOf(body, undefined)
      const isPublic = choice?.is_public ?? current.is_public
      if (body.exercises) {
        throwIfAny([...exerciseListProblems(body.exercises), ...await checkReferences(userId, body.exercises, isPublic, exerciseField)])
      } else if (isPublic && !current.is_public) {
        const problems = await checkReferences(userId, current.exercises, true, () => 'body/is_public')
        if (problems.length > 0) throwIfAny([{ field: 'body/is_public', message: 'cannot be true: a public workout may use library exercises only' }])
      }
      const exercises = body.exercises ? toExerciseDocs(body.exercises) : undefined
      const fields: Partial<WorkoutFields> = {
        name: body.name,
        description: body.description,
        exercises,
        difficulty_level: body.difficulty_level,
        estimated_duration_minutes: body.estimated_duration_minutes ?? (exercises ? estimateDurationMinutes(exercises) : undefined),
        tags: body.tags ? normalizeTags(body.tags) : undefined,
        is_template: body.is_template,
        is_public: choice?.is_public,
        visibility: choice?.visibility
      }
      return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
    }
  }
}
