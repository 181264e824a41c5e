import type { Test } from 'tap'

interface Operation {
  summary?: string
  tags?: string[]
  security?: unknown[]
  requestBody?: { content: Record<string, { schema: { additionalProperties?: unknown, examples?: unknown }, examples?: unknown, example?: unknown }> }
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}

export interface OpenApiDocument { paths: Record<string, Record<string, Operation>> }

export interface OperationChecks {
  /** The one tag every listed operation carries. */
  tag?: string
  /** Which paths must document 404 (default: none checked). */
  documents404?: (path: string) => boolean
}

/**
 * Every listed operation is in the document with a summary, token security, 400 and 401, a
 * response schema on success, and a request body that refuses unknown fields and has examples.
 */
export function checkOperations (t: Test, doc: OpenApiDocument, expected: Record<string, string[]>, checks: OperationChecks = {}): void {
  for (const [path, methods] of Object.entries(expected)) {
    for (const method of methods) {
      const operation = doc.paths[path]?.[method]
      t.ok(operation, `${method.toUpperCase()} ${path}`)
      if (!operation) continue
      t.ok(operation.summary, `${method} ${path} has a summary`)
      if (checks.tag) t.same(operation.tags, [checks.tag])
      t.same(operation.security, [{ token: [] }])
      t.ok(operation.responses['400'] && operation.responses['401'], `${method} ${path} documents its errors`)
      if (checks.documents404?.(path)) t.ok(operation.responses['404'], `${method} ${path} documents 404`)
      const success = Object.keys(operation.responses).find((code) => code.startsWith('2'))!
      if (success !== '204') t.ok(operation.responses[success].content?.['application/json'].schema, `${method} ${path} response schema`)
      if (operation.requestBody) {
        const media = operation.requestBody.content['application/json']
        t.equal(media.schema.additionalProperties, false, `${method} ${path} refuses unknown fields`)
        t.ok(media.examples || media.example || media.schema.examples, `${method} ${path} has request examples`)
      }
    }
  }
}
