import type { Pool } from 'pg'
import { InUseError } from '../../errors.js'
import { RuleError } from './errors.js'
import type { PetInput, PetStatus, PetType } from './schemas.js'
import { insertRow, type Queryable } from './sql.js'

interface PetRow { id: string, name: string, status: PetStatus, category_id: string | null, category_name: string | null }
type Named = { id: number, name?: string }
type Transact = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>

const named = (id: string | number, name: string | null): Named => name === null ? { id: Number(id) } : { id: Number(id), name }

/**
 * Loads pets with their category, photo URLs and tags: three queries whatever the number of pets
 * (no query per pet), assembled here.
 */
async function loadPets (db: Queryable, where: string, params: unknown[]): Promise<PetType[]> {
  const { rows } = await db.query<PetRow>(
    `SELECT p.id, p.name, p.status, c.id AS category_id, c.name AS category_name
       FROM pets p LEFT JOIN categories c ON c.id = p.category_id WHERE ${where} ORDER BY p.id`, params)
  if (rows.length === 0) return []
  const ids = rows.map((row) => row.id)
  // One after the other: `db` may be a transaction's client, which runs one query at a time.
  const photos = await db.query<{ pet_id: string, url: string }>(
    'SELECT pet_id, url FROM pet_photo_urls WHERE pet_id = ANY($1::bigint[]) ORDER BY pet_id, position', [ids])
  const tags = await db.query<{ pet_id: string, id: string, name: string | null }>(
    'SELECT pt.pet_id, t.id, t.name FROM pet_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.pet_id = ANY($1::bigint[]) ORDER BY pt.pet_id, pt.position', [ids])
  const pets = new Map<string, PetType>(rows.map((row) => [row.id, {
    id: Number(row.id),
    name: row.name,
    ...(row.category_id === null ? {} : { category: named(row.category_id, row.category_name) }),
    photoUrls: [],
    tags: [],
    status: row.status
  }]))
  for (const photo of photos.rows) pets.get(photo.pet_id)?.photoUrls.push(photo.url)
  for (const tag of tags.rows) pets.get(tag.pet_id)?.tags.push(named(tag.id, tag.name))
  return [...pets.values()]
}

/** A category or tag by id (created or renamed as sent) or by name (the oldest of that name, else a new one). */
async function resolve (db: Queryable, table: 'categories' | 'tags', ref: { id?: number, name?: string }, field: string): Promise<number> {
  if (ref.id) {
    await db.query(`INSERT INTO ${table} (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = coalesce(EXCLUDED.name, ${table}.name)`, [ref.id, ref.name ?? null])
    return ref.id
  }
  if (!ref.name) throw new RuleError(field, 'needs an id or a name')
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE name = $1 ORDER BY id LIMIT 1`, [ref.name])
  return rows[0] ? Number(rows[0].id) : insertRow(db, table, { name: ref.name })
}

async function writeParts (db: Queryable, petId: number, pet: PetInput): Promise<void> {
  await db.query('DELETE FROM pet_photo_urls WHERE pet_id = $1', [petId])
  await db.query('DELETE FROM pet_tags WHERE pet_id = $1', [petId])
  if (pet.photoUrls.length > 0) {
    await db.query('INSERT INTO pet_photo_urls (pet_id, position, url) SELECT $1, ordinality, url FROM unnest($2::text[]) WITH ORDINALITY AS u(url, ordinality)', [petId, pet.photoUrls])
  }
  const tagIds: number[] = []
  for (const [index, tag] of (pet.tags ?? []).entries()) {
    const id = await resolve(db, 'tags', tag, `body/tags/${index}`)
    if (!tagIds.includes(id)) tagIds.push(id)
  }
  if (tagIds.length > 0) {
    await db.query('INSERT INTO pet_tags (pet_id, tag_id, position) SELECT $1, tag_id, ordinality FROM unnest($2::bigint[]) WITH ORDINALITY AS t(tag_id, ordinality)', [petId, tagIds])
  }
}

export function createPetRepository (pool: Pool, transact: Transact) {
  const one = async (db: Queryable, id: number) => (await loadPets(db, 'p.id = $1', [id]))[0] ?? null

  return {
    get: (id: number) => one(pool, id),
    findByStatus: (statuses: PetStatus[]) => loadPets(pool, 'p.status = ANY($1::text[])', [statuses]),
    /** Pets with any of the tag names; each pet once. */
    findByTags: (names: string[]) => loadPets(pool,
      'EXISTS (SELECT 1 FROM pet_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.pet_id = p.id AND t.name = ANY($1::text[]))', [names]),

    create: (pet: PetInput) => transact(async (db) => {
      const categoryId = pet.category ? await resolve(db, 'categories', pet.category, 'body/category') : null
      const id = await insertRow(db, 'pets', { name: pet.name, category_id: categoryId, status: pet.status ?? 'available' }, pet.id)
      await writeParts(db, id, pet)
      return (await one(db, id))!
    }),

    /** Replaces the pet; an absent status keeps the current one. Null when there is no such pet. */
    replace: (id: number, pet: PetInput) => transact(async (db) => {
      const { rowCount } = await db.query('SELECT 1 FROM pets WHERE id = $1 FOR UPDATE', [id])
      if (!rowCount) return null
      const categoryId = pet.category ? await resolve(db, 'categories', pet.category, 'body/category') : null
      await db.query('UPDATE pets SET name = $2, category_id = $3, status = coalesce($4, status), updated_at = now() WHERE id = $1',
        [id, pet.name, categoryId, pet.status ?? null])
      await writeParts(db, id, pet)
      return one(db, id)
    }),

    update: (id: number, changes: { name?: string, status?: PetStatus }) => transact(async (db) => {
      const { rowCount } = await db.query('UPDATE pets SET name = coalesce($2, name), status = coalesce($3, status), updated_at = now() WHERE id = $1',
        [id, changes.name ?? null, changes.status ?? null])
      return rowCount ? one(db, id) : null
    }),

    /** False when there is no such pet; 409 while orders refer to it. */
    async remove (id: number): Promise<boolean> {
      try {
        const { rowCount } = await pool.query('DELETE FROM pets WHERE id = $1', [id])
        return rowCount === 1
      } catch (error) {
        if ((error as { code?: string }).code === '23503') throw new InUseError(`Pet ${id} has orders; delete them first`)
        throw error
      }
    }
  }
}

export type PetRepository = ReturnType<typeof createPetRepository>
