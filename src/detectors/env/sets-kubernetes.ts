/**
 * Kubernetes manifests: container `env:` (a value, or `valueFrom` a Secret/ConfigMap key) and `envFrom:`
 * (`configMapRef` / `secretRef`), whose names are the keys of that ConfigMap or Secret when the repository defines it
 * (a manifest, or a kustomize `configMapGenerator`/`secretGenerator`). A reference the repository does not define is
 * reported as an outside source: any variable may come from it.
 */
import path from 'node:path';
import type { Document, Node } from 'yaml';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dotenvNames } from './dotenv.js';
import { isEnvName } from './names.js';
import type { EnvExternalSourceData, EnvSetData } from './types.js';
import { entries, get, items, readYaml, text, type YamlFile } from './yaml.js';
import { pushTo } from '../../collections.js';

const TOOL = 'Kubernetes';
/** A Knative Serving service: what Cloud Run deploys (`gcloud run services replace service.yaml`), not a cluster's. */
const KNATIVE = 'Knative/Cloud Run';
/** Cheap text test before parsing: a manifest with a container env, or a ConfigMap/Secret a container may load. */
export const KUBERNETES_TEXT = /^\s*(-\s+)?(env|envFrom|configMapGenerator|secretGenerator):|^kind:\s*(ConfigMap|Secret)\b/m;

/** What one manifest file says, as plain data (kept across runs per file text by `index.memo`). */
export interface ManifestFile {
  /** ConfigMaps and Secrets it defines (manifests, kustomize generators), with their keys. */
  readonly sources: readonly { type: 'configmap' | 'secret'; name: string; keys: { name: string; line: number }[]; envFiles: string[] }[];
  readonly containers: readonly {
    readonly owner: string;
    /** `Knative/Cloud Run` for a Knative Serving service (`apiVersion: serving.knative.dev/v1`); Kubernetes otherwise. */
    readonly tool?: string;
    readonly env: readonly { name: string; line: number; secret: boolean }[];
    readonly envFrom: readonly { type: 'configmap' | 'secret'; ref: string; prefix: string; line: number }[];
  }[];
}

export function readManifests(source: string): ManifestFile {
  const yaml = readYaml(source);
  const sources: ManifestFile['sources'][number][] = [];
  const found: ManifestFile['containers'][number][] = [];
  for (const doc of yaml.docs) {
    sources.push(...sourcesOf(yaml, doc));
    const knative = /^serving\.knative\.dev\//.test(text(get(doc, doc.contents, 'apiVersion')) ?? '');
    for (const { container, owner } of containers(doc, doc.contents, 0)) {
      const env: { name: string; line: number; secret: boolean }[] = [];
      for (const item of items(doc, get(doc, container, 'env'))) {
        const name = text(get(doc, item, 'name'));
        if (name && isEnvName(name)) env.push({ name, line: yaml.line(item), secret: get(doc, get(doc, item, 'valueFrom'), 'secretKeyRef') !== null });
      }
      const envFrom: { type: 'configmap' | 'secret'; ref: string; prefix: string; line: number }[] = [];
      for (const item of items(doc, get(doc, container, 'envFrom'))) {
        const prefix = text(get(doc, item, 'prefix')) ?? '';
        for (const [refKey, type] of [['configMapRef', 'configmap'], ['secretRef', 'secret']] as const) {
          const ref = text(get(doc, get(doc, item, refKey), 'name'));
          if (ref) envFrom.push({ type, ref, prefix, line: yaml.line(item) });
        }
      }
      found.push({ owner, ...(knative ? { tool: KNATIVE } : {}), env, envFrom });
    }
  }
  return { sources, containers: found };
}

