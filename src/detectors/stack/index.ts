import type { Citation, Detector, Fact } from '../../facts.js';
import { allDependencies, dependencyOffset } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { knownTech, STACK_GROUPS, type StackGroup } from './catalogue.js';
import { detectComponents, type ComponentData } from './components.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import { rootMembers } from '../../scan/workspaces.js';
import { AUX_DIR, isAuxiliary } from './role.js';
import { fromCatalog, pnpmCatalogs } from './catalogs.js';
import { decidePackageManager, workspaceToolOf } from '../shared/package-manager.js';
import { importedOnlyByTests } from './dependency-use.js';

export { STACK_GROUPS, type StackGroup } from './catalogue.js';
export { LAYERS, type ComponentData, type ComponentEvidence, type Layer } from './components.js';
export { packageKind, shortName, CLIENT_KINDS, type PackageKind, type PackageKindId } from './kind.js';
export { isAuxiliary, packageRole, packageRoles, ROLE_LABELS, ROLE_ORDER, roleRank, type PackageRole, type PackageRoleId } from './role.js';

export interface Declaration {
  readonly dependency: string;
  /** The range exactly as written in package.json. */
  readonly version: string;
  /** For pnpm `catalog:` specifiers, the range the catalog in pnpm-workspace.yaml gives. */
  readonly resolved?: string;
  readonly packageName: string;
  readonly manifest: string;
  readonly line?: number;
}

export interface TechData {
  readonly label: string;
  readonly group: StackGroup;
  /** Every package.json that declares it, sorted by manifest path. */
  readonly declarations: readonly Declaration[];
}

export interface RuntimeData {
  /** What the row is about: `Node.js`, `Package manager`, `Workspaces`. */
  readonly label: string;
  /** The value as declared: `20`, `>=20.11.0`, `pnpm@9.1.0`, `npm workspaces`. */
  readonly value: string;
  /** Where it is declared, in words: `.nvmrc`, `engines.node`, `lockfile`. */
  readonly source: string;
  /** Extra words: `packages/* — 6 packages`. */
  readonly detail?: string;
}

export type TechFact = Fact<'stack.tech', TechData>;
export type RuntimeFact = Fact<'stack.runtime', RuntimeData>;
export type ComponentFact = Fact<'stack.component', ComponentData>;
/** How many declared dependencies the tech table does not name (they are details of one package). */
/** `types`: `@types/*` packages, counted apart (they are no technology of their own). */
export type OtherDepsFact = Fact<'stack.other-deps', { readonly count: number; readonly types?: number }>;
/** Example, test and fixture packages, left out of the stack and the diagram; `folders` are where they live. */
export type AuxiliaryFact = Fact<'stack.auxiliary', { readonly count: number; readonly folders: readonly string[] }>;

/** `examples/.test/ssg` → `examples`: the folder up to the first example/test segment (the package folder otherwise). */
export function auxiliaryFolder(dir: string): string {
  const parts = dir.split('/');
  const i = parts.findIndex((d) => AUX_DIR.test(d.replace(/^\./, '')));
  return i === -1 ? dir : parts.slice(0, i + 1).join('/');
}

export const stackDetector: Detector = {
  id: 'stack',
  isEnabled: () => true,
  detect(index): Fact[] {
    const facts: Fact[] = [...runtimeFacts(index), ...techFacts(index)];
    for (const c of detectComponents(index)) {
      facts.push({ kind: 'stack.component', id: c.title, data: c, at: c.evidence.map(({ file, line }) => ({ file, line })) });
    }
    return facts;
  },
};

