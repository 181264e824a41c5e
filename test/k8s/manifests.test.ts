import { readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { parseAllDocuments } from 'yaml'
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret'
import { Service, type IService } from 'kubernetes-models/v1/Service'
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment'
import { Ingress, type IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress'
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import type { IContainer } from 'kubernetes-models/v1/Container'
import type { IProbe } from 'kubernetes-models/v1/Probe'
import { EnvSchema, loadConfig } from '../../src/config.js'

// Validates k8s/*.yaml against the Kubernetes OpenAPI schemas (kubernetes-models) and checks
// the facts that tie the files to each other and to the app. The schemas accept unknown
// fields (as `kubectl apply --validate=false` would), so the cross-file checks below are
// what catches a misspelt probe or security field: each asserts the field it relies on.

const dir = new URL('../../k8s/', import.meta.url)
const APP = 'workout-api'

interface ModelClass {
  apiVersion: string
  kind: string
  new (data: never): { validate: () => void }
}
const models: ModelClass[] = [ConfigMap, Secret, Service, Deployment, Ingress, HorizontalPodAutoscaler, PodDisruptionBudget]
const modelFor = new Map(models.map((model) => [`${model.apiVersion} ${model.kind}`, model]))

interface Manifest { file: string, kind: string, apiVersion: string, metadata?: { name?: string, namespace?: string, labels?: Record<string, string> } }
const manifests: Manifest[] = []

const files = readdirSync(dir).filter((name) => /^[^.].*\.ya?ml$/.test(name)).sort()

t.test('every k8s/*.yaml document is a valid Kubernetes object of a known kind', async (t) => {
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(new URL(file, dir), 'utf8'))
    for (const doc of docs) {
      t.same(doc.errors.map((error) => error.message), [], `${file} parses as YAML`)
      const obj = doc.toJS() as Manifest | null
      if (obj === null) continue
      const Model = modelFor.get(`${obj.apiVersion} ${obj.kind}`)
      if (!Model) {
        t.fail(`${file}: unknown kind ${obj.apiVersion} ${obj.kind}; add its model to this test`)
        continue
      }
      t.doesNotThrow(() => new Model(obj as never).validate(), `${file}: ${obj.kind} matches the ${obj.apiVersion} schema`)
      t.ok(obj.metadata?.name, `${file}: has a name`)
      t.equal(obj.metadata?.labels?.['app.kubernetes.io/name'], APP, `${file}: labelled app.kubernetes.io/name=${APP}`)
      t.notOk(obj.metadata?.namespace, `${file}: namespace-less, chosen at apply time`)
      manifests.push({ ...obj, file })
    }
  }
  t.equal(manifests.length, files.length, 'one resource per file')
  t.same(manifests.map((m) => m.kind).sort(), models.map((m) => m.kind).sort(), 'one of each expected kind')
})

t.test('the schema validation rejects a broken object', async (t) => {
  const deployment = only<IDeployment>('Deployment')
  const broken = structuredClone(deployment) as unknown as { spec: { replicas: unknown, template: { spec: { containers: unknown } } } }
  broken.spec.replicas = 'three'
  t.throws(() => new Deployment(broken as never).validate(), 'a string replica count fails')
  delete broken.spec.template.spec.containers
  t.throws(() => new Deployment(broken as never).validate(), 'a pod without containers fails')
})

function only<T> (kind: string): T {
  const found = manifests.filter((manifest) => manifest.kind === kind)
  if (found.length !== 1) throw new Error(`expected exactly one ${kind} in k8s/, found ${found.length}`)
  return found[0] as unknown as T
}

function appContainer (deployment: IDeployment): IContainer {
  const containers = deployment.spec?.template.spec?.containers ?? []
  const container = containers.find((c) => c.name === APP) ?? containers[0]
  if (!container) throw new Error('the Deployment has no container')
  return container
}

/** The container port number a probe or Service refers to, by number or by port name. */
function resolvePort (container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port
  return container.ports?.find((p) => p.name === port)?.containerPort
}

