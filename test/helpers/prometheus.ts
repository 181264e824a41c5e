// A strict reader of the Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). It throws on the first line that
// breaks the grammar, a sample before its family's TYPE, or a histogram whose buckets are not
// cumulative or whose +Inf bucket differs from its _count.

export interface Sample { name: string, labels: Record<string, string>, value: number }

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\["\\\\n])*"'
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}`
// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan").
const VALUE = '-?[0-9]+(?:\\.[0-9]+)?(?:e[+-]?[0-9]+)?|[Nn][Aa][Nn]|[+-][Ii][Nn][Ff]'
const HELP = new RegExp(`^# HELP (${NAME}) .*$`)
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`)
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(${LABEL}(?:,${LABEL})*),?\\})? (${VALUE})(?: -?[0-9]+)?$`)
const LABEL_PAIR = new RegExp(`([a-zA-Z_][a-zA-Z0-9_]*)=(${LABEL_VALUE})`, 'g')
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['', '_sum', '_count'] }

function familyOf (name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name
  for (const [family, type] of types) {
    if ((SUFFIXES[type] ?? []).some((suffix) => suffix !== '' && name === family + suffix)) return family
  }
}

function checkHistograms (samples: Sample[], types: Map<string, string>): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue
    const series = new Map<string, number[]>()
    for (const sample of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le, ...rest } = sample.labels
      const key = JSON.stringify(rest)
      series.set(key, [...(series.get(key) ?? []), sample.value])
      if (le === '+Inf') {
        const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(s.labels) === key)
        if (count?.value !== sample.value) throw new Error(`${family}${key}: +Inf bucket ${sample.value} ≠ _count ${count?.value}`)
      }
    }
    for (const [key, counts] of series) {
      if (counts.some((count, i) => i > 0 && count < counts[i - 1])) throw new Error(`${family}${key}: buckets not cumulative`)
    }
  }
}

export function parsePrometheusText (text: string): Sample[] {
  const types = new Map<string, string>()
  const samples: Sample[] = []
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '' || HELP.test(line)) continue
    const type = TYPE.exec(line)
    if (type) {
      types.set(type[1], type[2])
      continue
    }
    const sample = SAMPLE.exec(line)
    if (!sample) throw new Error(`line ${index + 1} is not Prometheus text: ${line}`)
    const [, name, labelText = '', value] = sample
    if (!familyOf(name, types)) throw new Error(`line ${index + 1}: ${name} has no TYPE before it`)
    const labels = Object.fromEntries([...labelText.matchAll(LABEL_PAIR)].map(([, key, quoted]) => [key, JSON.parse(quoted) as string]))
    samples.push({ name, labels, value: Number(value.replace(/inf$/i, 'Infinity').replace(/^nan$/i, 'NaN')) })
  }
  checkHistograms(samples, types)
  return samples
}

/** The value of the first sample named `name` whose labels include `labels`. */
export function valueOf (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value
}
