import { Type, type TSchema } from '@sinclair/typebox'
import { ErrorResponse } from '../../schemas/common.js'
import {
  ApiKeyHeader, ApiResponse, ImageParams, Inventory, LoginQuery, Order, OrderIdParams, OrderIn, Pet, PetFormQuery, PetIdParams, PetIn,
  PetList, StatusQuery, TagsQuery, TokenForm, TokenReply, UploadQuery, User, UserIn, UserList, UsernameParams
} from './schemas.js'

// The main document (/api/schema) describes the Petstore's operations too, under its own tags.
const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ErrorResponse]))
const Empty = Type.Unsafe<undefined>({ description: 'No content (an empty body)' })
const read = [{ petstore_auth: ['read:pets'] }]
const write = [{ petstore_auth: ['write:pets'] }]
const account: Array<Record<string, string[]>> = [{ petstore_auth: [] }, { api_key: [] }]
// Any operation refuses a body type it does not take (415) and an Accept it cannot answer (406).
const op = <P extends { response: Record<number, TSchema> }>(operationId: string, tag: string, summary: string, parts: P) =>
  ({ operationId, tags: [tag], summary, ...parts, response: { ...errors(406, 415), ...parts.response } })

export const UpdatePetRoute = op('updatePet', 'pet', 'Update an existing pet (by the id in the body)', {
  security: write, body: PetIn, response: { 200: Pet, ...errors(401, 403, 404, 409, 422) }
})
export const AddPetRoute = op('addPet', 'pet', 'Add a new pet to the store', { security: write, body: PetIn, response: { 200: Pet, ...errors(401, 403, 409, 422) } })
export const FindByStatusRoute = op('findPetsByStatus', 'pet', 'Finds pets by status (default available; repeat or comma-separate)', {
  security: read, querystring: StatusQuery, response: { 200: PetList, ...errors(401, 403) }
})
export const FindByTagsRoute = op('findPetsByTags', 'pet', 'Finds pets having any of the tags, each pet once', {
  security: read, querystring: TagsQuery, response: { 200: PetList, ...errors(401, 403) }
})
export const GetPetRoute = op('getPetById', 'pet', 'Find pet by ID', {
  security: [{ api_key: [] }, ...read], params: PetIdParams, response: { 200: Pet, ...errors(401, 403, 404) }
})
export const UpdatePetWithFormRoute = op('updatePetWithForm', 'pet', 'Updates a pet\'s name and/or status', {
  security: write, params: PetIdParams, querystring: PetFormQuery, response: { 200: Pet, ...errors(401, 403, 404) }
})
export const DeletePetRoute = op('deletePet', 'pet', 'Deletes a pet (409 while orders refer to it)', {
  security: write, params: PetIdParams, headers: ApiKeyHeader, response: { 200: Empty, ...errors(401, 403, 404, 409) }
})
export const UploadFileRoute = op('uploadFile', 'pet', 'Uploads an image (PNG, JPEG, GIF or WebP, at most 5 MiB); its URL is appended to photoUrls', {
  security: write, params: PetIdParams, querystring: UploadQuery, response: { 200: ApiResponse, ...errors(401, 403, 404, 409) }
})
export const GetImageRoute = op('getPetImage', 'pet', 'An uploaded image, as stored (public, so photoUrls work anywhere)', {
  security: [], params: ImageParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PNG, JPEG, GIF or WebP' }), 404: ErrorResponse }
})

export const InventoryRoute = op('getInventory', 'store', 'Returns pet inventories by status (every status listed)', {
  security: [{ api_key: [] }], response: { 200: Inventory, ...errors(401) }
})
export const PlaceOrderRoute = op('placeOrder', 'store', 'Place an order for an available pet (the pet becomes pending)', {
  security: [], body: OrderIn, response: { 200: Order, ...errors(409, 422) }
})
export const GetOrderRoute = op('getOrderById', 'store', 'Find purchase order by ID', { security: [], params: OrderIdParams, response: { 200: Order, ...errors(404) } })
export const DeleteOrderRoute = op('deleteOrder', 'store', 'Delete purchase order by ID (an unsettled order frees its pet)', {
  security: [], params: OrderIdParams, response: { 200: Empty, ...errors(404) }
})

export const CreateUserRoute = op('createUser', 'user', 'Create an account (it logs in here and at /api/auth/login)', {
  security: [], body: UserIn, response: { 200: User, ...errors(409, 422) }
})
export const CreateUsersRoute = op('createUsersWithListInput', 'user', 'Create several accounts, all or none; answers the last one', {
  security: [], body: UserList, response: { 200: User, ...errors(409, 422) }
})
export const LoginUserRoute = op('loginUser', 'user', 'Logs in; the body is a token carrying read:pets and write:pets', {
  security: [], querystring: LoginQuery, response: { 200: Type.String({ description: 'The token' }) }
})
export const LogoutUserRoute = op('logoutUser', 'user', 'Revokes the token sent with the request (if any)', { security: [], response: { 200: Empty } })
export const GetUserRoute = op('getUserByName', 'user', 'Get user by user name (email and phone only for that user or an admin)', {
  security: [], params: UsernameParams, response: { 200: User, ...errors(404) }
})
export const UpdateUserRoute = op('updateUser', 'user', 'Update a user: that user or an admin', {
  security: account, params: UsernameParams, body: UserIn, response: { 200: Empty, ...errors(401, 403, 404, 409, 422) }
})
export const DeleteUserRoute = op('deleteUser', 'user', 'Delete a user: that user or an admin', {
  security: account, params: UsernameParams, response: { 200: Empty, ...errors(401, 403, 404) }
})

const OAuthError = Type.Object({ ...ErrorResponse.properties, error_description: Type.String() }, { title: 'OAuthError' })
export const TokenRoute = op('oauthToken', 'user', 'OAuth2 token endpoint, password grant (RFC 6749 §4.3); scopes read:pets, write:pets', {
  security: [], body: TokenForm, response: { 200: TokenReply, 400: OAuthError, 401: OAuthError }
})
