import type { Answer } from './target.js'

export const ANSWER_BOUND_MS = 5_000
export const ERROR_BODY_BOUND = 64 * 1024
/** Room for the longest honest message (20 failing fields); an echoed URL or body goes past it. */
export const ERROR_MESSAGE_BOUND = 4 * 1024
// The API's own error vocabulary (VALIDATION_ERROR, NOT_FOUND…), never a framework's FST_ERR_… code.
const ERROR_CODE = /^(?!FST_)[A-Z][A-Z_]+$/

/** What is wrong with one answer, whatever was asked: a 5xx, slowness, an error body without its shape, or a huge one. */
export function answerProblems (answer: Answer): string[] {
  const problems: string[] = []
  if (answer.statusCode >= 500) problems.push(`answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`)
  if (answer.ms > ANSWER_BOUND_MS) problems.push(`took ${Math.round(answer.ms)} ms`)
  if (answer.statusCode >= 400) {
    const bytes = Buffer.byteLength(answer.body)
    if (bytes > ERROR_BODY_BOUND) problems.push(`error body of ${bytes} bytes`)
    const body = parse(answer.body) as { code?: unknown, message?: unknown, statusCode?: unknown } | undefined
    if (typeof body?.code !== 'string' || typeof body.message !== 'string' || body.statusCode !== answer.statusCode) {
      problems.push(`error body without {statusCode, code, message}: ${answer.body.slice(0, 300)}`)
    } else if (!ERROR_CODE.test(body.code) || body.message.length > ERROR_MESSAGE_BOUND) {
      problems.push(`error code ${body.code} with a message of ${body.message.length} characters: ${body.message.slice(0, 200)}`)
    }
  }
  return problems
}

/** Fields that were sent with a value and come back as null (the value was lost or rewritten). */
export function nulled (sent: unknown, got: unknown, path = ''): string[] {
  // The service may reorder a list (workout exercises by `order`): an item is fine if any answered item keeps its values.
  if (Array.isArray(sent) && Array.isArray(got)) {
    return sent.flatMap((item, i) => got.some((answered) => nulled(item, answered).length === 0) ? [] : nulled(item, got[i], `${path}/${i}`))
  }
  if (!isObject(sent) || !isObject(got)) return []
  return Object.entries(sent).flatMap(([key, value]) => {
    if (value === null || value === undefined || !Object.hasOwn(got, key)) return []
    return got[key] === null ? [`${path}/${key}`] : nulled(value, got[key], `${path}/${key}`)
  })
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

export function parse (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
