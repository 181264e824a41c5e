import type { Document } from 'bson'

/** MongoDB error codes the store can answer with, and their code names. */
export const CODES = {
  InternalError: 1,
  BadValue: 2,
  IllegalOperation: 20,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  InvalidPipelineOperator: 168,
  InvalidIndexSpecificationOption: 197,
  IDLUnknownField: 40415,
  ProtocolError: 17,
  DuplicateKey: 11000,
  Location16866: 16866,
  Location16867: 16867,
  Location16868: 16868,
  Location17276: 17276,
  Location40324: 40324,
  Location40485: 40485,
  Location40517: 40517
} as const

export type CodeName = keyof typeof CODES

const NAMES = new Map<number, string>(Object.entries(CODES).map(([k, v]) => [v, k]))

/** An error that becomes a `{ ok: 0, errmsg, code, codeName }` reply. */
export class CommandError extends Error {
  readonly code: number
  readonly codeName: string
  readonly extra: Document

  constructor (codeName: CodeName, message: string, extra: Document = {}) {
    super(message)
    this.code = CODES[codeName]
    this.codeName = codeName
    this.extra = extra
  }

  toReply (): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra }
  }

  /** Shape used inside `writeErrors` arrays. */
  toWriteError (index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra }
  }
}

/** Maps anything thrown (ours, mingo's, a bug) onto a command error. */
export function toCommandError (err: unknown): CommandError {
  if (err instanceof CommandError) return err
  const message = err instanceof Error ? err.message : String(err)
  // mingo signals bad operators/expressions with plain errors: that is the client's fault.
  if (/^Use of undefined variable/.test(message)) return new CommandError('Location17276', message)
  const queryOperator = /^unknown (top level operator: |query operator )(\$\w+)/.exec(message)
  if (queryOperator !== null) return new CommandError('BadValue', `unknown ${queryOperator[1].startsWith('top') ? 'top level ' : ''}operator: ${queryOperator[2]}`)
  return new CommandError('BadValue', message)
}

export function codeNameOf (code: number): string {
  return NAMES.get(code) ?? 'UnknownError'
}
