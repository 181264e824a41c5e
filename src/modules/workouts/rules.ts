/** Assumed working time of one set, in seconds, when estimating a workout's duration. */
export const WORK_SECONDS_PER_SET = 45

export interface FieldProblem { field: string, message: string }

interface PlannedExercise {
  order: number
  target_reps_min?: number | null
  target_reps_max?: number | null
}

/** Σ sets × (work + rest), rounded up to whole minutes; 0 for an empty workout. */
export function estimateDurationMinutes (exercises: ReadonlyArray<{ target_sets: number, rest_seconds: number }>): number {
  const seconds = exercises.reduce((sum, item) => sum + item.target_sets * (WORK_SECONDS_PER_SET + item.rest_seconds), 0)
  return Math.ceil(seconds / 60)
}

/** What the schema cannot say about the exercise list: unique orders, and a reps range the right way round. */
export function exerciseListProblems (exercises: readonly PlannedExercise[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const firstWithOrder = new Map<number, number>()
  exercises.forEach((item, index) => {
    const earlier = firstWithOrder.get(item.order)
    if (earlier === undefined) firstWithOrder.set(item.order, index)
    else problems.push({ field: `body/exercises/${index}/order`, message: `duplicates the order of exercise ${earlier}` })
    const { target_reps_min: min, target_reps_max: max } = item
    if (min != null && max != null && max < min) {
      problems.push({ field: `body/exercises/${index}/target_reps_max`, message: 'must be greater than or equal to target_reps_min' })
    }
  })
  return problems
}

/** What a referenced exercise looks like to the workout's owner; undefined when it does not exist. */
export interface ReferencedExercise { visible: boolean, is_custom: boolean }

/**
 * Every referenced exercise must be visible to the owner; a public workout may use only library
 * exercises, because custom exercises are private to their creator and other users could
 * neither read nor log them. `fieldOf` names the field a problem is reported on.
 */
export function referenceProblems (
  ids: readonly string[],
  found: ReadonlyMap<string, ReferencedExercise>,
  isPublic: boolean,
  fieldOf: (index: number) => string
): FieldProblem[] {
  const problems: FieldProblem[] = []
  ids.forEach((id, index) => {
    const exercise = found.get(id)
    if (!exercise || !exercise.visible) problems.push({ field: fieldOf(index), message: `Invalid pk "${id}" - object does not exist.` })
    else if (isPublic && exercise.is_custom) problems.push({ field: fieldOf(index), message: 'is a custom exercise; a public workout may use library exercises only' })
  })
  return problems
}

/** Tags compare case-insensitively: stored trimmed, lower-case, once each, in the order given. */
export const normalizeTags = (tags: readonly string[]): string[] => [...new Set(tags.map((tag) => tag.trim().toLowerCase()))]

/** `?tags=a,b` → the workouts must carry all of them. */
export const tagsFromQuery = (value: string): string[] => normalizeTags(value.split(',').filter((tag) => tag.trim() !== ''))

/** The default name of a copy, kept within the name's maximum length. */
export function copyName (name: string, maxLength: number): string {
  const suffix = ' (copy)'
  return name.slice(0, maxLength - suffix.length).trimEnd() + suffix
}
