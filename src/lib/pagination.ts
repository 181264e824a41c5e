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

/** DRF's PageNumberPagination body: `{count, next, previous, results}` with absolute links. */
export function pageOf<T> (request: FastifyRequest, window: PageWindow, count: number, results: T[]) {
  const last = Math.max(1, Math.ceil(count / window.pageSize))
  return {
    count,
    next: window.page < last ? pageUrl(request, window.page + 1) : null,
    previous: window.page > 1 ? pageUrl(request, Math.min(window.page - 1, last)) : null,
    results
  }
}
