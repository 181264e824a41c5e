import { AuthErrors, ErrorResponse, IdParams, IfMatchHeaders, NoContent, Page, TokenSecurity } from '../../schemas/common.js'
import { MAX_BUCKETS } from '../stats/calendar.js'
import {
  BulkMetricsSchema, BulkResultSchema, CreateMetricSchema, HealthMetricSchema, LatestSchema, MAX_BULK_POINTS, MetricQuerySchema,
  ReadQuerySchema, SeriesQuerySchema, SeriesSchema, UpdateMetricSchema, WriteQuerySchema
} from './schemas.js'

const tags = ['health-metrics']
const security = TokenSecurity
const READ = 'Your own points, or with user_id a client\'s (you are their active trainer; 404 otherwise).'
const WRITE = 'Only your own points: a trainer reads a client\'s metrics but never writes them (403 for their points, or for user_id = a client; 404 for anyone else\'s).'
const Read = { ...AuthErrors, 404: ErrorResponse }
const Write = { ...AuthErrors, 403: ErrorResponse, 404: ErrorResponse }

export const ListMetricsRoute = {
  summary: 'List health-metric points',
  description: `${READ} Filters: type, source, date_from/date_to (on measured_at). Default order: -measured_at.`,
  tags,
  security,
  querystring: MetricQuerySchema,
  response: { 200: Page(HealthMetricSchema), ...Read }
}
export const CreateMetricRoute = {
  summary: 'Record a point (or update the one with the same type, source and measured_at)',
  description: `201 when the point is new, 200 when a point with the same type, source and measured_at existed and was updated — so a device re-sync never duplicates. ${WRITE}`,
  tags,
  security,
  querystring: WriteQuerySchema,
  body: CreateMetricSchema,
  response: { 201: HealthMetricSchema, 200: HealthMetricSchema, ...Write }
}
export const BulkMetricsRoute = {
  summary: `Import up to ${MAX_BULK_POINTS} points, all or nothing`,
  description: `Every point is checked first (fields as \`body/points/<i>/<field>\`); on any problem nothing is written. Each point is written like POST /api/health-metrics (same key → updated). Points of the request with the same type, source and measured_at: the last one wins (counted as merged). Retrying a request that failed midway is safe. 201 when at least one point was created, 200 when every point existed. ${WRITE}`,
  tags,
  security,
  querystring: WriteQuerySchema,
  body: BulkMetricsSchema,
  response: { 201: BulkResultSchema, 200: BulkResultSchema, ...Write }
}
export const SeriesRoute = {
  summary: 'One metric aggregated per day, week or month',
  description: `${READ} Buckets are local to the profile's time zone (UTC without one); every bucket from date_from to date_to is listed, empty ones with count 0 and null figures; at most ${MAX_BUCKETS} buckets (400 on querystring/date_from). For blood_pressure, value figures are systolic and diastolic has its own. Answers are cached until the owner's next write (at most 60 s).`,
  tags,
  security,
  querystring: SeriesQuerySchema,
  response: { 200: SeriesSchema, ...Read }
}
export const LatestMetricsRoute = {
  summary: 'The latest point of each metric type',
  description: READ,
  tags,
  security,
  querystring: ReadQuerySchema,
  response: { 200: LatestSchema, ...Read }
}
export const GetMetricRoute = {
  summary: 'One point',
  description: READ,
  tags,
  security,
  params: IdParams,
  response: { 200: HealthMetricSchema, ...Read }
}
export const UpdateMetricRoute = {
  summary: 'Correct a point',
  description: `The changed point is checked like a new one. 409 DUPLICATE when it would take another point's type, source and measured_at. ${WRITE}`,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  body: UpdateMetricSchema,
  response: { 200: HealthMetricSchema, ...Write, 409: ErrorResponse }
}
export const DeleteMetricRoute = {
  summary: 'Delete a point',
  description: WRITE,
  tags,
  security,
  params: IdParams,
  headers: IfMatchHeaders,
  response: { 204: NoContent, ...Write }
}
