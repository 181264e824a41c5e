import { FieldsError } from '../../errors.js'
import { oid } from '../../lib/mongo.js'
import type { FieldProblem } from '../workouts/rules.js'
import type { ProgramDoc } from '../documents.js'
import type { ProgramFields, ProgramRepository } from './repository.js'
import { sortedDays, weekProblems } from './rules.js'
import type { CreateProgram, PatchProgram, WeekInputType } from './schemas.js'

function throwIfAny (problems: FieldProblem[]): void {
  if (problems.length === 0) return
  throw Object.assign(new FieldsError(problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')), { details: problems })
}

const toWeekDocs = (weeks: readonly WeekInputType[]): ProgramDoc['weeks'] =>
  weeks.map((week) => ({ days: sortedDays(week.days).map((entry) => ({ day: entry.day, workout_id: oid(entry.workout), notes: entry.notes ?? '' })) }))

/** The checks a program write needs beyond its schema, all before anything is written; every failing field is reported. */
export function createProgramChecks (programs: ProgramRepository) {
  /** The weeks as stored, once each day is unique in its week and each workout is one the owner may use (own or public). */
  async function checkedWeeks (ownerId: number, weeks: readonly WeekInputType[]): Promise<ProgramDoc['weeks']> {
    const problems = weekProblems(weeks)
    const usable = await programs.usableWorkouts(ownerId, [...new Set(weeks.flatMap((week) => week.days.map((entry) => entry.workout.toLowerCase())))])
    weeks.forEach((week, w) => week.days.forEach((entry, d) => {
      if (!usable.has(entry.workout.toLowerCase())) problems.push({ field: `body/weeks/${w}/days/${d}/workout`, message: 'does not exist' })
    }))
    throwIfAny(problems)
    return toWeekDocs(weeks)
  }

  return {
    async fullFields (ownerId: number, body: CreateProgram): Promise<ProgramFields> {
      return { name: body.name, description: body.description ?? '', visibility: body.visibility ?? 'private', weeks: await checkedWeeks(ownerId, body.weeks) }
    },

    async partialFields (ownerId: number, body: PatchProgram): Promise<Partial<ProgramFields>> {
      const { weeks, ...rest } = body
      return { ...rest, ...(weeks ? { weeks: await checkedWeeks(ownerId, weeks) } : {}) }
    }
  }
}
