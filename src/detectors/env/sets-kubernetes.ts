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

const TOOL = 'Kubernetes';
/** Cheap text test before parsing: a manifest with a container env, or a ConfigMap/Secret a container may load. */
export const KUBERNETES_TEXT = /^\s*(-\s+)?(env|envFrom|configMapGenerator|secretGenerator):|^kind:\s*(ConfigMap|Secret)\b/m;

interface KeySource {
  readonly keys: { name: string; file: string; line: number }[];
  readonly secret: boolean;
}

export function kubernetesEnv(index: RepoIndex, files: readonly string[]): { sets: EnvSetData[]; external: EnvExternalSourceData[] } {
  const parsed = files.map((file) => ({ file, yaml: readYaml(index.read(file) ?? '') }));
  const sources = new Map<string, KeySource>();
  for (const { file, yaml } of parsed) for (const doc of yaml.docs) collectSources(index, file, yaml, doc, sources);
  const sets: EnvSetData[] = [];
  const external: EnvExternalSourceData[] = [];
  for (const { file, yaml } of parsed) {
    for (const doc of yaml.docs) {
      for (const { container, owner } of containers(doc, doc.contents, 0)) {
        for (const item of items(doc, get(doc, container, 'env'))) {
          const name = text(get(doc, item, 'name'));
          if (!name || !isEnvName(name)) continue;
          const secret = get(doc, get(doc, item, 'valueFrom'), 'secretKeyRef') !== null;
          sets.push({ name, file, line: yaml.line(item), kind: 'kubernetes', tool: TOOL, owner, ...(secret ? { secretRef: true } : {}) });
        }
        for (const item of items(doc, get(doc, container, 'envFrom'))) {
          const prefix = text(get(doc, item, 'prefix')) ?? '';
          for (const [refKey, secret] of [['configMapRef', false], ['secretRef', true]] as const) {
            const ref = text(get(doc, get(doc, item, refKey), 'name'));
            if (!ref) continue;
            const source = sources.get(`${secret ? 'secret' : 'configmap'}:${ref}`);
            const line = yaml.line(item);
            if (!source) {
              external.push({ file, line, tool: TOOL, ref: `${secret ? 'secret' : 'ConfigMap'} ${ref}`, owner });
              continue;
            }
            for (const k of source.keys) {
              const name = `${prefix}${k.name}`;
              if (isEnvName(name)) sets.push({ name, file, line, kind: 'kubernetes', tool: TOOL, owner, from: k.file, ref: `${secret ? 'secret' : 'ConfigMap'} ${ref}`, ...(secret ? { secretRef: true } : {}) });
            }
          }
        }
      }
    }
  }
  return { sets, external };
}

/** ConfigMaps and Secrets by name, with their keys: manifests, and kustomize generators (`literals`, `envs`). */
function collectSources(index: RepoIndex, file: string, yaml: YamlFile, doc: Document.Parsed, out: Map<string, KeySource>): void {
  const kind = text(get(doc, doc.contents, 'kind'));
  const add = (type: 'configmap' | 'secret', name: string | undefined, keys: KeySource['keys']) => {
    if (!name) return;
    const key = `${type}:${name}`;
    const prev = out.get(key);
    out.set(key, { secret: type === 'secret', keys: [...(prev?.keys ?? []), ...keys] });
  };
  if (kind === 'ConfigMap' || kind === 'Secret') {
    const name = text(get(doc, get(doc, doc.contents, 'metadata'), 'name'));
    const keys = ['data', 'stringData'].flatMap((k) => entries(doc, get(doc, doc.contents, k)).map((e) => ({ name: e.key, file, line: yaml.line(e.keyNode) })));
    add(kind === 'Secret' ? 'secret' : 'configmap', name, keys);
  }
  for (const [generator, type] of [['configMapGenerator', 'configmap'], ['secretGenerator', 'secret']] as const) {
    for (const g of items(doc, get(doc, doc.contents, generator))) {
      const keys: KeySource['keys'] = [];
      for (const literal of items(doc, get(doc, g, 'literals'))) {
        const name = text(literal)?.split('=')[0];
        if (name) keys.push({ name, file, line: yaml.line(literal) });
      }
      const envFiles = [get(doc, g, 'env'), ...items(doc, get(doc, g, 'envs'))].map(text).filter((f): f is string => !!f);
      for (const envFile of envFiles) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), envFile));
        for (const n of dotenvNames(index.read(target) ?? '')) keys.push({ name: n.name, file: target, line: n.line });
      }
      add(type, text(get(doc, g, 'name')), keys);
    }
  }
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
