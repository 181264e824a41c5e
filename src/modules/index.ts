import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { AttemptThrottle } from './auth/attempt-throttle.js'
import { createLoginThrottle } from './auth/context.js'
import authRoutes from './auth/routes.js'
import exerciseRoutes from './exercises/routes.js'
import workoutRoutes from './workouts/routes.js'
import sessionRoutes from './sessions/routes.js'
import logRoutes from './logs/routes.js'
import statsRoutes from './stats/routes.js'
import clientAccess from './coaching/client-access.js'
import gymRoutes from './coaching/gym-routes.js'
import trainerRoutes from './coaching/trainer-routes.js'
import linkRoutes from './coaching/link-routes.js'
import healthMetricRoutes from './health-metrics/routes.js'
import programRoutes from './programs/routes.js'
import petstore from './petstore/index.js'
import profileRoutes from './social/profile-routes.js'
import followRoutes from './social/follow-routes.js'
import imageRoutes from './social/image-routes.js'
import imageServeRoutes from './social/image-serve-routes.js'
import likeRoutes from './social/like-routes.js'
import commentRoutes from './social/comment-routes.js'
import notificationRoutes from './social/notification-routes.js'
import feedRoutes from './social/feed-routes.js'
import goalRoutes from './goals/routes.js'

export interface ModuleOptions {
  config: Config
  offline: boolean
  /** One per-account password-attempt budget for every route that checks a password. */
  loginThrottle: AttemptThrottle
}

/**
 * Every domain module. The auth routes hold both public (register, login) and protected routes
 * and draw their own boundary, as does the Petstore (its contract decides per operation);
 * everything else lives inside the authenticate boundary below.
 */
export default async function modules (app: FastifyInstance, { config, offline }: Pick<ModuleOptions, 'config' | 'offline'>) {
  const options: ModuleOptions = { config, offline, loginThrottle: createLoginThrottle(config, app) }
  await app.register(clientAccess)
  await app.register(authRoutes, { ...options, prefix: '/api/auth' })
  await app.register(petstore, { ...options, prefix: '/api/v3' })
  // Profile images are public (an <img> sends no token); a token, when sent, is checked there.
  await app.register(imageServeRoutes, { ...options, prefix: '/api/users' })

  await app.register(async function protectedApi (api) {
    api.addHook('onRequest', api.authenticate)
    await api.register(exerciseRoutes, { ...options, prefix: '/api/exercises' })
    await api.register(workoutRoutes, { ...options, prefix: '/api/workouts' })
    await api.register(sessionRoutes, { ...options, prefix: '/api/workout-sessions' })
    await api.register(logRoutes, { ...options, prefix: '/api/exercise-logs' })
    await api.register(statsRoutes, { ...options, prefix: '/api/stats' })
    await api.register(gymRoutes, { ...options, prefix: '/api/gyms' })
    await api.register(trainerRoutes, { ...options, prefix: '/api/trainers' })
    await api.register(linkRoutes, { ...options, prefix: '/api/coaching' })
    await api.register(healthMetricRoutes, { ...options, prefix: '/api/health-metrics' })
    await api.register(programRoutes, { ...options, prefix: '/api/programs' })
    await api.register(profileRoutes, { ...options, prefix: '/api/users' })
    await api.register(followRoutes, { ...options, prefix: '/api/users' })
    await api.register(imageRoutes, { ...options, prefix: '/api/users' })
    await api.register(likeRoutes, { ...options, prefix: '/api' })
    await api.register(commentRoutes, { ...options, prefix: '/api' })
    await api.register(notificationRoutes, { ...options, prefix: '/api/notifications' })
    await api.register(feedRoutes, { ...options, prefix: '/api/feed' })
    await api.register(goalRoutes, { ...options, prefix: '/api/goals' })
  })
}
