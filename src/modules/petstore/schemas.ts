import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { BoundedInteger, DateTime, StringEnum } from '../../schemas/common.js'
import { Email, Username } from '../auth/schemas.js'

/**
 * The Petstore contract's shapes (OpenAPI 3.0 document, components/schemas). Ids are int64 in the
 * database; the API takes those a JSON number carries exactly (≤ 2^53 − 1). In request bodies an id
 * of 0 means "none" (clients generated with non-nullable integers send it): the server assigns one.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER
export const PET_STATUSES = ['available', 'pending', 'sold'] as const
export const ORDER_STATUSES = ['placed', 'approved', 'delivered'] as const
export type PetStatus = typeof PET_STATUSES[number]

const Id = (description: string) => BoundedInteger(1, MAX_ID, { description })
const IdOrZero = BoundedInteger(0, MAX_ID, { description: 'int64; 0 or absent: assigned by the server' })
const Int32 = (minimum: number, description: string) => BoundedInteger(minimum, 2_147_483_647, { description })
const Name = Type.String({ minLength: 1, maxLength: 200 })
const Text = (maxLength: number) => Type.String({ maxLength })
const closed = <T extends Record<string, TSchema>>(properties: T, title: string) => Type.Object(properties, { additionalProperties: false, title })

export const CategoryIn = closed({ id: Type.Optional(IdOrZero), name: Type.Optional(Name) }, 'PetstoreCategoryInput')
export const TagIn = closed({ id: Type.Optional(IdOrZero), name: Type.Optional(Name) }, 'PetstoreTagInput')
export const PetIn = closed({
  id: Type.Optional(IdOrZero),
  name: Name,
  category: Type.Optional(CategoryIn),
  photoUrls: Type.Array(Text(2048), { maxItems: 50 }),
  tags: Type.Optional(Type.Array(TagIn, { maxItems: 20 })),
  status: Type.Optional(StringEnum(PET_STATUSES, { description: 'pet status in the store; default available' }))
}, 'PetstorePetInput')
export type PetInput = Static<typeof PetIn>

const Category = Type.Object({ id: Id('int64'), name: Type.Optional(Type.String()) }, { title: 'PetstoreCategory' })
const Tag = Type.Object({ id: Id('int64'), name: Type.Optional(Type.String()) }, { title: 'PetstoreTag' })
export const Pet = Type.Object({
  id: Id('int64'),
  name: Type.String(),
  category: Type.Optional(Category),
  photoUrls: Type.Array(Type.String()),
  tags: Type.Array(Tag),
  status: StringEnum(PET_STATUSES)
}, { title: 'PetstorePet' })
export type PetType = Static<typeof Pet>
export const PetList = Type.Array(Pet)

export const OrderIn = closed({
  id: Type.Optional(IdOrZero),
  petId: Type.Optional(IdOrZero),
  quantity: Type.Optional(Int32(-2_147_483_648, 'int32; at least 1, default 1')),
  shipDate: Type.Optional(DateTime),
  status: Type.Optional(StringEnum(ORDER_STATUSES, { description: 'Order Status; default placed' })),
  complete: Type.Optional(Type.Boolean())
}, 'PetstoreOrderInput')
export type OrderInput = Static<typeof OrderIn>
export const Order = Type.Object({
  id: Id('int64'),
  petId: Id('int64'),
  quantity: Type.Integer(),
  shipDate: Type.Optional(Type.String({ format: 'date-time' })),
  status: StringEnum(ORDER_STATUSES),
  complete: Type.Boolean()
}, { title: 'PetstoreOrder' })
export type OrderType = Static<typeof Order>

const Password = Type.String({ minLength: 1, maxLength: 256, description: 'Write only: never shown. New passwords: 8–256 characters' })
export const UserIn = closed({
  id: Type.Optional(IdOrZero),
  username: Type.Optional(Username),
  firstName: Type.Optional(Text(150)),
  lastName: Type.Optional(Text(150)),
  email: Type.Optional(Email),
  password: Type.Optional(Password),
  phone: Type.Optional(Text(50)),
  userStatus: Type.Optional(Int32(-2_147_483_648, 'int32'))
}, 'PetstoreUserInput')
export type UserInput = Static<typeof UserIn>
export const UserList = Type.Array(UserIn, { minItems: 1, maxItems: 50 })
export const User = Type.Object({
  id: Id('int64'),
  username: Type.String(),
  firstName: Type.Optional(Type.String()),
  lastName: Type.Optional(Type.String()),
  email: Type.Optional(Type.String({ description: 'Shown to the user and admins only' })),
  phone: Type.Optional(Type.String({ description: 'Shown to the user and admins only' })),
  userStatus: Type.Optional(Type.Integer())
}, { title: 'PetstoreUser' })
export type UserType = Static<typeof User>

export const ApiResponse = Type.Object({ code: Type.Integer(), type: Type.String(), message: Type.String() }, { title: 'PetstoreApiResponse' })
export const Inventory = Type.Object(Object.fromEntries(PET_STATUSES.map((status) => [status, Type.Integer({ minimum: 0 })])), {
  title: 'PetstoreInventory', description: 'Pets per status; every status is listed'
})

export const PetIdParams = Type.Object({ petId: Id('ID of pet (int64)') })
export const OrderIdParams = Type.Object({ orderId: Id('ID of the order (int64)') })
export const UsernameParams = Type.Object({ username: Username })
export const ImageParams = Type.Object({ petId: Id('ID of pet (int64)'), imageId: Id('ID of the image') })

// Several values: repeated (?status=a&status=b, the contract's explode: true) or comma-separated.
const StatusList = Type.String({ pattern: `^(${PET_STATUSES.join('|')})(,(${PET_STATUSES.join('|')}))*$`, maxLength: 100 })
export const StatusQuery = Type.Object({
  status: Type.Optional(Type.Array(StatusList, { maxItems: 3, default: ['available'], description: 'available (default), pending, sold; repeat or comma-separate' }))
}, { additionalProperties: false })
export const TagsQuery = Type.Object({
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20, description: 'Tag names; repeat or comma-separate; at least one' }))
}, { additionalProperties: false })
export const PetFormQuery = Type.Object({ name: Type.Optional(Name), status: Type.Optional(StringEnum(PET_STATUSES)) }, { additionalProperties: false })
export const UploadQuery = Type.Object({ additionalMetadata: Type.Optional(Text(1000)) }, { additionalProperties: false })
export const LoginQuery = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 254 })),
  password: Type.Optional(Type.String({ maxLength: 256 }))
}, { additionalProperties: false })
export const ApiKeyHeader = Type.Object({ api_key: Type.Optional(Type.String({ maxLength: 200 })) })

export const TokenForm = Type.Object({
  grant_type: Type.String({ maxLength: 50 }),
  username: Type.Optional(Type.String({ maxLength: 254 })),
  password: Type.Optional(Type.String({ maxLength: 256 })),
  scope: Type.Optional(Type.String({ maxLength: 200 })),
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  client_secret: Type.Optional(Type.String({ maxLength: 200 }))
}, { additionalProperties: false })
export const TokenReply = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer({ description: 'Seconds' }),
  scope: Type.String()
})
