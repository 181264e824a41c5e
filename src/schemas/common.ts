import { Type, type IntegerOptions, type NumberOptions, type Static, type TSchema } from '@sinclair/typebox'

/**
 * The one way to declare a number a client sends: both bounds are required, so no field accepts
 * a value it cannot store and read back (the input guard refuses non-finite numbers before this).
 */
export const BoundedNumber = (minimum: number, maximum: number, options: NumberOptions = {}) => Type.Number({ ...options, minimum, maximum })
export const BoundedInteger = (minimum: number, maximum: number, options: IntegerOptions = {}) => Type.Integer({ ...options, minimum, maximum })

/** 24-hex MongoDB ObjectId as exposed in JSON. */
export const ObjectIdString = Type.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'ObjectId (24 hex characters)', examples: ['665f1c2e8b3e4a0012a4b7c1'] })

/** Postgres serial id. */
export const IntId = BoundedInteger(1, 2_147_483_647, { description: 'Integer id' })

/**
 * Dates the API accepts: years 1900–2999. Every date computation (periods, buckets, time zones)
 * stays in four-digit years, and a client cannot ask for work proportional to 10 000 years.
 */
const YEAR = '(19|2[0-9])[0-9]{2}'
export const DateTime = Type.String({
  format: 'date-time',
  pattern: `^${YEAR}-[0-9]{2}-[0-9]{2}[Tt ].+$`,
  description: 'RFC 3339 date-time, years 1900–2999',
  examples: ['2026-11-22T08:30:00.000Z']
})
export const DateOnly = Type.String({ format: 'date', pattern: `^${YEAR}-[0-9]{2}-[0-9]{2}$`, description: 'YYYY-MM-DD, years 1900–2999', examples: ['2026-11-22'] })

export const IdParams = Type.Object({ id: ObjectIdString })
export type IdParamsType = Static<typeof IdParams>

/** `?user_id=`: read a client's data as their active trainer (404 for anyone else's); absent = your own. */
export const ClientUserId = Type.Optional({ ...IntId, description: 'A client of yours (you are their active trainer); default: yourself' })

export const IntIdParams = Type.Object({ id: IntId })
export type IntIdParamsType = Static<typeof IntIdParams>

export const Timestamps = {
  created_at: DateTime,
  updated_at: DateTime
}

/** Nullable helper: `Nullable(Type.String())` → string | null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/**
 * Nullable for request fields: `nullable: true` instead of anyOf-with-null, because the app's Ajv
 * coerces types — under anyOf a refused value (`rating: 0` with minimum 1, or `""`) falls through
 * to the null branch and is silently stored as null; here it is a 400 naming the field once.
 */
export const NullableInput = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true })

/** Free text that cannot smuggle operators: plain string, bounded. */
export const SearchText = Type.String({ minLength: 1, maxLength: 100 })

export const PageQuery = Type.Object({
  page: Type.Optional(BoundedInteger(1, 100_000, { default: 1 })),
  page_size: Type.Optional(BoundedInteger(1, 100, { default: 20 }))
})
export type PageQueryType = Static<typeof PageQuery>

/**
 * One of a fixed set of strings, as a JSON Schema `enum`: a wrong value is one validation error
 * ("must be equal to one of the allowed values"), where a union of literals reports every branch.
 */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string, default?: T } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options })

/** DRF-style `?ordering=field` / `-field`, restricted to the given fields. */
export const Ordering = <F extends string>(fields: readonly F[]) =>
  Type.Optional(StringEnum(fields.flatMap((field) => [field, `-${field}` as const]), {
    description: `Sort by one of: ${fields.join(', ')}; prefix with - for descending`
  }))

/** DRF-style page: `{ count, next, previous, results }`. */
export const Page = <T extends TSchema>(item: T) => Type.Object({
  count: Type.Integer({ minimum: 0 }),
  next: Nullable(Type.String({ format: 'uri' })),
  previous: Nullable(Type.String({ format: 'uri' })),
  results: Type.Array(item)
})

export const ErrorDetail = Type.Object({
  field: Type.String({ description: 'JSON pointer-ish path of the failing field, e.g. "body/email"' }),
  message: Type.String()
})

/** The one error body of the API. */
export const ErrorResponse = Type.Object({
  statusCode: Type.Integer({ examples: [400] }),
  error: Type.String({ examples: ['Bad Request'] }),
  code: Type.String({ examples: ['VALIDATION_ERROR'] }),
  message: Type.String({ examples: ['body/email must match format "email"'] }),
  details: Type.Optional(Type.Array(ErrorDetail))
}, { $id: 'ErrorResponse', title: 'ErrorResponse' })
export type ErrorResponseType = Static<typeof ErrorResponse>

/** Error responses shared by every authenticated route. */
export const AuthErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  429: ErrorResponse
}

/** Error responses of a route that reads or changes one object. */
export const ObjectErrors = {
  ...AuthErrors,
  403: ErrorResponse,
  404: ErrorResponse
}

export const NoContent = Type.Null({ description: 'No content' })

/** Security requirement for routes behind the authenticate boundary. */
export const TokenSecurity = [{ token: [] }]

/**
 * The If-Match header of a write that checks it atomically (plugins/etags.ts); routes declaring it are
 * the ones listed in docs/idempotency-and-etags.md. Others refuse If-Match with 400.
 */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({
    maxLength: 4096,
    description: 'Write only if the object is still the version with this ETag (from a GET or an earlier write); ' +
      'otherwise 412 PRECONDITION_FAILED and nothing is written. `*`: only if the object exists.'
  }))
})
