import type { Document } from 'bson'
import type { Collection } from '../collection.js'
import { CommandError, toCommandError } from '../errors.js'
import { Aggregator, Query } from '../mingo-options.js'
import { isPlainObject, valueKey } from '../values.js'

/** mongod's rules for a user variable's name (variables.cpp), with its codes. */
function checkVariableName (name: string): void {
  if (name === '') throw new CommandError('Location16866', 'empty variable names are not allowed')
  if (!/^[a-z\u0080-\uffff]/.test(name)) throw new CommandError('Location16867', `'${name}' starts with an invalid character for a user variable name`)
  const bad = /[^A-Za-z0-9_\u0080-\uffff]/.exec(name)
  if (bad !== null) throw new CommandError('Location16868', `'${name}' contains an invalid character for a variable name: '${bad[0]}'`)
}

/**
 * A command's `let` (and an update statement's `c`) as `$$name` variables. MongoDB evaluates each
 * value once as an expression with no current document, so `{ $add: [1, 2] }` is 3.
 */
export function letVariables (...sources: unknown[]): Document | undefined {
  let spec: Document | undefined
  for (const source of sources) {
    if (source === undefined || source === null) continue
    if (!isPlainObject(source)) throw new CommandError('TypeMismatch', 'let must be an object')
    spec = { ...spec, ...source }
  }
  if (spec === undefined) return undefined
  for (const name of Object.keys(spec)) checkVariableName(name)
  try {
    const [values] = new Aggregator([{ $replaceRoot: { newRoot: spec } }]).run([{}]) as Document[]
    return values
  } catch (err) {
    throw mingoError(err)
  }
}

/** Throws the error MongoDB gives for a bad filter even when no document is there to match it. */
export function checkFilter (filter: Document | undefined, vars?: Document): void {
  if (filter === undefined) return
  try {
    new Query(filter, vars).test({})
  } catch (err) {
    throw mingoError(err)
  }
}

/**
 * `hint` changes which index answers, never the answer, so it is honoured by checking it: an
 * unknown or hidden index is MongoDB's BadValue, and a sparse or partial index (whose hint would
 * make MongoDB skip documents) is refused.
 */
export function checkHint (coll: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || coll === undefined) return
  if (isPlainObject(hint) && Object.keys(hint).length === 1 && '$natural' in hint) return
  if (typeof hint === 'string' && hint === '') return
  const index = [...coll.indexes.values()].find(i => typeof hint === 'string' ? i.name === hint : isPlainObject(hint) && valueKey(i.spec.key) === valueKey(hint))
  if (index === undefined || index.hidden) throw new CommandError('BadValue', 'hint provided does not correspond to an existing index')
  if (!index.complete) throw new CommandError('CommandNotSupported', `hinting the sparse or partial index ${index.name} is not supported by the embedded store`)
}

/** Maps mingo's plain errors onto MongoDB's codes. */
export function mingoError (err: unknown): unknown {
  if (err instanceof CommandError || !(err instanceof Error)) return err
  const stage = /unregistered pipeline operator (\$\w+)/.exec(err.message)
  if (/immutable field/.test(err.message)) return new CommandError('ImmutableField', err.message)
  if (stage !== null) return new CommandError('Location40324', `Unrecognized pipeline stage name: '${stage[1]}'`)
  // Unknown query operators and undefined variables: toCommandError knows MongoDB's codes for those.
  if (/^(unknown (top level operator|query operator)|Use of undefined variable)/.test(err.message)) return toCommandError(err)
  if (/not registered|unregistered|unknown/i.test(err.message)) return new CommandError('InvalidPipelineOperator', err.message)
  return new CommandError('BadValue', err.message)
}
