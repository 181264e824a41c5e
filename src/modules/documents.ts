import type { ObjectId } from 'mongodb'
import type { Claim, Lease } from '../lib/lease-gate.js'

/**
 * How training data is stored in MongoDB — the contract between modules (exercises, workouts,
 * sessions, logs, stats). API shapes live in each module's schemas.ts; repositories map between
 * the two (`_id` → `id`, ObjectId → hex). Users are Postgres integers (`*_user_id`, `user_id`).
 */
export const COLLECTIONS = {
  profiles: 'profiles',
  exercises: 'exercises',
  workouts: 'workouts',
  sessions: 'workout_sessions',
  logs: 'exercise_logs',
  /** Derived per-user statistics owned by the stats module; whoever deletes completed data deletes the user's entry. */
  statsCache: 'stats_cache',
  healthMetrics: 'health_metrics',
  /** One per event a user is told about (social/notify.ts writes them, the notifications routes read them). */
  notifications: 'notifications',
  programs: 'programs',
  programAssignments: 'program_assignments',
  /** One per (object, user): social/reactions-*.ts. The object keeps `like_count`. */
  likes: 'likes',
  /** Comments on sessions and workouts: social/comment-*.ts. The object keeps `comment_count`. */
  comments: 'comments',
  /** A user's targets (goals module); progress is computed from sessions, logs, health metrics and the profile on read. */
  goals: 'goals'
} as const

/** Who may see a session or workout besides its owner (social/audience.ts decides). */
export type Visibility = 'private' | 'followers' | 'public'

export type Category = 'strength' | 'cardio' | 'flexibility' | 'balance' | 'plyometrics' | 'sports'
export type Difficulty = 'beginner' | 'intermediate' | 'advanced'
export type SessionStatus = 'planned' | 'in_progress' | 'completed' | 'cancelled'

export interface ProfileDoc {
  _id: ObjectId
  user_id: number
  bio: string
  height: number | null // cm
  weight: number | null // kg
  date_of_birth: string | null // YYYY-MM-DD
  fitness_goal: string | null
  experience_level: Difficulty | null
  preferred_workout_types: string[]
  units: 'metric' | 'imperial'
  timezone: string // IANA, default 'UTC'
  created_at: Date
  updated_at: Date
}

export interface ExerciseDoc {
  _id: ObjectId
  name: string
  name_lower: string // for case-insensitive uniqueness per owner
  description: string
  category: Category
  difficulty_level: Difficulty
  difficulty_rank: number // 1 beginner, 2 intermediate, 3 advanced — sorts by level, not alphabetically
  primary_muscles: string[]
  secondary_muscles: string[]
  equipment_needed: string[]
  instructions: string
  video_url: string | null
  image_url: string | null
  is_custom: boolean // false = library exercise (created_by_user_id null)
  is_public: boolean
  created_by_user_id: number | null
  created_at: Date
  updated_at: Date
  /** Writers adding a reference to the exercise hold one of these; a delete waits for them (exercises/reference-gate.ts). */
  reference_leases?: Lease[]
  /** Set while a delete checks for references; no new reference is written meanwhile. */
  deleting?: Claim | null
}

export interface WorkoutExerciseDoc {
  exercise_id: ObjectId
  order: number
  target_sets: number
  target_reps_min: number | null
  target_reps_max: number | null
  target_weight: number | null
  rest_seconds: number
  notes: string
}

export interface WorkoutDoc {
  _id: ObjectId
  name: string
  description: string
  exercises: WorkoutExerciseDoc[]
  difficulty_level: Difficulty
  difficulty_rank: number // 1 beginner, 2 intermediate, 3 advanced — sorts by level, not alphabetically
  estimated_duration_minutes: number
  tags: string[]
  is_template: boolean
  /** Derived from `visibility` (true exactly when it is 'public'); kept for the list filters and older clients. */
  is_public: boolean
  /** Absent on workouts stored before it existed: then `is_public` says public or private. */
  visibility?: Visibility
  /** Kept by the social module with atomic $inc; absent means 0. */
  like_count?: number
  comment_count?: number
  total_exercises: number
  created_by_user_id: number
  created_at: Date
  updated_at: Date
}

export interface SessionDoc {
  _id: ObjectId
  user_id: number
  workout_id: ObjectId | null // null = free training
  name: string
  status: SessionStatus
  scheduled_for: Date | null
  start_time: Date | null
  end_time: Date | null
  /** The day a session belongs to, for date filters: start_time once started, else scheduled_for, else created_at. */
  session_date: Date
  actual_duration_minutes: number | null
  notes: string
  rating: number | null
  calories_burned: number | null
  total_volume: number // Σ reps × weight of non-warm-up sets, set on completion
  total_sets: number // non-warm-up sets, set on completion
  total_reps: number // Σ reps of non-warm-up sets, set on completion
  /** Absent on sessions stored before it existed: they count as private. */
  visibility?: Visibility
  /** Kept by the social module with atomic $inc; absent means 0. */
  like_count?: number
  comment_count?: number
  /** Sets numbered so far per exercise id (hex); absent on sessions stored before it existed (logs/set-numbers.ts). */
  set_counters?: Record<string, number>
  /** Requests writing sets hold one of these; ending the session waits for them (sessions/write-gate.ts). */
  write_leases?: Lease[]
  /** Set while the session is being completed, cancelled or deleted; no set write starts meanwhile. */
  closing?: Claim | null
  /** Planned by a program assignment (programs module): which one, and the program's week (1-based) and day (1–7). */
  assignment_id?: ObjectId
  program_week?: number
  program_day?: number
  created_at: Date
  updated_at: Date
}

