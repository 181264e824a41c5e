import type { Pool } from 'pg'

export type ProfileImageType = 'image/png' | 'image/jpeg' | 'image/webp'

export interface StoredImage { content_type: ProfileImageType, sha256: string, size: number, updated_at: Date }

/** Profile images in PostgreSQL (bytea), one per user. */
export function createImageRepository (pool: Pool) {
  return {
    /** Replaces the user's image (one upsert, so two uploads at once leave one whole image). */
    async put (userId: number, image: { bytes: Buffer, contentType: ProfileImageType, sha256: string }): Promise<StoredImage> {
      const { rows } = await pool.query<StoredImage>(
        `INSERT INTO profile_images (user_id, content_type, bytes, sha256) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET content_type = EXCLUDED.content_type, bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256, updated_at = now()
         RETURNING content_type, sha256, octet_length(bytes) AS size, updated_at`,
        [userId, image.contentType, image.bytes, image.sha256])
      return rows[0]
    },

    async remove (userId: number): Promise<void> {
      await pool.query('DELETE FROM profile_images WHERE user_id = $1', [userId])
    },

    /**
     * The image's type, hash and bytes — without the bytes when the client already holds this
     * version (`cachedSha256`, from If-None-Match), so a revalidation does not read them.
     */
    async read (userId: number, cachedSha256: readonly string[]): Promise<{ content_type: ProfileImageType, sha256: string, bytes: Buffer | null } | null> {
      const { rows } = await pool.query<{ content_type: ProfileImageType, sha256: string, bytes: Buffer | null }>(
        'SELECT content_type, sha256, CASE WHEN sha256 = ANY($2) THEN NULL ELSE bytes END AS bytes FROM profile_images WHERE user_id = $1',
        [userId, cachedSha256])
      return rows[0] ?? null
    }
  }
}

export type ImageRepository = ReturnType<typeof createImageRepository>
