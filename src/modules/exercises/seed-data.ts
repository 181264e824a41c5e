import { athletic } from './seed-data/athletic.js'
import { cardio } from './seed-data/cardio.js'
import { mobility } from './seed-data/mobility.js'
import { strengthArmsCore } from './seed-data/strength-arms-core.js'
import { strengthLower } from './seed-data/strength-lower.js'
import { strengthUpper } from './seed-data/strength-upper.js'

export type { SeedExercise } from './seed-data/define.js'

/** The starter library, loaded on first start and by `npm run cli -- seed`. */
export const SEED_EXERCISES = [...strengthUpper, ...strengthArmsCore, ...strengthLower, ...cardio, ...mobility, ...athletic]
