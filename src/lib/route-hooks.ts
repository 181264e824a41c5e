import type { RouteOptions } from 'fastify'

type HookName = 'preParsing' | 'preSerialization' | 'onSend'

/**
 * Adds a hook to one route, from an `onRoute` hook (it runs after the global hooks of that kind):
 * routes a plugin does not concern pay nothing for it on each request.
 */
export function addRouteHook<K extends HookName> (route: RouteOptions, name: K, hook: NonNullable<RouteOptions[K]>): void {
  route[name] = [...[route[name] ?? []].flat(), hook].flat() as RouteOptions[K]
}
