import type { Db } from 'mongodb'
import { COLLECTIONS, type AssignmentDoc, type ProfileDoc, type ProgramDoc, type SessionDoc } from '../documents.js'
import { ConflictError, FieldError } from '../../errors.js'
import { isTimeZone } from '../stats/calendar.js'
import { newSessionDoc } from '../sessions/rules.js'
import type { AssignmentRepository } from './assignment-repository.js'
import type { ProgramRepository } from './repository.js'
import { workoutIdsOf } from './repository.js'
import { localInstant, plannedDays, type PlannedDay } from './rules.js'
import type { Assignment } from './assignment-schemas.js'

const LAST_DAY = '2999-12-31'

export interface AssignRequest { program: ProgramDoc, clientId: number, assignedBy: number, startDate: string, timeOfDay: string }

/**
 * Assigning a program: check everything, then write the client's planned sessions all or nothing.
 * There are no transactions, so the assignment is written first as `pending` (which also takes the
 * one open slot per program and client, kept by a unique index: a parallel assign gets 409 before
 * writing anything), then every session in one insertMany carrying its `assignment_id`. When that
 * fails part-way, every session with that id is deleted and the pending assignment with them, so
 * no half plan stays. Only once all sessions are in does the assignment become `active`.
 */
export function createAssignmentWriter (db: Db, programs: ProgramRepository, assignments: AssignmentRepository) {
  const profiles = db.collection<ProfileDoc>(COLLECTIONS.profiles)

  /** The client's profile zone; UTC without a profile or with a zone the platform does not know. */
  async function timezoneOf (userId: number): Promise<string> {
    const zone = (await profiles.findOne({ user_id: userId }, { projection: { timezone: 1 } }))?.timezone
    return typeof zone === 'string' && isTimeZone(zone) ? zone : 'UTC'
  }

  /** Every workout of the program must still exist and be usable by its owner; 409 naming the days otherwise. */
  async function workoutNames (program: ProgramDoc): Promise<Map<string, string>> {
    const names = await programs.usableWorkouts(program.created_by_user_id, workoutIdsOf(program.weeks))
    const broken = program.weeks.flatMap((week, w) => week.days
      .filter((entry) => !names.has(entry.workout_id.toHexString()))
      .map((entry) => `week ${w + 1} day ${entry.day}`))
    if (broken.length > 0) {
      const where = broken.join(', ')
      throw new ConflictError(`The workout of ${where} no longer exists or is no longer available to the program's owner; fix the program first`)
    }
    return names
  }

  function sessionDoc (assignment: AssignmentDoc, day: PlannedDay, name: string, now: Date): Omit<SessionDoc, '_id'> {
    return {
      ...newSessionDoc({
        user_id: assignment.user_id,
        workout_id: day.workout_id,
        name,
        status: 'planned',
        scheduled_for: localInstant(day.date, assignment.time_of_day, assignment.timezone),
        start_time: null,
        notes: day.notes,
        // A planned session is the client's own business until they choose to share it.
        visibility: 'private',
        now
      }),
      assignment_id: assignment._id,
      program_week: day.week,
      program_day: day.day
    }
  }

  return {
    async assign ({ program, clientId, assignedBy, startDate, timeOfDay }: AssignRequest): Promise<Assignment> {
      const days = plannedDays(program.weeks, startDate)
      if (days.some((day) => day.date > LAST_DAY)) throw new FieldError('body/start_date', `puts the program past ${LAST_DAY}`)
      const names = await workoutNames(program)
      const assignment = await assignments.openPending({
        program_id: program._id,
        program_name: program.name,
        user_id: clientId,
        assigned_by_user_id: assignedBy,
        start_date: startDate,
        time_of_day: timeOfDay,
        timezone: await timezoneOf(clientId),
        session_count: days.length
      })
      const now = new Date()
      try {
        await assignments.insertSessions(days.map((day) => sessionDoc(assignment, day, names.get(day.workout_id.toHexString())!, now)))
      } catch (error) {
        await assignments.discard(assignment._id)
        throw error
      }
      const active = await assignments.activate(assignment._id)
      if (!active) throw new ConflictError('The assignment was removed while its sessions were written')
      return active
    }
  }
}

export type AssignmentWriter = ReturnType<typeof createAssignmentWriter>
