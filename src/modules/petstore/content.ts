import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SchemaNode } from './coerce.js'
import { NotAcceptableError, UnsupportedMediaTypeError } from './errors.js'
import { parseForm } from './form.js'
import { parseXml, toXml, type XmlRoot } from './xml.js'

export const JSON_TYPE = 'application/json'
export const XML_TYPE = 'application/xml'
export const FORM_TYPE = 'application/x-www-form-urlencoded'
export const BINARY_TYPE = 'application/octet-stream'

/** What a route accepts and answers, per the contract; read by the hooks below. */
export interface ContentConfig {
  /** Request body media types; a body of any other type is 415. None: the operation takes no body. */
  consumes?: string[]
  /** Success response media types, best first; an Accept that allows none of them is 406. */
  produces?: string[]
  /** The XML element of request and response bodies. */
  xml?: { request?: XmlRoot, response?: XmlRoot }
}

declare module 'fastify' {
  interface FastifyContextConfig { petstore?: ContentConfig }
  interface FastifyRequest { petstoreMedia: string }
}

const mediaType = (header: string | undefined) => header?.split(';')[0].trim().toLowerCase() ?? ''
const configOf = (request: FastifyRequest): ContentConfig => request.routeOptions.config.petstore ?? {}
const bodySchema = (request: FastifyRequest) => request.routeOptions.schema?.body as SchemaNode | undefined

/**
 * Content handling for /api/v3 only (registered inside the module's encapsulated plugin, so the
 * rest of the service stays JSON-only): XML, form and binary parsers, 415 for a body type the
 * operation does not list, 406 for an Accept it cannot satisfy, and XML responses on request.
 */
export function registerContentHandling (fastify: FastifyInstance) {
  fastify.addContentTypeParser(XML_TYPE, { parseAs: 'string' }, async (request: FastifyRequest, body: string) => {
    const root = configOf(request).xml?.request
    if (!root) throw new UnsupportedMediaTypeError('This operation does not take XML')
    return parseXml(body, root, bodySchema(request))
  })
  fastify.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, async (request: FastifyRequest, body: string) => parseForm(body, bodySchema(request)))
  fastify.addContentTypeParser(BINARY_TYPE, { parseAs: 'buffer' }, async (_request: FastifyRequest, body: Buffer) => body)

  fastify.decorateRequest('petstoreMedia', '')

  fastify.addHook('onRequest', async (request) => {
    const { consumes = [], produces } = configOf(request)
    if (hasBody(request)) {
      const type = mediaType(request.headers['content-type'])
      if (!consumes.includes(type)) {
        const accepted = consumes.length > 0 ? `send ${consumes.join(', ')}` : 'send no body'
        throw new UnsupportedMediaTypeError(`Unsupported content type "${type.slice(0, 100)}" for this operation; ${accepted}`)
      }
    }
    if (produces) {
      const chosen = negotiate(request.headers.accept, produces)
      if (!chosen) throw new NotAcceptableError(produces.join(' or '))
      request.petstoreMedia = chosen
    }
  })

  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const root = configOf(request).xml?.response
    if (request.petstoreMedia !== XML_TYPE || !root || reply.statusCode >= 400 || typeof payload !== 'string') return payload
    reply.header('content-type', `${XML_TYPE}; charset=utf-8`)
    return toXml(root, JSON.parse(payload))
  })
}

function hasBody (request: FastifyRequest): boolean {
  const length = request.headers['content-length']
  return length !== undefined ? length !== '0' : request.headers['transfer-encoding'] !== undefined
}

/**
 * The best of `offered` for an Accept header (RFC 9110 §12.5.1): highest q, then the more specific
 * range, then the earlier one in the header, then the offer order. No header: the first offer.
 */
export function negotiate (accept: string | undefined, offered: string[]): string | null {
  if (!accept?.trim()) return offered[0]
  const ranges = accept.split(',').slice(0, 50).map((part, index) => {
    const [range, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param)).find(Boolean)
    return { range: range.trim(), q: q ? Number(q[1]) : 1, index }
  })
  let best: { type: string, score: number[] } | null = null
  offered.forEach((type, offerIndex) => {
    const [major] = type.split('/')
    const matches = ranges
      .map((entry) => ({ ...entry, specificity: entry.range === type ? 2 : entry.range === `${major}/*` ? 1 : entry.range === '*/*' ? 0 : -1 }))
      .filter((entry) => entry.specificity >= 0)
      .sort((a, b) => b.specificity - a.specificity)
    const match = matches[0]
    if (!match || match.q === 0) return
    const score = [match.q, match.specificity, -match.index, -offerIndex]
    if (!best || compare(score, best.score) > 0) best = { type, score }
  })
  return (best as { type: string } | null)?.type ?? null
}

function compare (a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}
