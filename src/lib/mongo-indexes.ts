import type { CreateIndexesOptions, Db, IndexSpecification } from 'mongodb'

/** An index declared next to the repository that needs it; ensured at start-up. */
export interface IndexDeclaration {
  collection: string
  key: IndexSpecification
  options?: CreateIndexesOptions & { name: string }
}

export async function ensureIndexes (db: Db, declarations: readonly IndexDeclaration[]): Promise<void> {
  for (const { collection, key, options } of declarations) {
    await db.collection(collection).createIndex(key, options)
  }
}
