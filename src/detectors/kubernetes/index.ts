/**
 * Kubernetes manifests (multi-document YAML with `apiVersion` and `kind`), kustomizations and Helm charts, read as
 * text: workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) with each container's image, ports,
 * environment variable NAMES and the ConfigMaps and Secrets it reads; Services with their ports; Ingress hosts and
 * paths; kustomization resources; Helm chart names and the image in values.yaml. Helm templates are Go templates,
 * not YAML: they are counted with their chart, not parsed.
 */
import { isComposeName } from '../../scan/file-kinds.js';
import { redactFacts, redactText } from '../../secrets/outbound.js';
import path from 'node:path';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, parseYamlDocuments, scalar, strings, type YamlNode } from '../../scan/yaml.js';
import { redactSecrets } from '../../secrets/redact.js';
import { problemFacts } from '../shared/parse-problems.js';
import { isBuildOrVendor, isTestFile } from '../shared/source-scope.js';

export interface K8sContainer {
  readonly name: string;
  readonly image?: string;
  readonly ports: readonly string[];
  /** `env[].name` (values never kept). */
  readonly env: readonly string[];
  /** ConfigMaps and Secrets read through `envFrom` or `valueFrom`. */
  readonly configMaps: readonly string[];
  readonly secrets: readonly string[];
  readonly command?: string;
}

export interface K8sResourceData {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly containers: readonly K8sContainer[];
  /** CronJob schedule. */
  readonly schedule?: string;
  /** Service type and `port→targetPort` pairs; Ingress `host/path → service`. */
  readonly serviceType?: string;
  readonly ports: readonly string[];
  readonly routes: readonly string[];
}

export interface HelmChartData {
  readonly file: string;
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  /** `image.repository[:tag]` from the chart's values.yaml. */
  readonly image?: string;
  readonly templates: number;
}

export interface KustomizationData {
  readonly file: string;
  readonly resources: readonly string[];
  readonly images: readonly string[];
}

export type K8sResourceFact = Fact<'k8s.resource', K8sResourceData>;
export type HelmChartFact = Fact<'k8s.helmChart', HelmChartData>;
export type KustomizationFact = Fact<'k8s.kustomization', KustomizationData>;

const YAML = /\.ya?ml$/;
const NOT_MANIFEST = /(^|\/)(\.github|\.gitlab|\.circleci)\/|(^|\/)(pnpm-workspace|pnpm-lock|\.gitlab-ci|serverless|openapi|swagger)\.ya?ml$/;
const KUSTOMIZATION = /(^|\/)kustomization\.ya?ml$/;
const CHART = /(^|\/)Chart\.ya?ml$/;
const WORKLOADS: Readonly<Record<string, (doc: YamlNode) => YamlNode | undefined>> = {
  Deployment: (d) => get(get(get(d, 'spec'), 'template'), 'spec'),
  StatefulSet: (d) => get(get(get(d, 'spec'), 'template'), 'spec'),
  DaemonSet: (d) => get(get(get(d, 'spec'), 'template'), 'spec'),
  ReplicaSet: (d) => get(get(get(d, 'spec'), 'template'), 'spec'),
  Job: (d) => get(get(get(d, 'spec'), 'template'), 'spec'),
  CronJob: (d) => get(get(get(get(get(d, 'spec'), 'jobTemplate'), 'spec'), 'template'), 'spec'),
  Pod: (d) => get(d, 'spec'),
};

/** The kind given to a Knative Serving `Service` (a Cloud Run service), apart from a core Kubernetes Service. */
export const KNATIVE_SERVICE = 'Knative Service';

function candidates(index: RepoIndex): string[] {
  return index.files.filter((f) => YAML.test(f) && !NOT_MANIFEST.test(f) && !isComposeName(f) && !isBuildOrVendor(index, f) && !isTestFile(f));
}

/** Folders of Helm charts: their `templates/` hold Go templates, not YAML. */
function chartDirs(index: RepoIndex): string[] {
  return index.files.filter((f) => CHART.test(f) && !isBuildOrVendor(index, f)).map((f) => path.posix.dirname(f));
}

