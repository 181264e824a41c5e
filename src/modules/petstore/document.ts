import { officialDocument } from './contract/official.js'

interface Operation { security?: Array<Record<string, string[]>>, [key: string]: unknown }
interface ServedDocument {
  servers: Array<{ url: string, description?: string }>
  paths: Record<string, Record<string, Operation>>
  components: { securitySchemes: Record<string, unknown>, [key: string]: unknown }
  [key: string]: unknown
}

const withoutRouterExtensions = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutRouterExtensions)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-swagger-router-')).map(([key, field]) => [key, withoutRouterExtensions(field)]))
}

/**
 * The official document as this deployment serves it at /api/v3/openapi.json: the same paths,
 * operations, parameters and schemas; `servers` and the security schemes describe this server
 * (OAuth2 password flow at its own token URL, so Swagger UI's Authorize works), and the user
 * update/delete operations name the credentials they require here.
 */
export function servedDocument (origin: string): ServedDocument {
  const document = withoutRouterExtensions(structuredClone(officialDocument)) as ServedDocument
  document.servers = [{ url: `${origin}/api/v3`, description: 'This deployment' }]
  document.components.securitySchemes = {
    petstore_auth: {
      type: 'oauth2',
      description: 'Bearer tokens carrying scopes: from the password grant below, GET /user/login (both scopes) or POST /api/auth/tokens.',
      flows: {
        password: {
          tokenUrl: `${origin}/api/v3/oauth/token`,
          scopes: { 'write:pets': 'modify pets in your account', 'read:pets': 'read your pets' }
        }
      }
    },
    api_key: { type: 'apiKey', name: 'api_key', in: 'header', description: 'Any token of the account (e.g. minted with POST /api/auth/tokens)' }
  }
  const account: Array<Record<string, string[]>> = [{ petstore_auth: [] }, { api_key: [] }]
  document.paths['/user/{username}'].put.security = account
  document.paths['/user/{username}'].delete.security = account
  return document
}
