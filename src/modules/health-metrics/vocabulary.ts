/**
 * The health-metric vocabulary: each fixed type with its canonical unit and the range a value must
 * fall in to be plausible, plus custom types (`custom:<slug>`) that bring their own unit. A leaf
 * file: the schemas (descriptions), the rules (checks) and docs/health-metrics.md all read it.
 */
export interface MetricKind {
  unit: string
  min: number
  max: number
  /** Whole numbers only (steps). */
  integer?: boolean
  label: string
}

export const METRIC_TYPES = {
  body_weight: { unit: 'kg', min: 20, max: 500, label: 'body weight' },
  body_fat: { unit: '%', min: 2, max: 75, label: 'body fat' },
  resting_heart_rate: { unit: 'bpm', min: 20, max: 250, label: 'resting heart rate' },
  hrv: { unit: 'ms', min: 1, max: 500, label: 'heart-rate variability' },
  sleep: { unit: 'h', min: 0, max: 24, label: 'sleep in one night or day' },
  steps: { unit: 'count', min: 0, max: 200_000, integer: true, label: 'steps in one day' },
  blood_pressure: { unit: 'mmHg', min: 50, max: 300, label: 'blood pressure: value is the systolic pressure' },
  vo2max: { unit: 'ml/kg/min', min: 10, max: 100, label: 'VO2max' },
  waist: { unit: 'cm', min: 30, max: 300, label: 'waist circumference' }
} as const satisfies Record<string, MetricKind>

export type FixedMetricType = keyof typeof METRIC_TYPES
export const FIXED_TYPES = Object.keys(METRIC_TYPES) as FixedMetricType[]

/** Diastolic pressure of a blood_pressure point (mmHg); it must also be below the systolic value. */
export const DIASTOLIC = { min: 20, max: 200 } as const

/** Custom types: `custom:` and a lower-case slug. */
export const CUSTOM_PREFIX = 'custom:'
export const CUSTOM_SLUG = '[a-z0-9][a-z0-9_-]{0,47}'
/** A custom metric's value: anything finite a person may track, within what every store keeps exactly. */
export const CUSTOM_RANGE = { min: -1_000_000_000, max: 1_000_000_000 } as const

export const isFixedType = (type: string): type is FixedMetricType => Object.hasOwn(METRIC_TYPES, type)
export const isCustomType = (type: string) => new RegExp(`^${CUSTOM_PREFIX}${CUSTOM_SLUG}$`).test(type)

/** One line per fixed type, for OpenAPI descriptions and the docs. */
export const vocabularyLines = () =>
  FIXED_TYPES.map((type) => {
    const { unit, min, max, label } = METRIC_TYPES[type] as MetricKind
    return `${type} (${label}): ${unit}, ${min}–${max}`
  })
