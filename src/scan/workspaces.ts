import { globListMatcher } from './glob.js';
import { get, parseYaml, strings } from './yaml.js';
import type { PackageJson, WorkspacePackage } from './package-json.js';
import { pushTo } from '../collections.js';
import { executorFrameworks, nxProjects } from './nx-projects.js';

export type WorkspaceTool = 'npm' | 'yarn' | 'pnpm' | 'bun' | 'lerna' | null;

export interface WorkspaceLayout {
  readonly tool: WorkspaceTool;
  /** Repository-relative globs (a nested root's patterns carry its folder: `infrastructure/workspaces/*`). */
  readonly patterns: readonly string[];
  /** The folder of the workspace declaration: '' for the repository root, `infrastructure` for a nested one. */
  readonly root: string;
  readonly packages: readonly WorkspacePackage[];
  /**
   * Every workspace root when the repository root declares none and more than one folder does (four templates under
   * examples/, each a monorepo of its own): `root` and `patterns` are the first of them. Empty otherwise.
   */
  readonly roots: readonly WorkspaceRoot[];
}

export interface WorkspaceRoot {
  readonly tool: Exclude<WorkspaceTool, null>;
  /** Repository-relative globs, as `patterns` above. */
  readonly patterns: readonly string[];
  readonly root: string;
}

type ReadJson = (path: string) => PackageJson | undefined;
type ReadText = (path: string) => string | undefined;

/** Folders whose package.json files are test data or build output, not packages of the repository. */
const NOT_A_PACKAGE = /(^|\/)(fixtures?|__fixtures__|__mocks__|test-data|testdata|dist|build|out|\.next|\.astro|cdk\.out)\//;

/**
 * Finds the packages of the repository from npm/yarn `workspaces`, pnpm-workspace.yaml or lerna.json, matched against
 * the listed files. Without a workspace declaration, nested package.json files outside test data count as packages.
 */
