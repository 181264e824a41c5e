import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

/** Removes everything one module keeps about a user, in either database. Must be idempotent: a failed deletion is retried. */
export type AccountCleaner = (userId: number) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Per-module cleaners for account deletion. Each module registers its own when it loads, so a
     * new module cannot forget its share of "delete my account and all my data".
     */
    accountCleanup: {
      register: (module: string, cleaner: AccountCleaner) => void
      /** The modules that registered, in order. */
      modules: () => string[]
      /** Runs every cleaner, one after the other; the first failure stops the run (and the deletion). */
      run: (userId: number) => Promise<void>
    }
  }
}

async function accountCleanup (fastify: FastifyInstance) {
  const cleaners = new Map<string, AccountCleaner>()
  fastify.decorate('accountCleanup', {
    register (module: string, cleaner: AccountCleaner) {
      if (cleaners.has(module)) throw new Error(`account cleaner "${module}" registered twice`)
      cleaners.set(module, cleaner)
    },
    modules: () => [...cleaners.keys()],
    async run (userId: number) {
      for (const clean of cleaners.values()) await clean(userId)
    }
  })
}

export default fp(accountCleanup, { name: 'account-cleanup' })