export interface LogDoc {
  _id: ObjectId
  user_id: number
  workout_session_id: ObjectId
  exercise_id: ObjectId
  set_number: number
  reps: number | null
  weight: number | null // kg
  duration_seconds: number | null
  distance: number | null // km
  rpe: number | null
  is_warmup: boolean
  notes: string
  completed_at: Date
  /** Copied from the session when it completes (logs cannot change afterwards); null until then. Stats read only these. */
  session_completed_at: Date | null
  /** Who wrote the set: the owner, or their active trainer. Absent on sets logged before coaching existed. */
  entered_by_user_id?: number | null
  created_at: Date
  /** Moved by every write of the set (versions for If-Match). Absent on sets stored before it existed: their version is created_at. */
  updated_at?: Date
}

/**
 * One measurement (health-metrics module; the social goals read it). Unique per (user_id, type,
 * source, measured_at): writing that key again updates the point. Body weight is
 * `{ type: 'body_weight', value: <kg>, measured_at }`; every fixed type is stored in its canonical
 * unit (health-metrics/vocabulary.ts), custom types (`custom:<slug>`) in their own.
 */
export interface HealthMetricDoc {
  _id: ObjectId
  user_id: number
  type: string
  value: number // blood_pressure: systolic mmHg
  /** blood_pressure only: diastolic mmHg; absent on every other type. */
  diastolic?: number
  unit: string
  measured_at: Date
  source: string // 'manual' or a device name
  notes: string
  created_at: Date
  updated_at: Date
}

export type ProgramVisibility = 'private' | 'gym' | 'public'

export interface ProgramDayDoc {
  day: number // 1–7, counted from the assignment's start date (day 1 = the start date's weekday)
  workout_id: ObjectId
  notes: string
}

export interface ProgramDoc {
  _id: ObjectId
  name: string
  description: string
  visibility: ProgramVisibility
  weeks: Array<{ days: ProgramDayDoc[] }> // sorted by day
  total_weeks: number
  total_sessions: number
  created_by_user_id: number
  created_at: Date
  updated_at: Date
}

export type NotificationType = 'follow' | 'follow_request' | 'like' | 'comment'

export interface NotificationDoc {
  _id: ObjectId
  /** The recipient. */
  user_id: number
  type: NotificationType
  /** Who followed, asked, liked or commented. */
  actor_id: number
  /** What was liked or commented on. */
  object: { kind: 'session' | 'workout', id: ObjectId } | null
  comment_id: ObjectId | null
  created_at: Date
  read_at: Date | null
}

/** pending while its sessions are written (programs/assignment-writer.ts); ended keeps the history. */
export type AssignmentStatus = 'pending' | 'active' | 'ended'

export interface AssignmentDoc {
  _id: ObjectId
  program_id: ObjectId
  program_name: string // a snapshot: the program may change or go, the client's plan stays
  user_id: number // the client
  /** Who assigned it (the client or their trainer); null once that account is deleted. */
  assigned_by_user_id: number | null
  start_date: string // YYYY-MM-DD, local to `timezone`
  time_of_day: string // HH:MM local
  timezone: string // the client's profile zone when assigned
  status: AssignmentStatus
  /** true while pending or active: a unique partial index on (program_id, user_id, open) keeps one open assignment per program and client. */
  open: boolean
  session_count: number
  removed_sessions: number
  ended_at: Date | null
  ended_by_user_id: number | null
  created_at: Date
  updated_at: Date
}

/** What a like or comment is on. */
export type SocialObjectKind = 'session' | 'workout'

export interface LikeDoc {
  _id: ObjectId
  object_kind: SocialObjectKind
  object_id: ObjectId
  /** The object's owner, so deleting an account finds the likes on its objects. */
  owner_id: number
  /** Who liked it. */
  user_id: number
  created_at: Date
}

export interface CommentDoc {
  _id: ObjectId
  object_kind: SocialObjectKind
  object_id: ObjectId
  owner_id: number
  /** The author. */
  user_id: number
  text: string
  created_at: Date
  updated_at: Date
}

export type GoalType = 'sessions_per_week' | 'volume_per_week' | 'lift' | 'body_weight'

export interface GoalDoc {
  _id: ObjectId
  user_id: number
  type: GoalType
  /** Sessions, kg·reps, kg of the lift (or its estimated 1RM) or kg of body weight. */
  target: number
  /** lift only. */
  exercise_id: ObjectId | null
  lift_measure: 'weight' | 'e1rm' | null
  /** body_weight only: where the target lies from the value at creation. */
  direction: 'lose' | 'gain' | null
  start_value: number | null
  deadline: string | null // YYYY-MM-DD, local to the profile's zone
  /** Set once, the first time a read finds a non-weekly goal met; never for weekly goals (they recur). */
  achieved_at: Date | null
  /** Bumped when what the goal measures changes, so an achievement computed for the old target is not stored. */
  revision: number
  created_at: Date
  updated_at: Date
}
