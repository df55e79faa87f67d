/**
 * Docker Compose files (`compose.yaml`, `docker-compose.yml`, `docker-compose.dev.yml`, …): each service with its
 * image or build (context → its Dockerfile when it is in the repository), ports, depends_on, environment variable
 * NAMES (never values), env_file paths and command. Read as YAML text, never run.
 */
import { isComposeName } from '../../scan/file-kinds.js';
import path from 'node:path';
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { get, keys, parseYaml, scalar, strings, type YamlNode } from '../../scan/yaml.js';
import { redactSecrets } from '../../secrets/redact.js';
import { problemFacts } from '../shared/parse-problems.js';
import { isBuildOrVendor } from '../shared/source-scope.js';

export interface ComposeServiceData {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly image?: string;
  /** `build:` context folder (repo path) and the Dockerfile in it, when that file exists. */
  readonly build?: { readonly context: string; readonly dockerfile?: string; /** The Dockerfile it names, absent from the repository. */ readonly missingDockerfile?: string };
  /** As written: `3000:3000`, `${PORT:-8080}:80`, `5432`. */
  readonly ports: readonly string[];
  readonly dependsOn: readonly string[];
  /** Names the service sets in `environment:` (values are never kept). */
  readonly environment: readonly { readonly name: string; readonly line: number }[];
  /** `env_file:` paths (repo paths) and whether the file is committed. */
  readonly envFiles: readonly { readonly path: string; readonly exists: boolean }[];
  /** The command, redacted. */
  readonly command?: string;
  readonly profiles: readonly string[];
  /** `extends:` — the service it builds on, and the file holding it (repo path; absent for the same file). */
  readonly extends?: { readonly service: string; readonly file?: string; readonly exists: boolean };
  /**
   * The service sits in an overlay file and its `build:` names no context or Dockerfile (only `cache_from`,
   * `cache_to`, `args`, …): it changes how the base file's service is built, so it has no `build` of its own.
   */
  readonly buildSettings?: true;
}

export type ComposeServiceFact = Fact<'compose.service', ComposeServiceData>;

export function isComposeFile(index: RepoIndex, file: string): boolean {
  return isComposeName(file) && !isBuildOrVendor(index, file);
}

export const composeDetector: Detector = {
  id: 'compose',
  isEnabled: (index) => index.files.some((f) => isComposeFile(index, f)),
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    const byFile = new Map<string, { data: ComposeServiceData; settingsOnly: boolean }[]>();
    for (const file of index.files.filter((f) => isComposeFile(index, f))) {
      const text = index.read(file);
      if (text === undefined || !/^services\s*:/m.test(text)) continue;
      const { root, problems } = parseYaml(text);
      facts.push(...problemFacts(file, 'YAML', problems));
      const services = get(root, 'services');
      if (services?.kind !== 'map') continue;
      byFile.set(
        file,
        services.entries.map((s) => ({ data: service(index, file, s.key, s.value, s.line), settingsOnly: buildSettingsOnly(get(s.value, 'build')) })),
      );
    }
    for (const [file, list] of byFile) {
      const overlay = isBuildOverlay(file, list, byFile);
      for (const { data, settingsOnly } of list) {
        const { build, ...rest } = data;
        const out: ComposeServiceData = overlay && settingsOnly && build ? { ...rest, buildSettings: true } : data;
        facts.push({ kind: 'compose.service', id: `${file}#${data.name}`, data: out, at: [{ file, line: data.line }] } satisfies ComposeServiceFact);
      }
    }
    return facts;
  },
};

function service(index: RepoIndex, file: string, name: string, node: YamlNode, line: number): ComposeServiceData {
  const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  const image = scalar(get(node, 'image'));
  const build = buildOf(index, dir, get(node, 'build'));
  const command = commandText(get(node, 'command'));
  const base = extendsOf(index, dir, get(node, 'extends'));
  return {
    file,
    line,
    name,
    ...(image ? { image } : {}),
    ...(build ? { build } : {}),
    ports: listOf(get(node, 'ports')).map(portText).filter((p): p is string => !!p),
    dependsOn: get(node, 'depends_on')?.kind === 'map' ? keys(get(node, 'depends_on')) : strings(get(node, 'depends_on')),
    environment: environmentNames(get(node, 'environment')),
    envFiles: listOf(get(node, 'env_file')).flatMap((f) => {
      const p = scalar(f) ?? scalar(get(f, 'path'));
      if (!p) return [];
      const resolved = local(dir, p);
      return resolved === undefined ? [] : [{ path: resolved, exists: index.has(resolved) }];
    }),
    ...(command ? { command } : {}),
    profiles: strings(get(node, 'profiles')),
    ...(base ? { extends: base } : {}),
  };
}

