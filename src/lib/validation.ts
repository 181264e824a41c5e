import AjvCompiler from '@fastify/ajv-compiler'
import type { Options as AjvOptions, ValidateFunction } from 'ajv'
import { inputProblem, type InputProblem } from './input-guard.js'

type Externals = Parameters<AjvCompiler.BuildCompilerFromPool>[0]
type CompilerOptions = NonNullable<Parameters<AjvCompiler.BuildCompilerFromPool>[1]>
// What Fastify hands the compiler for each part of each route (the package types it as a bare schema).
type Route = AjvCompiler.RouteDefinition
type AjvValidate = ((data: unknown, context?: unknown) => unknown) & { errors?: unknown[] | null, schemaEnv?: unknown }

/** The most raw validation errors kept for the error body (which reports at most one line per field). */
export const MAX_VALIDATION_ERRORS = 50

// Unknown fields are refused (400), not silently dropped; every failing field is reported (the
// input guard has bounded the input first, so collecting all errors stays cheap).
const COMMON: AjvOptions = { removeAdditional: false, allErrors: true, useDefaults: true }
// Query strings and path parameters arrive as text and must be coerced. JSON bodies are typed
// already: coercing them would turn `"Infinity"` into a number and `0`, `false` or `""` into null.
const COERCING: AjvOptions = { ...COMMON, coerceTypes: 'array' }
const EXACT: AjvOptions = { ...COMMON, coerceTypes: false }

// One pool per process: Fastify asks for a validator per plugin context, and Ajv instances are reused by options.
const ajvPool = AjvCompiler()

/**
 * Fastify's own Ajv compiler (formats, shared schemas), wrapped: the input guard runs first, then
 * Ajv with coercion only where the input is text, then — for coerced parts — the guard again,
 * because Ajv's coercion accepts "1e400" as a number and skips its bounds.
 *
 * Ajv compiles each route's schemas on the route's first request, not at start-up: compiling every
 * route's up front was ~40% of the start-up CPU. `eager` compiles them at start-up instead (a test
 * does, so that a broken schema still fails CI rather than its route's first request).
 */
export function validatorBuilder (eager = false): AjvCompiler.BuildCompilerFromPool {
  const build = (externalSchemas: Externals, options?: CompilerOptions) => {
    const withOptions = (customOptions: AjvOptions) =>
      ajvPool(externalSchemas, { plugins: options?.plugins, onCreate: options?.onCreate, customOptions }) as unknown as (route: Route) => AjvValidate
    const coercing = withOptions(COERCING)
    const exact = withOptions(EXACT)
    const compile = (route: Route) => {
      const compileAjv = () => (route.httpPart === 'body' ? exact : coercing)(route)
      const compiled = eager ? compileAjv() : undefined
      return guarded(route.schema, compiled ? () => compiled : compileAjv, route.httpPart !== 'body')
    }
    return compile as unknown as ReturnType<AjvCompiler.BuildCompilerFromPool>
  }
  return build
}

function guarded (schema: unknown, compileAjv: () => AjvValidate, coerced: boolean): ValidateFunction {
  let ajvValidate: AjvValidate | undefined
  const fail = (errors: unknown[]) => {
    validate.errors = errors
    return false
  }
  function validate (data: unknown, context?: unknown): boolean {
    const before = inputProblem(schema as Parameters<typeof inputProblem>[0], data)
    if (before) return fail([before])
    ajvValidate ??= compileAjv()
    if (!ajvValidate(data, context)) return fail((ajvValidate.errors ?? []).slice(0, MAX_VALIDATION_ERRORS))
    const after: InputProblem | undefined = coerced ? inputProblem(undefined, data) : undefined
    if (after) return fail([after])
    validate.errors = null
    return true
  }
  validate.errors = null as unknown[] | null
  // Fastify passes the parent object to validators that have a schemaEnv (as Ajv's have), so that
  // root-level coercion works; Ajv's is compiled on first use, so this one says it has one up front.
  validate.schemaEnv = true
  return validate as unknown as ValidateFunction
}
