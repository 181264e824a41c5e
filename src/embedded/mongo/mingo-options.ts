import { Aggregator as BaseAggregator } from 'mingo/aggregator'
import { Context, evalExpr } from 'mingo/core'
import * as accumulator from 'mingo/operators/accumulator'
import * as expression from 'mingo/operators/expression'
import * as pipeline from 'mingo/operators/pipeline'
import * as projection from 'mingo/operators/projection'
import * as query from 'mingo/operators/query'
import * as window from 'mingo/operators/window'
import { Query as BaseQuery } from 'mingo/query'
import type { Any, AnyObject, Options, SortSpec } from 'mingo/types'
import { dateOperators } from './date-operators.js'

// mingo 7.2's $top and $bottom return $topN/$bottomN's one-element array; MongoDB returns the element.
function $top (coll: AnyObject[], expr: { sortBy: SortSpec, output: Any }, options: Options): Any {
  return accumulator.$topN(coll, { ...expr, n: 1 }, options)[0] ?? null
}

function $bottom (coll: AnyObject[], expr: { sortBy: SortSpec, output: Any }, options: Options): Any {
  return accumulator.$bottomN(coll, { ...expr, n: 1 }, options)[0] ?? null
}

// The store reports MongoDB 7.0: operators mingo has from later versions are left out, so they are
// unknown here as they are to 7.0 ($sigmoid and $minMaxScaler arrived in 8.2).
const { $sigmoid: _sigmoid, ...expression70 } = expression
const { $minMaxScaler: _minMaxScaler, ...window70 } = window

// mingo's default entry points merge custom operators *under* its own, so build the context here.
const context = Context.init({ accumulator: { ...accumulator, $top, $bottom }, expression: { ...expression70, ...dateOperators }, pipeline, projection, query, window: window70 })

/** Options for every mingo query, update and aggregation the store runs. */
export const MINGO: Partial<Options> = { context }

/**
 * MINGO made once into mingo's own options object. mingo copies every operator table of a plain
 * options object (about 350 entries) for each query it builds; given a `ComputeOptions` it
 * shares the tables and copies only its small per-query locals. Nothing mutates `context` of a
 * query or an update (only `$fill` and `$setWindowFields` add operators, and aggregations keep
 * getting their own copy from the plain MINGO).
 */
const COMPUTE_CLASS = computeOptions()
export const COMPUTE: ComputeOptions = COMPUTE_CLASS.init(MINGO)

/** mingo's options object, as far as the store uses it (the class is not among mingo's exports). */
export interface ComputeOptions extends Options {
  /** Sets per-call values (the query's condition, an update's clone mode and array filters); returns itself. */
  update (locals: AnyObject): ComputeOptions
}

/** mingo's `ComputeOptions` class, taken from the options an expression operator is called with. */
function computeOptions (): { init (options: Partial<Options> | ComputeOptions): ComputeOptions } {
  const probe = Context.init({ expression: { $options: (_obj: AnyObject, _expr: Any, options: Options) => options as Any } })
  return (evalExpr({}, { $options: 1 }, { context: probe } as Options) as object).constructor as unknown as { init (options: Partial<Options> | ComputeOptions): ComputeOptions }
}

/** Fresh options for one call that share COMPUTE's operator tables. */
export function computeFor (locals: AnyObject): ComputeOptions {
  return COMPUTE_CLASS.init(COMPUTE).update(locals)
}

/** `variables` are a command's `let` (and an update's `c`), read in expressions as `$$name`. */
export class Query extends BaseQuery {
  constructor (condition: AnyObject, variables?: AnyObject) { super(condition, variables === undefined ? COMPUTE : { ...MINGO, variables }) }
}

export class Aggregator extends BaseAggregator {
  constructor (stages: AnyObject[], options: Partial<Options> = {}) { super(stages, { ...MINGO, ...options }) }
}

/** Applies a projection to copies of `docs` (mingo may edit nested objects in place). */
export function project (docs: AnyObject[], spec: AnyObject, variables?: AnyObject): AnyObject[] {
  return new Query({}, variables).find(docs, spec).all() as AnyObject[]
}