export function findWorkspaces(files: readonly string[], readJson: ReadJson, readText: ReadText): WorkspaceLayout {
  const rootManifest = readJson('package.json');
  const manifests = files.filter((f) => f.endsWith('package.json') && (f === 'package.json' || f.endsWith('/package.json')));
  const nested = manifests.filter((f) => f !== 'package.json');
  let { tool, patterns, root } = { ...declaredPatterns(rootManifest, readJson, readText), root: '' };
  // A repository whose root declares nothing may keep its workspace root in a folder (`infrastructure/package.json`
  // with `workspaces`, `tools/pnpm-workspace.yaml`): its members are linked by an install in that folder.
  const found = tool === null ? nestedDeclarations(files, nested, readJson, readText) : [];
  if (found.length > 0) ({ tool, root, patterns } = { ...found[0], patterns: [...found[0].patterns] });
  // Sibling roots beyond the first: each links its own members, which are no loose package.json folders.
  const roots = found.length > 1 ? found : [];

  let members: Set<string>;
  if (patterns.length > 0) {
    members = new Set();
    for (const r of roots.length ? roots : [{ patterns, root }]) {
      const member = globListMatcher(r.patterns);
      for (const f of nested) if (member(f.slice(0, -'/package.json'.length))) members.add(f);
      // A nested workspace root is installed by its own install, like the members it links.
      const rootManifestPath = r.root ? `${r.root}/package.json` : 'package.json';
      if (r.root && nested.includes(rootManifestPath)) members.add(rootManifestPath);
    }
  } else {
    members = new Set(nested.filter((f) => !NOT_A_PACKAGE.test(f)));
  }
  // A package.json folder that no workspace pattern names is still part of the repository (an app kept outside the
  // workspace list, an example with its own install): leaving it out made other steps say it did not exist.
  const undeclared = nested.filter((f) => !members.has(f) && !NOT_A_PACKAGE.test(f) && !/(^|\/)node_modules\//.test(f));

  const packages: WorkspacePackage[] = [];
  const markers = markersByDir(files);
  const nx = new Map(nxProjects(files, readJson).map((p) => [p.dir, p]));
  const withNx = (p: WorkspacePackage): WorkspacePackage => (nx.has(p.dir) ? { ...p, nxProject: nx.get(p.dir) } : p);
  if (rootManifest || files.includes('package.json')) {
    packages.push(withNx(toPackage('package.json', rootManifest ?? {}, true, true, {}, markers.get('') ?? [])));
  }
  const rootDeps = { ...rootManifest?.devDependencies, ...rootManifest?.dependencies };
  const configs = configFilesByDir(files);
  for (const path of [...members, ...undeclared].sort()) {
    const manifest = readJson(path);
    if (!manifest) continue;
    const dir = path.slice(0, -'/package.json'.length);
    packages.push(withNx(toPackage(path, manifest, false, members.has(path), hoistedFrameworks(manifest, rootDeps, configs.get(dir) ?? []), markers.get(dir) ?? [])));
  }
  // An Nx project with no package.json of its own (an Angular app defined by its project.json alone) is still an app or
  // a library of the repository: left out, step 5 said there was no frontend app. It installs with the root, so it is
  // no workspace member (`declared: false` keeps the package manager's member count), and its dependencies are the
  // root's that its executors and config files build with.
  const taken = new Set(packages.map((p) => p.dir));
  const before = packages.length;
  for (const project of nx.values()) {
    if (taken.has(project.dir) || NOT_A_PACKAGE.test(`${project.file}`)) continue;
    const manifest: PackageJson = project.name ? { name: project.name } : {};
    const hoisted = { ...hoistedFrameworks(manifest, rootDeps, configs.get(project.dir) ?? []), ...executorFrameworks(project, rootDeps) };
    const folderName = project.dir.split('/').pop() || 'root';
    packages.push({ name: project.name ?? folderName, dir: project.dir, manifestPath: project.file, manifest, isRoot: false, declared: false, hoisted, markers: markers.get(project.dir) ?? [], nxProject: project });
  }
  if (packages.length > before) packages.sort((a, b) => Number(b.isRoot) - Number(a.isRoot) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { tool, patterns, root, packages: withUniqueNames(packages), roots };
}

/**
 * The folders whose package.json has `workspaces` or whose pnpm-workspace.yaml lists `packages:`, shallowest first (then
 * by path), with their patterns made repository-relative; a folder inside one already found is part of that root, not
 * a root of its own. Test data and build output never count.
 */
function nestedDeclarations(
  files: readonly string[],
  nested: readonly string[],
  readJson: ReadJson,
  readText: ReadText,
): WorkspaceRoot[] {
  const out: WorkspaceRoot[] = [];
  const candidates = [...nested, ...files.filter((f) => /\/pnpm-workspace\.ya?ml$/.test(f))]
    .filter((f) => !NOT_A_PACKAGE.test(f) && !/(^|\/)node_modules\//.test(f))
    .map((f) => f.slice(0, f.lastIndexOf('/')))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const dir of new Set(candidates)) {
    if (out.some((r) => dir.startsWith(`${r.root}/`))) continue;
    const inDir = (f: string) => readText(`${dir}/${f}`);
    const found = declaredPatterns(readJson(`${dir}/package.json`), (f) => (f === 'lerna.json' ? undefined : readJson(`${dir}/${f}`)), inDir);
    if (found.tool === null || found.patterns.length === 0) continue;
    const prefix = (p: string) => (p.startsWith('!') ? `!${dir}/${p.slice(1).replace(/^\.\//, '')}` : `${dir}/${p.replace(/^\.\//, '')}`);
    out.push({ tool: found.tool, patterns: found.patterns.map(prefix), root: dir });
  }
  return out;
}

/** The packages one workspace root links: those its globs match, without the root's own folder. */
export function rootMembers(root: WorkspaceRoot, packages: readonly WorkspacePackage[]): WorkspacePackage[] {
  const member = globListMatcher(root.patterns);
  return packages.filter((p) => !p.isRoot && p.declared && p.dir !== root.root && member(p.dir));
}

/** npm on Windows accepts `workspaces\\*`: a backslash in a workspace glob is a path separator, not an escape. */
function slashes(pattern: string): string {
  return pattern.replace(/\\/g, '/');
}

/**
 * Two package.json files with one `name` (a copied app, an example left with its template's name) are two packages:
 * steps group scripts, routes, tests and env by package, and a shared name merged them into one. Where names collide,
 * the package keeps its name plus its folder (`web (apps/web-copy)`, the root `novel (root)`); a lone workspace member
 * among them keeps the plain name, which is the one the package manager resolves. `manifest.name` stays as written.
 */
function withUniqueNames(packages: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map<string, WorkspacePackage[]>();
  for (const p of packages) pushTo(byName, p.name, p);
  return packages.map((p) => {
    const same = byName.get(p.name)!;
    if (same.length === 1) return p;
    // `workspace:^` on the name resolves to the workspace member, never to the root (novel: the root and
    // packages/headless are both `novel`), so a lone member keeps the plain name before the root does.
    const members = same.filter((x) => x.declared && !x.isRoot);
    const plain = members.length === 1 ? members[0] : same.find((x) => x.isRoot);
    return p === plain ? p : { ...p, name: `${p.name} (${p.isRoot ? 'root' : p.dir})` };
  });
}

function declaredPatterns(
  root: PackageJson | undefined,
  readJson: ReadJson,
  readText: ReadText,
): { tool: WorkspaceTool; patterns: string[] } {
  const pnpm = readText('pnpm-workspace.yaml') ?? readText('pnpm-workspace.yml');
  // Since pnpm 9 the file may hold settings alone (`onlyBuiltDependencies`, `catalog`): without `packages:` it lists no
  // workspace and the repository is not a pnpm monorepo.
  if (pnpm !== undefined && declaresPnpmPackages(pnpm)) return { tool: 'pnpm', patterns: parsePnpmPackages(pnpm).map(slashes) };
  const ws = root?.workspaces;
  const list = Array.isArray(ws) ? ws : Array.isArray(ws?.packages) ? ws.packages : [];
  if (list.length > 0) {
    const pm = root?.packageManager ?? '';
    const yarn = readText('yarn.lock') !== undefined || /^yarn@/.test(pm);
    // bun reads package.json `workspaces` too; its lockfile or `packageManager` says who installs them.
    const bun = /^bun@/.test(pm) || (!/^(npm|yarn|pnpm)@/.test(pm) && (readText('bun.lock') !== undefined || readText('bun.lockb') !== undefined));
    return { tool: bun ? 'bun' : yarn ? 'yarn' : 'npm', patterns: list.filter((p) => typeof p === 'string').map(slashes) };
  }
  const lerna = readJson('lerna.json') as { packages?: unknown } | undefined;
  if (lerna) {
    const pk = Array.isArray(lerna.packages) ? lerna.packages.filter((p) => typeof p === 'string') : ['packages/*'];
    return { tool: 'lerna', patterns: pk };
  }
  return { tool: null, patterns: [] };
}

/** Whether pnpm-workspace.yaml has a `packages:` key (a settings-only file has none). */
export function declaresPnpmPackages(yaml: string): boolean {
  return get(parseYaml(yaml).root, 'packages') !== undefined;
}

/** The `packages:` list of pnpm-workspace.yaml (what parses of it, when it has a syntax error). */
export function parsePnpmPackages(yaml: string): string[] {
  return strings(get(parseYaml(yaml).root, 'packages')).filter(Boolean);
}

/** Config files that name the framework a folder is built with, and the packages that framework needs. */
const FRAMEWORK_CONFIGS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^next\.config\.[cm]?[jt]s$/, ['next', 'react', 'react-dom']],
  [/^astro\.config\.[cm]?[jt]s$/, ['astro']],
  [/^nuxt\.config\.[cm]?[jt]s$/, ['nuxt', 'vue']],
  [/^svelte\.config\.[cm]?[jt]s$/, ['@sveltejs/kit', 'svelte']],
  [/^remix\.config\.[cm]?[jt]s$/, ['@remix-run/react', '@remix-run/dev', 'react', 'react-dom']],
  [/^react-router\.config\.[cm]?[jt]s$/, ['@react-router/dev', 'react', 'react-dom']],
  [/^vite\.config\.[cm]?[jt]s$/, ['vite', '@vitejs/plugin-react', 'react', 'react-dom', 'vue', 'svelte', 'solid-js']],
  [/^angular\.json$/, ['@angular/core']],
  [/^app\.(json|config\.[cm]?[jt]s)$/, ['expo', 'react-native', 'react']],
];