/** Seconds a preStop hook waits: the `sleep` action or an exec of `sleep N`. */
function preStopSeconds (container: IContainer): number {
  const preStop = container.lifecycle?.preStop
  if (preStop?.sleep) return preStop.sleep.seconds
  const command = preStop?.exec?.command ?? []
  const match = /^(?:\S*\/)?sleep\s+(\d+)$/.exec(command.join(' ').replace(/^\S*sh -c /, '').trim())
  return match ? Number(match[1]) : 0
}

t.test('cross-file facts', async (t) => {
  const configMap = only<IConfigMap>('ConfigMap')
  const secret = only<ISecret>('Secret')
  const deployment = only<IDeployment>('Deployment')
  const service = only<IService>('Service')
  const ingress = only<IIngress>('Ingress')
  const hpa = only<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler')
  const pdb = only<IPodDisruptionBudget>('PodDisruptionBudget')
  const pod = deployment.spec?.template.spec
  const container = appContainer(deployment)
  const podLabels = deployment.spec?.template.metadata?.labels ?? {}
  const env = configMap.data ?? {}
  const envNames = new Set(Object.keys(EnvSchema.properties))

  t.test('configmap and secret hold only variables the app reads, with valid values', async (t) => {
    for (const key of Object.keys(env)) t.ok(envNames.has(key), `configmap key ${key} is in EnvSchema`)
    const secretKeys = [...Object.keys(secret.stringData ?? {}), ...Object.keys(secret.data ?? {})]
    t.ok(secretKeys.includes('DATABASE_URL') && secretKeys.includes('MONGODB_URL'), 'secret has both database URLs')
    for (const key of secretKeys) t.ok(envNames.has(key), `secret key ${key} is in EnvSchema`)
    const config = loadConfig({ ...env, ...secret.stringData })
    t.equal(config.NODE_ENV, 'production')
    t.ok(/^\/tmp(\/|$)/.test(config.DATA_DIR), 'DATA_DIR is on the writable /tmp volume')
    const envFrom = container.envFrom ?? []
    t.ok(envFrom.some((source) => source.configMapRef?.name === configMap.metadata?.name), 'container loads the configmap')
    t.ok(envFrom.some((source) => source.secretRef?.name === secret.metadata?.name), 'container loads the secret')
  })

  t.test('probes hit the health routes on the container port', async (t) => {
    const port = loadConfig(env).PORT
    t.equal(resolvePort(container, 'http'), port, 'container port "http" is PORT from the configmap')
    const probe = (name: string, p: IProbe | undefined, path: string) => {
      t.equal(p?.httpGet?.path, path, `${name} → ${path}`)
      t.equal(resolvePort(container, p?.httpGet?.port), port, `${name} on port ${port}`)
    }
    probe('livenessProbe', container.livenessProbe, '/api/health')
    probe('readinessProbe', container.readinessProbe, '/api/health/ready')
    probe('startupProbe', container.startupProbe, '/api/health')
    const startup = container.startupProbe ?? {}
    t.ok((startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3) >= 60, 'startup allows ≥ 60 s for migrations')
  })

  t.test('service, ingress, hpa and pdb point at the deployment', async (t) => {
    t.same(deployment.spec?.selector.matchLabels, { 'app.kubernetes.io/name': APP }, 'deployment selector')
    t.match(podLabels, deployment.spec?.selector.matchLabels ?? {}, 'pod labels match the deployment selector')
    t.match(podLabels, service.spec?.selector ?? {}, 'service selects the pods')
    t.match(podLabels, pdb.spec?.selector?.matchLabels ?? {}, 'pdb selects the pods')
    const servicePort = service.spec?.ports?.[0]
    t.equal(service.spec?.type, 'ClusterIP')
    t.equal(servicePort?.port, 80)
    t.equal(resolvePort(container, servicePort?.targetPort), container.ports?.[0]?.containerPort, 'targetPort is the container port')
    const backend = ingress.spec?.rules?.[0]?.http?.paths[0]?.backend.service
    t.equal(backend?.name, service.metadata?.name, 'ingress → service')
    t.ok(backend?.port?.name === servicePort?.name || backend?.port?.number === servicePort?.port, 'ingress → service port')
    t.ok(ingress.spec?.tls?.length, 'ingress terminates TLS')
    t.same(hpa.spec?.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata?.name }, 'hpa → deployment')
    t.equal(hpa.spec?.minReplicas, 3)
    t.equal(hpa.spec?.maxReplicas, 10)
    t.equal(pdb.spec?.minAvailable, 2)
    t.ok((hpa.spec?.minReplicas ?? 0) > Number(pdb.spec?.minAvailable), 'the pdb still allows one disruption at minimum scale')
    t.equal(deployment.spec?.strategy?.rollingUpdate?.maxUnavailable, 0, 'rolling update never drops below the desired count')
  })

  t.test('Prometheus finds /metrics on the metrics port, which only the pod network reaches', async (t) => {
    const config = loadConfig(env)
    t.equal(config.METRICS_ENABLED, true, 'metrics are on')
    t.not(config.METRICS_PORT, config.PORT, 'metrics listen apart from the public port')
    t.equal(resolvePort(container, 'metrics'), config.METRICS_PORT, 'container port "metrics" is METRICS_PORT')
    const annotations = deployment.spec?.template.metadata?.annotations ?? {}
    t.same({ scrape: annotations['prometheus.io/scrape'], port: annotations['prometheus.io/port'], path: annotations['prometheus.io/path'] },
      { scrape: 'true', port: String(config.METRICS_PORT), path: '/metrics' }, 'pod template annotations')
    for (const port of service.spec?.ports ?? []) {
      t.not(resolvePort(container, port.targetPort), config.METRICS_PORT, `service port ${port.name} does not reach the metrics listener`)
    }
  })

  t.test('graceful shutdown fits in the termination grace period', async (t) => {
    const config = loadConfig(env)
    const graceSeconds = config.SHUTDOWN_GRACE_MS / 1000
    t.ok(config.SHUTDOWN_DRAIN_MS < config.SHUTDOWN_GRACE_MS, 'the drain ends before the hard deadline, leaving time to close the databases')
    t.equal(container.livenessProbe?.failureThreshold, 3, 'liveness restarts after 3 failures (it is never shed)')
    const sleep = preStopSeconds(container)
    t.ok(sleep >= 1, `preStop waits ${sleep} s for endpoint removal`)
    t.ok((pod?.terminationGracePeriodSeconds ?? 30) >= graceSeconds + sleep,
      `terminationGracePeriodSeconds ${pod?.terminationGracePeriodSeconds} ≥ ${graceSeconds} + ${sleep}`)
  })

  t.test('the pod runs hardened', async (t) => {
    const podSecurity = pod?.securityContext ?? {}
    const security = container.securityContext ?? {}
    t.equal(security.runAsNonRoot ?? podSecurity.runAsNonRoot, true, 'runAsNonRoot')
    t.equal(security.runAsUser ?? podSecurity.runAsUser, 1000, 'runs as the image\'s node user')
    t.equal(security.readOnlyRootFilesystem, true, 'readOnlyRootFilesystem')
    t.equal(security.allowPrivilegeEscalation, false, 'allowPrivilegeEscalation')
    t.same(security.capabilities?.drop, ['ALL'], 'drops all capabilities')
    t.equal((security.seccompProfile ?? podSecurity.seccompProfile)?.type, 'RuntimeDefault', 'seccomp')
    const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp')
    const volume = pod?.volumes?.find((v) => v.name === tmp?.name)
    t.ok(volume?.emptyDir, '/tmp is a writable emptyDir')
    const resources = container.resources ?? {}
    for (const key of ['cpu', 'memory']) {
      t.ok(resources.requests?.[key] && resources.limits?.[key], `${key} request and limit are set`)
    }
  })
})
