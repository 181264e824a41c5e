import type { Pool } from 'pg'

/** The PostgreSQL side of programs: who shares a gym, who coaches whom. */
export function createRelations (pool: Pool) {
  return {
    /**
     * Who shares a gym with a user, for `gym` visibility: a user belongs to a gym as a member
     * (gym_memberships) or as a trainer (trainer_profiles.gym_id). Only trainers and admins are
     * returned — they are the only ones who can own programs — which keeps the list as short as the
     * gym's staff however many members it has. Read from PostgreSQL on every request: leaving a gym
     * hides its programs at once.
     */
    async staffSharingAGymWith (userId: number): Promise<number[]> {
      const { rows } = await pool.query<{ user_id: number }>(
        `WITH gyms_of_user AS (
           SELECT gym_id FROM gym_memberships WHERE user_id = $1
           UNION SELECT gym_id FROM trainer_profiles WHERE user_id = $1 AND gym_id IS NOT NULL),
         people AS (
           SELECT user_id FROM gym_memberships WHERE gym_id IN (SELECT gym_id FROM gyms_of_user)
           UNION SELECT user_id FROM trainer_profiles WHERE gym_id IN (SELECT gym_id FROM gyms_of_user))
         SELECT p.user_id FROM people p JOIN users u ON u.id = p.user_id AND u.role IN ('trainer', 'admin')`, [userId])
      return rows.map((row) => row.user_id)
    },

    /** The active clients of a trainer (same rule as client-access.ts: the trainer must still hold the role). */
    async activeClientsOf (trainerId: number): Promise<number[]> {
      const { rows } = await pool.query<{ client_id: number }>(
        `SELECT l.client_id FROM coaching_links l JOIN users t ON t.id = l.trainer_id AND t.role = 'trainer'
         WHERE l.trainer_id = $1 AND l.status = 'active'`, [trainerId])
      return rows.map((row) => row.client_id)
    }
  }
}

export type Relations = ReturnType<typeof createRelations>
