import { FieldError } from '../../errors.js'

/** Where a feed page ends: the last item's end time and id (the sort key, newest first). */
export interface FeedCursor { end: Date, id: string }

const HEX24 = /^[0-9a-f]{24}$/
const EARLIEST = Date.UTC(1900, 0, 1)
const LATEST = Date.UTC(3000, 0, 1)

/** Opaque to clients: base64url of the sort key of the page's last item. */
export const encodeCursor = ({ end, id }: FeedCursor): string =>
  Buffer.from(JSON.stringify([end.getTime(), id])).toString('base64url')

/** The cursor, or a 400 on `querystring/cursor` for anything this API did not hand out. */
export function decodeCursor (text: string): FeedCursor {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    value = null
  }
  if (Array.isArray(value) && value.length === 2) {
    const [end, id] = value as unknown[]
    if (Number.isInteger(end) && (end as number) >= EARLIEST && (end as number) < LATEST && typeof id === 'string' && HEX24.test(id)) {
      return { end: new Date(end as number), id }
    }
  }
  throw new FieldError('querystring/cursor', 'is not a cursor of this feed (use the next link of a feed page)')
}