/** A `build:` map that names no context and no Dockerfile: build options only (`cache_from`, `cache_to`, `args`, …). */
function buildSettingsOnly(node: YamlNode | undefined): boolean {
  return node?.kind === 'map' && ['context', 'dockerfile', 'dockerfile_inline'].every((k) => get(node, k) === undefined);
}

/**
 * A file read on top of another one of its folder (`docker-compose.ci-cache.yml`, which adds a CI layer cache): every
 * service it holds is a complete service of another compose file there, and none has an image, a build context or
 * Dockerfile, or an `extends` of its own. Alone, `build: { cache_from: … }` would build `./Dockerfile` for every
 * service, which is not what the file means; over its base, it changes how the base's services are built.
 */
function isBuildOverlay(file: string, list: readonly { data: ComposeServiceData; settingsOnly: boolean }[], byFile: ReadonlyMap<string, readonly { data: ComposeServiceData; settingsOnly: boolean }[]>): boolean {
  if (!list.some((s) => s.settingsOnly)) return false;
  if (!list.every(({ data, settingsOnly }) => !data.image && !data.extends && (!data.build || settingsOnly))) return false;
  const dir = path.posix.dirname(file);
  const complete = (e: { data: ComposeServiceData; settingsOnly: boolean }) => !!e.data.image || !!e.data.extends || (!!e.data.build && !e.settingsOnly);
  return [...byFile].some(
    ([other, services]) => other !== file && path.posix.dirname(other) === dir && list.every(({ data }) => services.some((s) => s.data.name === data.name && complete(s))),
  );
}

/** `extends: db` (a service of the same file) or `extends: { service: db, file: base.yml }`. */
function extendsOf(index: RepoIndex, dir: string, node: YamlNode | undefined): ComposeServiceData['extends'] {
  if (!node) return undefined;
  const same = scalar(node);
  if (same) return { service: same, exists: true };
  const service = scalar(get(node, 'service'));
  if (!service) return undefined;
  const fileText = scalar(get(node, 'file'));
  if (!fileText) return { service, exists: true };
  const file = local(dir, fileText);
  return file === undefined ? { service, exists: false } : { service, file, exists: index.has(file) };
}

function buildOf(index: RepoIndex, dir: string, node: YamlNode | undefined): ComposeServiceData['build'] {
  if (!node) return undefined;
  const contextText = scalar(node) ?? scalar(get(node, 'context')) ?? '.';
  const context = /^[a-z]+:\/\//i.test(contextText) || contextText.startsWith('git@') ? undefined : local(dir, contextText);
  if (context === undefined) return { context: contextText };
  const dockerfile = local(context, scalar(get(node, 'dockerfile')) ?? 'Dockerfile');
  if (dockerfile !== undefined && index.has(dockerfile)) return { context, dockerfile };
  // A Dockerfile named but not committed: `docker compose build` fails there, which a reader should know.
  return { context, ...(dockerfile !== undefined && scalar(get(node, 'dockerfile')) !== undefined ? { missingDockerfile: dockerfile } : {}) };
}

/** `KEY=value` / `KEY` items or a `KEY: value` map: the names only. */
export function environmentNames(node: YamlNode | undefined): { name: string; line: number }[] {
  if (node?.kind === 'map') return node.entries.map((e) => ({ name: e.key, line: e.line }));
  if (node?.kind !== 'seq') return [];
  return node.items.flatMap((i) => {
    const name = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)/.exec(scalar(i) ?? '')?.[1];
    return name ? [{ name, line: i.line }] : [];
  });
}

function portText(node: YamlNode): string | undefined {
  const short = scalar(node);
  if (short) return short;
  const target = scalar(get(node, 'target'));
  const published = scalar(get(node, 'published'));
  return target ? (published ? `${published}:${target}` : target) : undefined;
}

function listOf(node: YamlNode | undefined): readonly YamlNode[] {
  return !node ? [] : node.kind === 'seq' ? node.items : [node];
}

function commandText(node: YamlNode | undefined): string | undefined {
  const text = node?.kind === 'seq' ? strings(node).join(' ') : scalar(node);
  return text ? redactSecrets(text.replace(/\s+/g, ' ').trim()) : undefined;
}

/** A repo path from a path written relative to a folder; undefined when it leaves the repository. */
function local(dir: string, written: string): string | undefined {
  const p = path.posix.normalize(path.posix.join(dir, written)).replace(/\/+$/, '');
  return p.startsWith('..') || written.startsWith('/') ? undefined : p === '.' ? '' : p;
}

