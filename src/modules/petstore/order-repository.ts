import type { Pool } from 'pg'
import { RuleError } from './errors.js'
import type { OrderInput, OrderType } from './schemas.js'
import { insertRow, type Queryable } from './sql.js'

interface OrderRow { id: string, pet_id: string, quantity: number, ship_date: Date | null, status: OrderType['status'], complete: boolean }
type Transact = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>

const toOrder = (row: OrderRow): OrderType => ({
  id: Number(row.id),
  petId: Number(row.pet_id),
  quantity: row.quantity,
  ...(row.ship_date ? { shipDate: row.ship_date.toISOString() } : {}),
  status: row.status,
  complete: row.complete
})
const COLUMNS = 'id, pet_id, quantity, ship_date, status, complete'
// A delivered or complete order has sold its pet; any other one holds it as pending.
const settles = (order: { status: OrderType['status'], complete: boolean }) => order.status === 'delivered' || order.complete

export function createOrderRepository (pool: Pool, transact: Transact) {
  return {
    async get (id: number): Promise<OrderType | null> {
      const { rows } = await pool.query<OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE id = $1`, [id])
      return rows[0] ? toOrder(rows[0]) : null
    },

    /** Places the order and reserves the pet (pending, or sold when the order is already settled). */
    place: (input: OrderInput & { petId: number }) => transact(async (db) => {
      const { rows: [pet] } = await db.query<{ status: string }>('SELECT status FROM pets WHERE id = $1 FOR UPDATE', [input.petId])
      if (!pet) throw new RuleError('body/petId', `refers to no pet (${input.petId})`)
      if (pet.status !== 'available') throw new RuleError('body/petId', `refers to a pet that is not available (it is ${pet.status})`)
      const order = { status: input.status ?? 'placed', complete: input.complete ?? false }
      const id = await insertRow(db, 'orders', {
        pet_id: input.petId, quantity: input.quantity ?? 1, ship_date: input.shipDate ?? null, status: order.status, complete: order.complete
      }, input.id)
      await db.query('UPDATE pets SET status = $2, updated_at = now() WHERE id = $1', [input.petId, settles(order) ? 'sold' : 'pending'])
      const { rows } = await db.query<OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE id = $1`, [id])
      return toOrder(rows[0])
    }),

    /** Deletes the order; an unsettled one gives its pending pet back to the store. False when there is none. */
    remove: (id: number) => transact(async (db) => {
      const { rows: [order] } = await db.query<OrderRow>(`DELETE FROM orders WHERE id = $1 RETURNING ${COLUMNS}`, [id])
      if (!order) return false
      if (!settles(order)) {
        await db.query("UPDATE pets SET status = 'available', updated_at = now() WHERE id = $1 AND status = 'pending'", [order.pet_id])
      }
      return true
    }),

    /** Pets per status, every status listed. */
    async inventory (): Promise<Record<string, number>> {
      const { rows } = await pool.query<{ status: string, count: number }>('SELECT status, count(*)::int AS count FROM pets GROUP BY status')
      const counts: Record<string, number> = { available: 0, pending: 0, sold: 0 }
      for (const row of rows) counts[row.status] = row.count
      return counts
    }
  }
}

export type OrderRepository = ReturnType<typeof createOrderRepository>
