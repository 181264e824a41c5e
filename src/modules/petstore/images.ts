import type { Pool } from 'pg'
import { ConflictError } from '../../errors.js'
import type { Queryable } from './sql.js'

// Shared with the profile images (src/modules/social); kept exported here for the pet routes.
export { sniffImage } from '../../lib/images.js'

/** Uploads larger than this answer 413. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024
export const MAX_PHOTO_URLS = 50

type Transact = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>

export function createImageRepository (pool: Pool, transact: Transact) {
  return {
    /**
     * Stores the image and appends its URL to the pet's photoUrls, in one transaction.
     * Null when there is no such pet.
     */
    add: (petId: number, image: { bytes: Buffer, contentType: string, metadata?: string }, urlFor: (imageId: number) => string) => transact(async (db) => {
      const { rowCount } = await db.query('SELECT 1 FROM pets WHERE id = $1 FOR UPDATE', [petId])
      if (!rowCount) return null
      const { rows: [photos] } = await db.query<{ count: number, last: number }>(
        'SELECT count(*)::int AS count, coalesce(max(position), 0) AS last FROM pet_photo_urls WHERE pet_id = $1', [petId])
      if (photos.count >= MAX_PHOTO_URLS) throw new ConflictError(`Pet ${petId} already has ${MAX_PHOTO_URLS} photos`)
      const { rows: [stored] } = await db.query<{ id: string }>(
        'INSERT INTO pet_images (pet_id, content_type, bytes, metadata) VALUES ($1, $2, $3, $4) RETURNING id',
        [petId, image.contentType, image.bytes, image.metadata ?? null])
      const url = urlFor(Number(stored.id))
      await db.query('INSERT INTO pet_photo_urls (pet_id, position, url) VALUES ($1, $2, $3)', [petId, photos.last + 1, url])
      return { id: Number(stored.id), url }
    }),

    async get (petId: number, imageId: number): Promise<{ contentType: string, bytes: Buffer } | null> {
      const { rows } = await pool.query<{ content_type: string, bytes: Buffer }>('SELECT content_type, bytes FROM pet_images WHERE id = $1 AND pet_id = $2', [imageId, petId])
      return rows[0] ? { contentType: rows[0].content_type, bytes: rows[0].bytes } : null
    }
  }
}
