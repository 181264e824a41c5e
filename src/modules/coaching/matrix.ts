/**
 * The authorization matrix of issue 11 as data: for every resource and action, the exact status
 * each role gets. test/modules/coaching/matrix.test.ts sends every cell's request and
 * docs/coaching.md shows `matrixMarkdown()` (a test keeps the two equal), so the table, the tests
 * and the documentation cannot drift apart.
 */
export const MATRIX_ROLES = ['admin', 'trainer', 'other_trainer', 'member', 'other_member', 'anonymous'] as const
export type MatrixRole = typeof MATRIX_ROLES[number]
export const MATRIX_ACTIONS = ['create', 'read', 'update', 'delete'] as const
export type MatrixAction = typeof MATRIX_ACTIONS[number]

/** A status, or one with a note on what it does (shown in the docs, checked by the test). */
export type Cell = number | { status: number, note: string }
export interface MatrixRow {
  resource: string
  /** Who the table's "Self" is for this resource, and what each action sends. */
  object: string
  requests: Record<MatrixAction, string>
  /** Built by the other half of the issue; listed so the gap shows. */
  todo?: true
  cells?: Record<MatrixAction, Record<MatrixRole, Cell>>
}

const row = (admin: Cell, trainer: Cell, otherTrainer: Cell, member: Cell, otherMember: Cell, anonymous: Cell): Record<MatrixRole, Cell> =>
  ({ admin, trainer, other_trainer: otherTrainer, member, other_member: otherMember, anonymous })

export const CUSTOM_NOT_LIBRARY = 'private custom exercise, not a library one'
export const GYM_PROGRAM = 'visible to the trainer\'s gym; private or another gym\'s: 404'

