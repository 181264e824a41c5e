import type { Db } from 'mongodb'
import { FieldError } from '../../errors.js'
import { canSee } from '../../lib/access.js'
import { oid } from '../../lib/mongo.js'
import type { AuthUser } from '../../plugins/auth.js'
import { createExerciseRepository } from '../exercises/repository.js'
import type { GoalDoc } from '../documents.js'
import type { Measurements } from './measurements.js'
import type { GoalChanges, NewGoal } from './repository.js'
import { assertShape, deriveDirection } from './rules.js'
import type { CreateGoal, PatchGoal } from './schemas.js'

/** Checks a goal's fields against its type and the caller's data, and turns them into what is stored. */
export function createGoalWriter (db: Db, measure: Measurements) {
  const exercises = createExerciseRepository(db)

  async function assertExerciseVisible (user: AuthUser, id: string): Promise<void> {
    const exercise = await exercises.findById(id)
    if (exercise === null || !canSee(user, exercise)) throw new FieldError('body/exercise_id', 'is not an exercise you can see')
  }

  function assertDeadline (deadline: string | null | undefined, today: string): void {
    if (deadline != null && deadline < today) throw new FieldError('body/deadline', `must be today (${today}) or later`)
  }

  return {
    async newGoal (user: AuthUser, body: CreateGoal, today: string): Promise<NewGoal> {
      assertShape(body)
      assertDeadline(body.deadline, today)
      if (body.exercise_id !== undefined) await assertExerciseVisible(user, body.exercise_id)
      const start = body.type === 'body_weight' ? await measure.bodyWeight(user.id) : null
      return {
        type: body.type,
        target: body.target,
        exercise_id: body.exercise_id === undefined ? null : oid(body.exercise_id),
        lift_measure: body.type === 'lift' ? body.measure ?? 'weight' : null,
        direction: body.type === 'body_weight' ? body.direction ?? deriveDirection(body.target, start) : null,
        start_value: start,
        deadline: body.deadline ?? null
      }
    },

    /** The changes to store, and whether they change what the goal measures. */
    async changes (user: AuthUser, goal: GoalDoc, body: PatchGoal, today: string): Promise<{ changes: GoalChanges, remeasure: boolean }> {
      assertShape({
        type: goal.type,
        target: body.target ?? goal.target,
        exercise_id: body.exercise_id ?? goal.exercise_id?.toHexString() ?? null,
        measure: body.measure ?? goal.lift_measure,
        direction: body.direction ?? goal.direction
      })
      assertDeadline(body.deadline, today)
      if (body.exercise_id !== undefined) await assertExerciseVisible(user, body.exercise_id)
      const changes: GoalChanges = {}
      if (body.target !== undefined) changes.target = body.target
      if (body.exercise_id !== undefined) changes.exercise_id = oid(body.exercise_id)
      if (body.measure !== undefined) changes.lift_measure = body.measure
      if (body.direction !== undefined) changes.direction = body.direction
      const remeasure = (changes.target !== undefined && changes.target !== goal.target) ||
        (body.exercise_id !== undefined && body.exercise_id.toLowerCase() !== goal.exercise_id?.toHexString()) ||
        (changes.lift_measure !== undefined && changes.lift_measure !== goal.lift_measure) ||
        (changes.direction !== undefined && changes.direction !== goal.direction)
      if (body.deadline !== undefined) changes.deadline = body.deadline
      return { changes, remeasure }
    }
  }
}
