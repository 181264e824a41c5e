import type { Document } from 'bson'
import { CommandError } from '../errors.js'
import { project as applyProjection } from '../mingo-options.js'
import { cloneDoc, isPlainObject } from '../values.js'
import { collName, type Handler, optDoc } from './context.js'
import { applyUpdate, upsertDocument } from './modify.js'
import { query } from './read.js'
import { letVariables } from './statement.js'
import { insertDoc, removeDoc, replaceDoc } from './write.js'

function project (doc: Document | null, fields: Document | undefined): Document | null {
  if (doc === null || fields === undefined || Object.keys(fields).length === 0) return doc
  return applyProjection([cloneDoc(doc)], fields)[0] as Document
}

const findAndModify: Handler = (cmd, ctx) => {
  const name = collName(cmd, Object.keys(cmd)[0])
  const filter = optDoc(cmd, 'query') ?? {}
  const fields = optDoc(cmd, 'fields')
  const remove = cmd.remove === true
  if (remove === (cmd.update !== undefined)) {
    throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified, but not both')
  }
  const coll = ctx.store.get(ctx.db, name)
  const vars = letVariables(cmd.let)
  const [doc] = query(coll, { filter, sort: optDoc(cmd, 'sort'), limit: 1, vars, hint: cmd.hint })
  if (remove) {
    if (coll === undefined || doc === undefined) return { lastErrorObject: { n: 0 }, value: null, ok: 1 }
    removeDoc(ctx, coll, doc)
    return { lastErrorObject: { n: 1 }, value: project(doc, fields), ok: 1 }
  }
  const spec = {
    q: filter,
    u: cmd.update,
    arrayFilters: Array.isArray(cmd.arrayFilters) ? cmd.arrayFilters.filter(isPlainObject) : undefined,
    vars
  }
  if (coll !== undefined && doc !== undefined) {
    const updated = applyUpdate(doc, spec)
    replaceDoc(ctx, coll, doc, updated)
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(cmd.new === true ? updated : doc, fields), ok: 1 }
  }
  if (cmd.upsert !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 }
  const created = insertDoc(ctx, ctx.store.ensure(ctx.db, name), upsertDocument(spec))
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: created._id },
    value: cmd.new === true ? project(created, fields) : null,
    ok: 1
  }
}

export const findAndModifyCommands: Record<string, Handler> = { findAndModify, findandmodify: findAndModify }