export const kubernetesDetector: Detector = {
  id: 'kubernetes',
  isEnabled: (index) => index.files.some((f) => YAML.test(f) && !NOT_MANIFEST.test(f) && !isComposeName(f)),
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const charts = chartDirs(index);
    const inTemplates = (f: string) => charts.some((c) => f.startsWith(c === '.' ? 'templates/' : `${c}/templates/`));
    for (const file of candidates(index)) {
      const text = index.read(file);
      if (text === undefined) continue;
      if (CHART.test(file)) {
        facts.push(...chartFact(index, file, text));
        continue;
      }
      if (KUSTOMIZATION.test(file)) {
        facts.push(...kustomizationFact(file, text));
        continue;
      }
      // The cheap filter: a manifest says what it is at the top level of some document.
      if (!/^apiVersion\s*:/m.test(text) || !/^kind\s*:/m.test(text) || inTemplates(file) || /\{\{/.test(text)) continue;
      // A pure function of the text: kept across runs, so unchanged manifests are not parsed again. Kept in a file of
      // the session folder, so redacted as the facts will be (a container's `env: - value:`).
      const read = index.memo('k8s.manifest@4', file, (t) => {
        const { docs, problems } = parseYamlDocuments(t);
        const resources = redactFacts(docs.flatMap((doc) => resourceFacts(file, doc)), { isPath: (p) => index.has(p) || index.hasDir(p) });
        return { resources, problems: problems.map((p) => ({ ...p, message: redactText(p.message) })) };
      });
      if (!read) continue;
      facts.push(...problemFacts(file, 'YAML', read.problems), ...read.resources);
    }
    return facts;
  },
};

function resourceFacts(file: string, doc: YamlNode): K8sResourceFact[] {
  const kind = scalar(get(doc, 'kind'));
  const name = scalar(get(get(doc, 'metadata'), 'name'));
  if (!kind || !name || !scalar(get(doc, 'apiVersion'))) return [];
  // Lists (`kind: List`) hold their resources under items.
  if (kind === 'List') {
    const items = get(doc, 'items');
    return items?.kind === 'seq' ? items.items.flatMap((i) => resourceFacts(file, i)) : [];
  }
  const namespace = scalar(get(get(doc, 'metadata'), 'namespace'));
  // `kind: Service` is a core Service only in the core group (`apiVersion: v1`). Knative's (`serving.knative.dev/v1`,
  // what Cloud Run deploys) is a workload: its containers are under spec.template.spec, and it has no ClusterIP.
  if (kind === 'Service' && /^serving\.knative\.dev\//.test(scalar(get(doc, 'apiVersion')) ?? '')) {
    const template = get(get(get(doc, 'spec'), 'template'), 'spec');
    const data: K8sResourceData = { file, line: doc.line, kind: KNATIVE_SERVICE, name, ...(namespace ? { namespace } : {}), containers: seq(get(template, 'containers')).map(container), ports: [], routes: [] };
    return [{ kind: 'k8s.resource', id: `${file} ${KNATIVE_SERVICE}/${name}`, data, at: [{ file, line: doc.line }] }];
  }
  const pod = WORKLOADS[kind]?.(doc);
  const containers = pod ? [...seq(get(pod, 'initContainers')), ...seq(get(pod, 'containers'))].map(container) : [];
  const spec = get(doc, 'spec');
  const ports = kind === 'Service' ? seq(get(spec, 'ports')).map(servicePort).filter((p): p is string => !!p) : [];
  const routes = kind === 'Ingress' ? ingressRoutes(spec) : [];
  const schedule = kind === 'CronJob' ? scalar(get(spec, 'schedule')) : undefined;
  const serviceType = kind === 'Service' ? (scalar(get(spec, 'type')) ?? 'ClusterIP') : undefined;
  const data: K8sResourceData = {
    file,
    line: doc.line,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    containers,
    ...(schedule ? { schedule } : {}),
    ...(serviceType ? { serviceType } : {}),
    ports,
    routes,
  };
  return [{ kind: 'k8s.resource', id: `${file} ${kind}/${name}`, data, at: [{ file, line: doc.line }] }];
}

function container(node: YamlNode): K8sContainer {
  const env = seq(get(node, 'env'));
  const envFrom = seq(get(node, 'envFrom'));
  const refs = (key: 'configMapKeyRef' | 'secretKeyRef', fromKey: 'configMapRef' | 'secretRef') => [
    ...new Set([
      ...env.map((e) => scalar(get(get(get(e, 'valueFrom'), key), 'name'))),
      ...envFrom.map((e) => scalar(get(get(e, fromKey), 'name'))),
    ].filter((n): n is string => !!n)),
  ].sort();
  const command = [...strings(get(node, 'command')), ...strings(get(node, 'args'))].join(' ');
  const image = scalar(get(node, 'image'));
  return {
    name: scalar(get(node, 'name')) ?? '?',
    ...(image ? { image } : {}),
    ports: seq(get(node, 'ports')).map((p) => scalar(get(p, 'containerPort'))).filter((p): p is string => !!p),
    env: env.map((e) => scalar(get(e, 'name'))).filter((n): n is string => !!n),
    configMaps: refs('configMapKeyRef', 'configMapRef'),
    secrets: refs('secretKeyRef', 'secretRef'),
    ...(command ? { command: redactSecrets(command) } : {}),
  };
}

function servicePort(node: YamlNode): string | undefined {
  const port = scalar(get(node, 'port'));
  const target = scalar(get(node, 'targetPort'));
  return port ? (target && target !== port ? `${port}→${target}` : port) : undefined;
}

function ingressRoutes(spec: YamlNode | undefined): string[] {
  return seq(get(spec, 'rules')).flatMap((rule) => {
    const host = scalar(get(rule, 'host')) ?? '*';
    return seq(get(get(rule, 'http'), 'paths')).map((p) => {
      const backend = get(p, 'backend');
      const service = scalar(get(get(backend, 'service'), 'name')) ?? scalar(get(backend, 'serviceName')) ?? '?';
      return `${host}${scalar(get(p, 'path')) ?? '/'} → ${service}`;
    });
  });
}

function chartFact(index: RepoIndex, file: string, text: string): HelmChartFact[] {
  const root = parseYamlDocuments(text).docs[0];
  const name = scalar(get(root, 'name'));
  if (!name) return [];
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const valuesFile = [`${dir ? `${dir}/` : ''}values.yaml`, `${dir ? `${dir}/` : ''}values.yml`].find((f) => index.has(f));
  const values = valuesFile ? parseYamlDocuments(index.read(valuesFile) ?? '').docs[0] : undefined;
  const repository = scalar(get(get(values, 'image'), 'repository'));
  const tag = scalar(get(get(values, 'image'), 'tag'));
  const version = scalar(get(root, 'version'));
  const description = scalar(get(root, 'description'));
  const data: HelmChartData = {
    file,
    name,
    ...(version ? { version } : {}),
    ...(description ? { description } : {}),
    ...(repository ? { image: tag ? `${repository}:${tag}` : repository } : {}),
    templates: index.filesUnder(dir ? `${dir}/templates` : 'templates').length,
  };
  return [{ kind: 'k8s.helmChart', id: file, data, at: [{ file, line: 1 }] }];
}

function kustomizationFact(file: string, text: string): KustomizationFact[] {
  const root = parseYamlDocuments(text).docs[0];
  const resources = [...strings(get(root, 'resources')), ...strings(get(root, 'bases'))];
  const images = seq(get(root, 'images')).map((i) => {
    const name = scalar(get(i, 'newName')) ?? scalar(get(i, 'name')) ?? '?';
    const tag = scalar(get(i, 'newTag'));
    return tag ? `${name}:${tag}` : name;
  });
  return [{ kind: 'k8s.kustomization', id: file, data: { file, resources, images }, at: [{ file, line: 1 }] }];
}

function seq(node: YamlNode | undefined): readonly YamlNode[] {
  return node?.kind === 'seq' ? node.items : [];
}