function configFilesByDir(files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const slash = f.lastIndexOf('/');
    const name = f.slice(slash + 1);
    if (!FRAMEWORK_CONFIGS.some(([re]) => re.test(name))) continue;
    const dir = slash === -1 ? '' : f.slice(0, slash);
    const list = out.get(dir);
    if (list) list.push(name);
    else out.set(dir, [name]);
  }
  return out;
}

/** Framework packages a folder's config file needs, declared by the root instead of the package itself. */
function hoistedFrameworks(manifest: PackageJson, rootDeps: Record<string, string>, configs: readonly string[]): Record<string, string> {
  const own = { ...manifest.peerDependencies, ...manifest.devDependencies, ...manifest.dependencies };
  const out: Record<string, string> = {};
  for (const [re, names] of FRAMEWORK_CONFIGS) {
    if (!configs.some((c) => re.test(c))) continue;
    for (const name of names) if (!(name in own) && typeof rootDeps[name] === 'string') out[name] = rootDeps[name];
  }
  return out;
}

const MARKER = /^(app\.json|app\.config\.[cm]?[jt]s|metro\.config\.[cm]?[jt]s|eas\.json|ios|android|index\.html|Dockerfile|serverless\.ya?ml|cdk\.json|vercel\.json|netlify\.toml|wrangler\.(toml|jsonc?)|fly\.toml|Procfile|template\.ya?ml|sst\.config\.[cm]?[jt]s|sanity\.config\.[cm]?[jt]sx?|foundry\.toml|(vite|rsbuild|vue|craco)\.config\.[cm]?[jt]s|webpack\.config(\.[\w-]+)?\.[cm]?[jt]s)$/;

/** Per folder, the telling entries directly in it (a file, or the first folder of a deeper path). */
function markersByDir(files: readonly string[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (dir: string, name: string) => {
    if (!MARKER.test(name)) return;
    let set = out.get(dir);
    if (!set) out.set(dir, (set = new Set()));
    set.add(name);
  };
  for (const f of files) {
    const parts = f.split('/');
    // The file itself, and each ancestor folder as an entry of its parent (`ios` in `apps/mobile`).
    for (let i = 0; i < parts.length; i++) add(parts.slice(0, i).join('/'), parts[i]);
  }
  return new Map([...out].map(([dir, set]) => [dir, [...set].sort()]));
}

function toPackage(
  manifestPath: string,
  manifest: PackageJson,
  isRoot: boolean,
  declared: boolean,
  hoisted: Record<string, string>,
  markers: readonly string[],
): WorkspacePackage {
  const dir = isRoot ? '' : manifestPath.slice(0, -'/package.json'.length);
  const folderName = dir.split('/').pop() || 'root';
  const name = typeof manifest.name === 'string' && manifest.name ? manifest.name : folderName;
  return { name, dir, manifestPath, manifest, isRoot, declared, hoisted, markers };
}
