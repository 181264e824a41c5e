import type { FastifyInstance } from 'fastify'
import type { TestUser } from '../../helpers/users.js'

/** Relations written straight into PostgreSQL (the routes that make them have their own tests). */
export async function follows (app: FastifyInstance, follower: TestUser, followee: TestUser, status: 'pending' | 'accepted' = 'accepted') {
  await app.pg.query('INSERT INTO follows (follower_id, followee_id, status, accepted_at) VALUES ($1, $2, $3, CASE WHEN $3 = \'accepted\' THEN now() END)',
    [follower.id, followee.id, status])
}

export async function blocks (app: FastifyInstance, blocker: TestUser, blocked: TestUser) {
  await app.pg.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [blocker.id, blocked.id])
}

export async function makePrivate (app: FastifyInstance, user: TestUser) {
  await app.pg.query('UPDATE users SET is_private = true WHERE id = $1', [user.id])
}

/** A 1×1 PNG, and the first bytes of a JPEG and a WebP: enough for the signature check. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex')
export const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(64, 1)])
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 2)])
export const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')

export function putImage (app: FastifyInstance, user: TestUser, bytes: Buffer, contentType: string) {
  return app.inject({ method: 'PUT', url: '/api/users/me/image', headers: { ...user.headers, 'content-type': contentType }, payload: bytes })
}