function techFacts(index: RepoIndex): Fact[] {
  const byLabel = new Map<string, { group: StackGroup; declarations: Declaration[] }>();
  const others = new Set<string>();
  const types = new Set<string>();
  const own = new Set(index.packages.map((p) => p.name));
  const catalogs = pnpmCatalogs(index);
  for (const pkg of index.packages.filter((p) => !isAuxiliary(p))) {
    const deps = allDependencies(pkg.manifest);
    for (const dependency of Object.keys(deps).sort()) {
      const version = deps[dependency];
      // The repository's own packages are structure, not stack.
      if (typeof version !== 'string' || own.has(dependency)) continue;
      const tech = knownTech(dependency);
      if (!tech) {
        (dependency.startsWith('@types/') ? types : others).add(dependency);
        continue;
      }
      let entry = byLabel.get(tech.label);
      if (!entry) byLabel.set(tech.label, (entry = { group: tech.group, declarations: [] }));
      // The declaration whose version `allDependencies` keeps: dependencies, then devDependencies, then peers.
      const line = DEPENDENCY_FIELDS.reduce<number | undefined>((found, field) => found ?? jsonKeyLine(index, pkg.manifestPath, field, dependency), undefined);
      const resolved = fromCatalog(catalogs, dependency, version);
      entry.declarations.push({
        dependency,
        version,
        ...(resolved ? { resolved } : {}),
        packageName: pkg.name,
        manifest: pkg.manifestPath,
        line,
      });
    }
  }
  // A product library (Frontend, Backend) that every declaring package imports only from its tests is tooling there.
  const byManifest = new Map(index.packages.map((p) => [p.manifestPath, p]));
  for (const entry of byLabel.values()) {
    if (entry.group !== 'Frontend' && entry.group !== 'Backend') continue;
    const testOnly = entry.declarations.every((d) => {
      const pkg = byManifest.get(d.manifest);
      return pkg !== undefined && importedOnlyByTests(index, pkg, d.dependency);
    });
    if (testOnly) entry.group = 'Testing & tooling';
  }
  const facts: Fact[] = [...byLabel]
    .sort(([a, x], [b, y]) => STACK_GROUPS.indexOf(x.group) - STACK_GROUPS.indexOf(y.group) || a.localeCompare(b))
    .map(([label, { group, declarations }]) => ({
      kind: 'stack.tech',
      id: label,
      data: { label, group, declarations },
      at: declarations.map((d) => ({ file: d.manifest, line: d.line })),
    }));
  facts.push({ kind: 'stack.other-deps', id: 'other', data: { count: others.size, ...(types.size > 0 ? { types: types.size } : {}) }, at: [] });
  const aux = index.packages.filter(isAuxiliary);
  if (aux.length > 0) {
    const folders = [...new Set(aux.map((p) => auxiliaryFolder(p.dir)))].sort();
    facts.push({ kind: 'stack.auxiliary', id: 'auxiliary', data: { count: aux.length, folders }, at: folders.map((file) => ({ file })) });
  }
  return facts;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

const TOOL_NAMES: Readonly<Record<string, string>> = { pnpm: 'pnpm', yarn: 'Yarn', npm: 'npm', bun: 'Bun' };

function runtimeFacts(index: RepoIndex): RuntimeFact[] {
  const out: RuntimeFact[] = [];
  const push = (id: string, label: string, value: string, at: Citation, source: string, detail?: string): void => {
    out.push({ kind: 'stack.runtime', id, data: { label, value, source, detail }, at: [at] });
  };
  const root = index.packages.find((p) => p.isRoot);
  const lineOf = (key: string): number | undefined => (root ? jsonKeyLine(index, root.manifestPath, key) : undefined);

  for (const file of ['.nvmrc', '.node-version']) {
    // The first line that is not blank or a `#` comment: `.nvmrc` may open with a note.
    const v = firstVersionLine(index.read(file))?.split(/\s+/)[0];
    if (v) {
      push(`node:${file}`, 'Node.js', v, { file }, file);
      break;
    }
  }
  const engines = root?.manifest.engines;
  if (root && typeof engines?.node === 'string') {
    push('node:engines', 'Node.js', engines.node, { file: root.manifestPath, line: lineOf('engines') }, 'engines.node');
  }
  const tool = index.has('.tool-versions') ? index.read('.tool-versions')?.match(/^nodejs\s+(\S+)/m)?.[1] : undefined;
  if (tool) push('node:tool-versions', 'Node.js', tool, { file: '.tool-versions' }, '.tool-versions');

  const declared = root?.manifest.packageManager;
  if (root && typeof declared === 'string') {
    push('pm:field', 'Package manager', declared, { file: root.manifestPath, line: lineOf('packageManager') }, 'packageManager');
  } else {
    // The same decision step 9's install command and every step's script commands use (shared/package-manager.ts).
    const pm = decidePackageManager(index);
    const lock = pm?.anyLockfile;
    if (lock) push('pm:lockfile', 'Package manager', TOOL_NAMES[lock[1]], { file: lock[0] }, 'lockfile');
    else if (pm?.source === 'pnpm-workspace') {
      const file = index.has('pnpm-workspace.yaml') ? 'pnpm-workspace.yaml' : 'pnpm-workspace.yml';
      push('pm:workspace', 'Package manager', 'pnpm', { file }, file);
    }
    else if (pm?.evidence) push('pm:install', 'Package manager', TOOL_NAMES[pm.tool], { file: pm.evidence.file, line: pm.evidence.line }, 'used in', 'no lockfile committed');
  }
  if (root && typeof root.manifest.engines?.npm === 'string') {
    push('pm:engines', 'Package manager', `npm ${root.manifest.engines.npm}`, { file: root.manifestPath, line: lineOf('engines') }, 'engines.npm');
  }

  if (index.workspaceRoots.length > 1) {
    // Several folders each declare a workspace (templates side by side): one line each, with the members it links.
    for (const r of index.workspaceRoots) {
      const file = `${r.root}/${r.tool === 'pnpm' ? (index.has(`${r.root}/pnpm-workspace.yaml`) ? 'pnpm-workspace.yaml' : 'pnpm-workspace.yml') : r.tool === 'lerna' ? 'lerna.json' : 'package.json'}`;
      const members = rootMembers(r, index.packages).length;
      const at = { file, line: file.endsWith('package.json') ? jsonKeyLine(index, file, 'workspaces') : undefined };
      push(`workspaces:${r.root}`, 'Workspaces', `${r.tool} workspaces`, at, file, `${r.patterns.join(', ')} — ${members} package${members === 1 ? '' : 's'}`);
    }
  } else if (index.workspaceTool) {
    // A nested workspace root (`infrastructure/package.json`) declares them in its folder.
    const base = index.workspaceRoot ? `${index.workspaceRoot}/` : '';
    const file = base + (index.workspaceTool === 'pnpm' ? (index.has(`${base}pnpm-workspace.yaml`) ? 'pnpm-workspace.yaml' : 'pnpm-workspace.yml') : index.workspaceTool === 'lerna' ? 'lerna.json' : 'package.json');
    const members = index.packages.filter((p) => !p.isRoot && p.declared && p.dir !== index.workspaceRoot).length;
    const detail = `${index.workspacePatterns.join(', ')} — ${members} package${members === 1 ? '' : 's'}`;
    const at = { file, line: file.endsWith('package.json') ? jsonKeyLine(index, file, 'workspaces') : undefined };
    push('workspaces', 'Workspaces', `${workspaceToolOf(index)} workspaces`, at, file, detail);
  }
  for (const [file, name] of [['turbo.json', 'Turborepo'], ['nx.json', 'Nx'], ['lerna.json', 'Lerna'], ['rush.json', 'Rush']] as const) {
    if (index.has(file) && !(file === 'lerna.json' && index.workspaceTool === 'lerna')) push(`orchestrator:${file}`, 'Task runner', name, { file }, file);
  }
  const tsconfigs = index.files.filter((f) => /(^|\/)tsconfig[^/]*\.json$/.test(f));
  if (tsconfigs.length > 0) {
    const first = [...tsconfigs].sort((a, b) => a.split('/').length - b.split('/').length || a.length - b.length || a.localeCompare(b))[0];
    const files = `${tsconfigs.length} tsconfig file${tsconfigs.length === 1 ? '' : 's'}`;
    // A tsconfig for the CDK app beside JavaScript handlers: the source files say which language the code is in.
    const { ts, js } = sourceCounts(index.files);
    const share = (n: number) => n > 0 && n >= (ts + js) * 0.2;
    const named = [['TypeScript', ts], ['JavaScript', js]].filter(([, n]) => share(n as number)).sort((a, b) => (b[1] as number) - (a[1] as number)).map(([name]) => name);
    const value = named.length > 0 ? named.join(' and ') : 'TypeScript';
    const detail = js > 0 && value !== 'TypeScript' ? `${files}; ${ts} TypeScript and ${js} JavaScript source files` : files;
    push('language', 'Language', value, { file: first }, first, detail);
  }
  return out;
}

/** Source files by language: not type declarations, tool configs (`vite.config.js`, `.eslintrc.cjs`) or build output. */
function sourceCounts(files: readonly string[]): { ts: number; js: number } {
  let ts = 0;
  let js = 0;
  for (const f of files) {
    if (!/\.[cm]?[jt]sx?$/.test(f) || f.endsWith('.d.ts') || /(^|\/)\.[^/]*$|\.config\.[cm]?[jt]s$/.test(f) || NOT_SOURCE.test(f)) continue;
    if (/\.[cm]?tsx?$/.test(f)) ts++;
    else js++;
  }
  return { ts, js };
}
const NOT_SOURCE = /(^|\/)(node_modules|dist|build|out|coverage|vendor|cdk\.out|\.next|public\/build)\//;

/** The first line of an `.nvmrc` / `.node-version` that is neither blank nor a `#` comment. */
export function firstVersionLine(text: string | undefined): string | undefined {
  return text?.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
}
