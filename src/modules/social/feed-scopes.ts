/**
 * Cache scopes of feed pages (fastify.cache). A page is built from its authors' sessions and from
 * the likes and comments on them, so it belongs to one scope per author; every write that changes
 * what an author's sessions look like in a feed bumps that author's scope. Who a viewer follows is
 * part of the page's key instead (feed-routes.ts), so follow changes need no bump.
 */
export const feedAuthorScope = (userId: number) => `feed-author:${userId}`
