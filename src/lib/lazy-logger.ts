import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
type Write = (...args: unknown[]) => void

/**
 * A child logger made on its first line at an enabled level. pino's `child` serializes (and redacts)
 * its bindings when made; a request logger is made for every request, and at LOG_LEVEL=warn most
 * requests log nothing (making them was ~5% of a cached read's CPU). The parent decides which
 * levels are enabled, so the child must not get a level of its own (`lazyChild` makes such a child at once).
 */
class LazyChild {
  #made: FastifyBaseLogger | undefined
  readonly #parent: FastifyBaseLogger
  readonly #bindings: Bindings

  constructor (parent: FastifyBaseLogger, bindings: Bindings) {
    this.#parent = parent
    this.#bindings = bindings
  }

  #logger (): FastifyBaseLogger {
    return (this.#made ??= this.#parent.child(this.#bindings))
  }

  #write (level: Level, args: unknown[]): void {
    if (this.#made === undefined && !levelEnabled(this.#parent, level)) return
    ;(this.#logger()[level] as Write).apply(this.#made, args)
  }

  isLevelEnabled (level: string): boolean { return levelEnabled(this.#made ?? this.#parent, level) }
  get level (): string { return this.#made?.level ?? this.#parent.level }
  set level (level: string) { this.#logger().level = level }
  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger { return this.#logger().child(bindings, options) }
  silent (): void {}
  fatal (...args: unknown[]): void { this.#write('fatal', args) }
  error (...args: unknown[]): void { this.#write('error', args) }
  warn (...args: unknown[]): void { this.#write('warn', args) }
  info (...args: unknown[]): void { this.#write('info', args) }
  debug (...args: unknown[]): void { this.#write('debug', args) }
  trace (...args: unknown[]): void { this.#write('trace', args) }
}

/** Whether `logger` writes lines at `level` (pino's isLevelEnabled; true for a logger without one). */
export function levelEnabled (logger: FastifyBaseLogger, level: string): boolean {
  return (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.(level) ?? true
}

/** `parent.child(bindings, options)`, made when first written to unless `options` set something of its own (a route's log level). */
export function lazyChild (parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  if (Object.keys(options).length > 0) return parent.child(bindings, options)
  return new LazyChild(parent, bindings) as unknown as FastifyBaseLogger
}
