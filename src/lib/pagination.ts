import type { FastifyRequest } from 'fastify'
import type { PageQueryType } from '../schemas/common.js'

export const DEFAULT_PAGE_SIZE = 20

export interface PageWindow { page: number, pageSize: number, skip: number }

export function pageWindow (query: PageQueryType): PageWindow {
  const page = query.page ?? 1
  const pageSize = query.page_size ?? DEFAULT_PAGE_SIZE
  return { page, pageSize, skip: (page - 1) * pageSize }
}

function pageUrl (request: FastifyRequest, page: number): string {
  const url = new URL(request.server.publicOrigin(request) + request.url)
  if (page === 1) url.searchParams.delete('page')
  else url.searchParams.set('page', String(page))
  return url.toString()
}

/** The `next` and `previous` links of a page: absolute URLs, or null at either end. */
function pageLinks (request: FastifyRequest, window: PageWindow, count: number) {
  const last = Math.max(1, Math.ceil(count / window.pageSize))
  return {
    next: window.page < last ? pageUrl(request, window.page + 1) : null,
    previous: window.page > 1 ? pageUrl(request, Math.min(window.page - 1, last)) : null
  }
}

/** DRF's PageNumberPagination body: `{count, next, previous, results}` with absolute links. */
export function pageOf<T> (request: FastifyRequest, window: PageWindow, count: number, results: T[]) {
  return { count, ...pageLinks(request, window, count), results }
}

/**
 * The same body as JSON, around results already serialized (a cached page's): what the route's
 * serializer writes for `pageOf` — the links are plain strings and JSON.stringify escapes them alike.
 */
export function pageJson (request: FastifyRequest, window: PageWindow, count: number, resultsJson: string): string {
  const { next, previous } = pageLinks(request, window, count)
  return `{"count":${count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":${resultsJson}}`
}
