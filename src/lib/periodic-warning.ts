import type { FastifyBaseLogger } from 'fastify'

/**
 * Counts events (rejected requests) and logs them as one warning per period, so a flood of
 * rejections costs a line every few seconds instead of a line (or a stack) each.
 */
export class PeriodicWarning {
  #counts: Record<string, number> = {}
  readonly #timer: NodeJS.Timeout

  constructor (log: FastifyBaseLogger, message: string, everyMs: number) {
    this.#timer = setInterval(() => {
      if (Object.keys(this.#counts).length === 0) return
      log.warn({ ...this.#counts, seconds: everyMs / 1000 }, message)
      this.#counts = {}
    }, everyMs).unref()
  }

  add (field: string, amount = 1): void {
    this.#counts[field] = (this.#counts[field] ?? 0) + amount
  }

  max (field: string, value: number): void {
    this.#counts[field] = Math.max(this.#counts[field] ?? 0, value)
  }

  stop (): void {
    clearInterval(this.#timer)
  }
}
