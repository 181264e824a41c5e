import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NotFoundError } from '../../errors.js'
import type { ReplyOf, RequestOf } from '../../lib/route-types.js'
import { FORM_TYPE, JSON_TYPE, XML_TYPE } from './content.js'
import type { PetstoreContext } from './context.js'
import { RuleError } from './errors.js'
import { DeleteOrderRoute, GetOrderRoute, InventoryRoute, PlaceOrderRoute } from './route-schemas.js'
import { XML_ROOTS } from './xml.js'

const orderOut = { produces: [JSON_TYPE, XML_TYPE], xml: { response: XML_ROOTS.order } }

/** /store: inventory (api_key) and orders (public, as in the contract). */
const storeRoutes: FastifyPluginAsyncTypebox<PetstoreContext> = async (fastify, { orders }) => {
  fastify.get('/store/inventory', { schema: InventoryRoute, config: { petstoreAccess: 'apiKeyOnly', petstore: { produces: [JSON_TYPE] } } }, inventory)
  fastify.post('/store/order', {
    schema: PlaceOrderRoute, config: { petstore: { consumes: [JSON_TYPE, XML_TYPE, FORM_TYPE], produces: [JSON_TYPE], xml: { request: XML_ROOTS.order } } }
  }, placeOrder)
  fastify.get('/store/order/:orderId', { schema: GetOrderRoute, config: { petstore: orderOut } }, getOrder)
  fastify.delete('/store/order/:orderId', { schema: DeleteOrderRoute }, deleteOrder)

  async function inventory () {
    return orders.inventory()
  }

  async function placeOrder (request: RequestOf<typeof PlaceOrderRoute>) {
    const { petId, quantity } = request.body
    if (!petId) throw new RuleError('body/petId', 'is required')
    if (quantity !== undefined && quantity < 1) throw new RuleError('body/quantity', 'must be at least 1')
    return orders.place({ ...request.body, petId })
  }

  async function getOrder (request: RequestOf<typeof GetOrderRoute>) {
    const order = await orders.get(request.params.orderId)
    if (!order) throw new NotFoundError('Order')
    return order
  }

  async function deleteOrder (request: RequestOf<typeof DeleteOrderRoute>, reply: ReplyOf<typeof DeleteOrderRoute>) {
    if (!await orders.remove(request.params.orderId)) throw new NotFoundError('Order')
    return reply.code(200).send()
  }
}

export default storeRoutes