export const MATRIX: readonly MatrixRow[] = [
  {
    resource: 'Gyms',
    object: 'a gym',
    requests: { create: 'POST /api/gyms', read: 'GET /api/gyms/{id}', update: 'PATCH /api/gyms/{id}', delete: 'DELETE /api/gyms/{id}' },
    cells: {
      create: row(201, 403, 403, 403, 403, 401),
      read: row(200, 200, 200, 200, 200, 401),
      update: row(200, 403, 403, 403, 403, 401),
      delete: row(204, 403, 403, 403, 403, 401)
    }
  },
  {
    resource: 'Trainers',
    object: 'the member\'s trainer (Self = that trainer)',
    requests: { create: 'POST /api/trainers', read: 'GET /api/trainers/{id}', update: 'PATCH /api/trainers/{id}', delete: 'DELETE /api/trainers/{id} (demote)' },
    cells: {
      create: row(201, 403, 403, 403, 403, 401),
      read: row(200, 200, 200, 200, 200, 401),
      update: row(200, 200, 403, 403, 403, 401),
      delete: row(204, 403, 403, 403, 403, 401)
    }
  },
  {
    resource: 'Trainees (accounts)',
    object: 'the member\'s account',
    requests: {
      create: 'POST /api/auth/register',
      read: 'GET /api/auth/users/{id}',
      update: 'PATCH /api/auth/me (Self), PATCH /api/auth/users/{id} (others)',
      delete: 'DELETE /api/auth/me (Self), DELETE /api/auth/users/{id} (others)'
    },
    cells: {
      create: row(201, 201, 201, 201, 201, 201),
      read: row(200, 200, 404, 200, 404, 401),
      update: row(200, 403, 403, 200, 403, 401),
      delete: row(204, 403, 403, 204, 403, 401)
    }
  },
  {
    resource: 'Programs',
    object: 'the trainer\'s program with visibility gym; the member belongs to the trainer\'s gym, the others to none',
    requests: { create: 'POST /api/programs', read: 'GET /api/programs/{id}', update: 'PATCH /api/programs/{id}', delete: 'DELETE /api/programs/{id}' },
    cells: {
      create: row(201, 201, 201, 403, 403, 401),
      read: row(200, 200, 404, { status: 200, note: GYM_PROGRAM }, 404, 401),
      update: row(200, 200, 404, 403, 404, 401),
      delete: row(204, 204, 404, 403, 404, 401)
    }
  },
  {
    resource: 'Library exercises',
    object: 'a library exercise',
    requests: { create: 'POST /api/exercises', read: 'GET /api/exercises/{id}', update: 'PATCH /api/exercises/{id}', delete: 'DELETE /api/exercises/{id}' },
    cells: {
      create: row(201, 201, 201, { status: 201, note: CUSTOM_NOT_LIBRARY }, { status: 201, note: CUSTOM_NOT_LIBRARY }, 401),
      read: row(200, 200, 200, 200, 200, 401),
      update: row(200, 200, 200, 403, 403, 401),
      delete: row(204, 204, 204, 403, 403, 401)
    }
  },
  {
    resource: 'Health metrics',
    object: 'the member\'s metric point',
    requests: {
      create: 'POST /api/health-metrics (others: with ?user_id=member)',
      read: 'GET /api/health-metrics/{id}',
      update: 'PATCH /api/health-metrics/{id}',
      delete: 'DELETE /api/health-metrics/{id}'
    },
    // The trainer sees the client's points, so a write is refused (403), not hidden (404).
    cells: {
      create: row(404, 403, 404, 201, 404, 401),
      read: row(404, 200, 404, 200, 404, 401),
      update: row(404, 403, 404, 200, 404, 401),
      delete: row(404, 403, 404, 204, 404, 401)
    }
  },
  {
    resource: 'Workout sessions',
    object: 'the member\'s session',
    requests: {
      create: 'POST /api/workout-sessions (others: with client_id)',
      read: 'GET /api/workout-sessions/{id}',
      update: 'PATCH /api/workout-sessions/{id}',
      delete: 'DELETE /api/workout-sessions/{id}'
    },
    cells: {
      create: row(404, 201, 404, 201, 404, 401),
      read: row(404, 200, 404, 200, 404, 401),
      update: row(404, 200, 404, 200, 404, 401),
      delete: row(404, 204, 404, 204, 404, 401)
    }
  },
  {
    resource: 'Exercise logs',
    object: 'a set in the member\'s session',
    requests: {
      create: 'POST /api/workout-sessions/{id}/logs',
      read: 'GET /api/exercise-logs/{id}',
      update: 'PATCH /api/exercise-logs/{id}',
      delete: 'DELETE /api/exercise-logs/{id}'
    },
    cells: {
      create: row(404, 201, 404, 201, 404, 401),
      read: row(404, 200, 404, 200, 404, 401),
      update: row(404, 200, 404, 200, 404, 401),
      delete: row(404, 204, 404, 204, 404, 401)
    }
  }
]

export const cellStatus = (cell: Cell) => typeof cell === 'number' ? cell : cell.status

const ROLE_TITLES: Record<MatrixRole, string> = {
  admin: 'Admin', trainer: 'The member\'s trainer', other_trainer: 'Another trainer', member: 'The member (Self)', other_member: 'Another member', anonymous: 'Anonymous'
}

/** The table as docs/coaching.md shows it: one line per resource and action. */
export function matrixMarkdown (): string {
  const lines = [
    `| Resource | Action | Request | ${MATRIX_ROLES.map((role) => ROLE_TITLES[role]).join(' | ')} |`,
    `|---|---|---|${MATRIX_ROLES.map(() => '---|').join('')}`
  ]
  for (const { resource, requests, todo, cells } of MATRIX) {
    for (const action of MATRIX_ACTIONS) {
      const statuses = MATRIX_ROLES.map((role) => {
        if (todo || !cells) return 'TODO'
        const cell = cells[action][role]
        return typeof cell === 'number' ? String(cell) : `${cell.status} (${cell.note})`
      })
      lines.push(`| ${resource} | ${action} | \`${requests[action]}\` | ${statuses.join(' | ')} |`)
    }
  }
  return lines.join('\n')
}