/** The sets of every manifest, with `envFrom` resolved to the ConfigMaps and Secrets any of them defines. */
export function kubernetesEnv(index: RepoIndex, files: readonly { file: string; manifest: ManifestFile }[]): { sets: EnvSetData[]; external: EnvExternalSourceData[] } {
  const sources = new Map<string, { name: string; file: string; line: number }[]>();
  for (const { file, manifest } of files) {
    for (const src of manifest.sources) {
      const keys = src.keys.map((k) => ({ ...k, file }));
      for (const envFile of src.envFiles) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), envFile));
        for (const n of dotenvNames(index.read(target) ?? '')) keys.push({ name: n.name, file: target, line: n.line });
      }
      const key = `${src.type}:${src.name}`;
      pushTo(sources, key, ...keys);
    }
  }
  const sets: EnvSetData[] = [];
  const external: EnvExternalSourceData[] = [];
  for (const { file, manifest } of files) {
    for (const { owner, tool = TOOL, env, envFrom } of manifest.containers) {
      for (const e of env) sets.push({ name: e.name, file, line: e.line, kind: 'kubernetes', tool, owner, ...(e.secret ? { secretRef: true } : {}) });
      for (const ref of envFrom) {
        const secret = ref.type === 'secret';
        const label = `${secret ? 'secret' : 'ConfigMap'} ${ref.ref}`;
        const keys = sources.get(`${ref.type}:${ref.ref}`);
        if (!keys) {
          external.push({ file, line: ref.line, tool, ref: label, owner });
          continue;
        }
        for (const k of keys) {
          const name = `${ref.prefix}${k.name}`;
          if (isEnvName(name)) sets.push({ name, file, line: ref.line, kind: 'kubernetes', tool, owner, from: k.file, ref: label, ...(secret ? { secretRef: true } : {}) });
        }
      }
    }
  }
  return { sets, external };
}

/** ConfigMaps and Secrets a document defines: a manifest, or kustomize generators (`literals`, `envs`). */
function sourcesOf(yaml: YamlFile, doc: Document.Parsed): ManifestFile['sources'][number][] {
  const out: ManifestFile['sources'][number][] = [];
  const kind = text(get(doc, doc.contents, 'kind'));
  if (kind === 'ConfigMap' || kind === 'Secret') {
    const name = text(get(doc, get(doc, doc.contents, 'metadata'), 'name'));
    const keys = ['data', 'stringData'].flatMap((k) => entries(doc, get(doc, doc.contents, k)).map((e) => ({ name: e.key, line: yaml.line(e.keyNode) })));
    if (name) out.push({ type: kind === 'Secret' ? 'secret' : 'configmap', name, keys, envFiles: [] });
  }
  for (const [generator, type] of [['configMapGenerator', 'configmap'], ['secretGenerator', 'secret']] as const) {
    for (const g of items(doc, get(doc, doc.contents, generator))) {
      const name = text(get(doc, g, 'name'));
      if (!name) continue;
      const keys = items(doc, get(doc, g, 'literals')).flatMap((literal) => {
        const key = text(literal)?.split('=')[0];
        return key ? [{ name: key, line: yaml.line(literal) }] : [];
      });
      const envFiles = [get(doc, g, 'env'), ...items(doc, get(doc, g, 'envs'))].map(text).filter((f): f is string => !!f);
      out.push({ type, name, keys, envFiles });
    }
  }
  return out;
}

/**
 * Every container of a workload, wherever its pod spec sits (Deployment, StatefulSet, Job, CronJob, Pod, Knative,
 * Argo Rollouts…): found by shape — a `containers` list of maps with an `image` — not by kind.
 */
function containers(doc: Document.Parsed, node: Node | null, depth: number, owner?: string): { container: Node; owner: string }[] {
  if (!node || depth > 8) return [];
  const out: { container: Node; owner: string }[] = [];
  const name = depth === 0 ? text(get(doc, get(doc, node, 'metadata'), 'name')) : undefined;
  const workload = owner ?? name ?? 'workload';
  for (const e of entries(doc, node)) {
    if ((e.key === 'containers' || e.key === 'initContainers') && items(doc, e.value).some((c) => get(doc, c, 'image') !== null)) {
      for (const c of items(doc, e.value)) out.push({ container: c, owner: `${workload}${text(get(doc, c, 'name')) ? ` / ${text(get(doc, c, 'name'))}` : ''}` });
    } else if (e.key !== 'metadata' && e.key !== 'data' && e.key !== 'stringData') {
      out.push(...containers(doc, e.value, depth + 1, workload));
      for (const i of items(doc, e.value)) out.push(...containers(doc, i, depth + 1, workload));
    }
  }
  return out;
}
