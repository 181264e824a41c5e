import FindMyWay, { type HTTPMethod } from 'find-my-way'
import type { RouteOptions } from 'fastify'

/**
 * The methods each registered path answers, so an unknown method on a known path gets 405 with
 * `Allow` (as HTTP and DRF do) rather than Fastify's 404. Fastify's router only matches one method
 * at a time, so the routes are mirrored into a second router of the same kind (find-my-way).
 */
export class RouteMethods {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 200 })
  private readonly methods = new Set<HTTPMethod>()

  add (route: RouteOptions): void {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods as HTTPMethod[]) {
      // OPTIONS is answered for every known path (below); @fastify/cors's `OPTIONS *` would match any path.
      if (method === 'OPTIONS' || this.router.hasRoute(method, route.url)) continue
      this.router.on(method, route.url, () => {})
      this.methods.add(method)
    }
  }

  /** The methods that `path` answers, OPTIONS included; empty when no route matches it at all. */
  allowed (path: string): HTTPMethod[] {
    const allowed = [...this.methods].filter((method) => this.router.find(method, path) !== null)
    return allowed.length === 0 ? [] : [...allowed, 'OPTIONS' as const].sort()
  }
}
