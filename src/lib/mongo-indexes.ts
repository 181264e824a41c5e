import type { CreateIndexesOptions, Db, IndexDescription, IndexSpecification } from 'mongodb'

/** An index declared next to the repository that needs it; ensured at start-up. */
export interface IndexDeclaration {
  collection: string
  key: IndexSpecification
  options?: CreateIndexesOptions & { name: string }
}

export interface IndexBuilder {
  /**
   * Queues the indexes (idempotent) and returns at once with a promise of them, so a module's
   * registration goes on; they are created once connected, one createIndexes command per collection,
   * collections side by side. A collection's commands run one after another, whichever module declared them.
   */
  ensure: (declarations: readonly IndexDeclaration[]) => Promise<void>
  /** Settles once every index declared so far exists; rejects with the first failure. */
  built: () => Promise<void>
}

/** Builds on `db` once `connected` settles (a rejection there fails every declaration). */
export function createIndexBuilder (db: Db, connected: Promise<void> = Promise.resolve()): IndexBuilder {
  const lastOnCollection = new Map<string, Promise<unknown>>()
  const started: Array<Promise<void>> = []

  function ensureOn (collection: string, declarations: readonly IndexDeclaration[]): Promise<void> {
    const specs = declarations.map(({ key, options }): IndexDescription => ({ ...options, key: key as IndexDescription['key'] }))
    const previous = lastOnCollection.get(collection)?.catch(() => {}) // reported by its own promise
    const done = Promise.all([connected, previous])
      .then(async () => { await db.collection(collection).createIndexes(specs) })
    lastOnCollection.set(collection, done)
    return done
  }

  function ensure (declarations: readonly IndexDeclaration[]): Promise<void> {
    const byCollection = new Map<string, IndexDeclaration[]>()
    for (const declaration of declarations) {
      const group = byCollection.get(declaration.collection)
      if (group) group.push(declaration)
      else byCollection.set(declaration.collection, [declaration])
    }
    const done = Promise.all([...byCollection].map(([collection, group]) => ensureOn(collection, group))).then(() => {})
    done.catch(() => {}) // awaited by the caller or by built(); not an unhandled rejection meanwhile
    started.push(done)
    return done
  }

  return { ensure, built: async () => { await Promise.all(started) } }
}
