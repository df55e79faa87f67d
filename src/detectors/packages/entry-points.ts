import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { BUILD_DIRS, join, sourceOf } from './built-source.js';
import { bundlerConfig, bundlerEntries, entryBuiltTo, unsureBundler, type BundlerEntry } from './bundler-entries.js';
import { cdkAppEntry, CREATES_CDK_APP } from './cdk-entries.js';
import { nxBuiltFrom, nxEntries } from './nx-entries.js';

export interface EntryPoint {
  /** Repo-relative file that exists in the repository. */
  readonly file: string;
  /** Where it comes from: `main`, `exports["./client"]`, `bin.kv`, `cdk.json app`, or a convention (`Vite HTML entry`). */
  readonly role: string;
  /** The path as declared in package.json when it points at build output and `file` is the source it is built from. */
  readonly builtTo?: string;
  /** The bundler config entry that builds `builtTo` from `file` (`tsup.config.ts:5`), when one says so. */
  readonly builtBy?: { readonly file: string; readonly line: number };
  /** True when the entry is a folder of entry files (Lambda handlers). */
  readonly isDir?: boolean;
}

/** A declared entry that exists neither as written nor as a source file: shown as written, marked as build output. */
export interface UnresolvedEntry {
  readonly role: string;
  readonly declared: string;
  /**
   * A build makes it: under a build folder (`dist/`), the tsconfig's `outDir`, or named by a package script. Else the
   * field points at nothing (npm init's `"main": "index.js"` left in a package that never had one).
   */
  readonly built: boolean;
  /** A bundler config of the package (`rollup.config.ts`) that builds it, though no entry of it could be matched. */
  readonly bundler?: string;
}

const HTML_ENTRY = 'HTML entry (Vite)';
/** Frameworks that render their own HTML: a root `index.html` beside them is a leftover, not what they serve. */
const OWN_HTML = /^(next|nuxt|astro|gatsby|@sveltejs\/kit|@remix-run\/dev|@react-router\/dev|expo|@docusaurus\/core)$/;

/**
 * A package-root `index.html` is Vite's entry only where the package uses Vite (its dependency, a `vite.config`, a
 * script running `vite`); beside a framework that renders its own pages it is nothing (a Next.js app's leftover
 * Vite page); elsewhere it is a static page.
 */
function htmlRole(pkg: WorkspacePackage, own: readonly string[], deps: Record<string, string>): string | undefined {
  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const scripts = Object.values(pkg.manifest.scripts ?? {}).filter((v): v is string => typeof v === 'string');
  const vite =
    'vite' in deps ||
    own.some((f) => /^vite\.config\.[cm]?[jt]s$/.test(f.slice(prefix.length))) ||
    scripts.some((s) => /(^|[\s;&|(])vite(\s|$)/.test(s));
  if (vite) return HTML_ENTRY;
  if (Object.keys(deps).some((d) => OWN_HTML.test(d))) return undefined;
  return 'static HTML page';
}

/** Conventional entry files, relative to the package folder, with what they are. */
const CONVENTIONS: readonly [RegExp, string][] = [
  [/^src\/index\.[cm]?[jt]sx?$/, 'source entry'],
  [/^index\.[cm]?[jt]sx?$/, 'source entry'],
  [/^src\/main\.[cm]?[jt]sx?$/, 'app bootstrap'],
  [/^src\/App\.[jt]sx$/, 'root component'],
  [/^src\/(router|routes)\.[jt]sx?$/, 'route table (by file name)'],
  [/^src\/(server|app)\.[cm]?[jt]s$/, 'server entry'],
  [/^(src\/)?app\/(page|layout)\.[jt]sx?$/, 'Next.js app router'],
  [/^(src\/)?pages\/(index|_app)\.[jt]sx?$/, 'Next.js pages router'],
  [/^src\/pages\/index\.(astro|md|mdx)$/, 'Astro home page'],
  [/^src\/routes\/\+(page|layout)\.svelte$/, 'SvelteKit route'],
  [/^app\/root\.[jt]sx$/, 'Remix root'],
  [/^index\.html$/, HTML_ENTRY],
  [/^bin\/[^/]+\.[cm]?[jt]s$/, 'bin script'],
];

/** A call that starts a server: `app.listen(`, `serve(app)`, `Bun.serve(`, `createServer(…).listen`, `startStandaloneServer(`. */
const STARTS_SERVER = /\.listen\s*\(|\bserve\s*\(|\bstartStandaloneServer\s*\(/;
/** `ts-node src/local.ts`, `node dist/server.js`, `tsx watch src/dev.ts`: the file a run script starts. */
const RUN_SCRIPTS = ['start', 'dev', 'serve', 'start:dev', 'start:local', 'local'];

/** `own`: the package's files (without those of nested packages). */
export function entryPoints(
  index: RepoIndex,
  pkg: WorkspacePackage,
  own: readonly string[],
): { found: EntryPoint[]; unresolved: UnresolvedEntry[] } {
  const found: EntryPoint[] = [];
  const unresolved: UnresolvedEntry[] = [];
  const push = (e: EntryPoint): void => {
    const i = found.findIndex((f) => f.file === e.file);
    // One file, several declarations (`bin` and the cdk.json app): one line that names both. Conventions add nothing.
    if (i === -1) found.push(e);
    else if (!CONVENTIONS.some(([, role]) => role === e.role) && !found[i].role.includes(e.role)) {
      found[i] = { ...found[i], role: `${found[i].role}, ${e.role}` };
    }
  };
  const m = pkg.manifest;
  const declared: [string, unknown][] = [
    ['main', m.main],
    ['module', m.module],
    ['types', m.types ?? m.typings],
  ];
  if (typeof m.bin === 'string') declared.push(['bin', m.bin]);
  else if (m.bin && typeof m.bin === 'object') for (const [k, v] of Object.entries(m.bin)) declared.push([`bin.${k}`, v]);
  for (const [key, target] of exportTargets(m.exports)) declared.push([key, target]);

  let bundled: BundlerEntry[] | undefined;
  for (const [role, value] of declared) {
    if (typeof value !== 'string' || !value.trim() || /[*]/.test(value)) continue;
    const rel = value.trim().replace(/^\.\//, '');
    // `"main": "package.json"` (the Sanity template's placeholder) names the manifest, not an entry point.
    if (rel === 'package.json') continue;
    const file = join(pkg.dir, rel);
    if (index.has(file)) push({ file, role });
    else {
      // The file-name guess (`dist/index.js` → `src/index.ts`) first; when it finds nothing, the bundler config says
      // what it builds (`entry: { claps: './components/claps/claps.tsx' }` → `claps.js`). The config is parsed only
      // then: step 1 parses no file on most repositories, so the compiler loads after the first section is shown.
      const source = sourceOf(index, pkg.dir, rel);
      const built = source ? undefined : entryBuiltTo((bundled ??= bundlerEntries(index, pkg.dir, own)), rel, (f) => index.has(f));
      // An Nx target's entry (`options.main` of the project.json build) by base name: `index.cjs.js` → `src/index.ts`.
      const nx = source || built ? undefined : nxBuiltFrom(index, pkg, rel);
      if (built) push({ file: built.source, role, builtTo: value, builtBy: { file: built.config, line: built.line } });
      else if (source) push({ file: source, role, builtTo: value });
      else if (nx) push({ file: nx.source, role, builtTo: value, builtBy: { file: nx.file, line: nx.line } });
      else if (!unresolved.some((u) => u.declared === value)) {
        const bundler = unsureBundler(index, pkg.dir, (bundled ??= bundlerEntries(index, pkg.dir, own)));
        unresolved.push({ role, declared: value, built: builtPath(index, pkg, rel), ...(bundler ? { bundler } : {}) });
      }
    }
  }

  // The config's other entries are what the package publishes under names package.json does not list
  // (`api` → `components/claps/api.ts`, imported as `@upstash/claps/api` from the copied build folder).
  for (const e of bundled ?? []) {
    if (index.has(e.source) && !found.some((f) => f.file === e.source)) push({ file: e.source, role: `${e.tool} entry "${e.name}"`, builtBy: { file: e.config, line: e.line } });
  }

  // The files an Nx project's targets start from (`browser: apps/web/src/main.ts`) are entries without a package.json.
  for (const e of nxEntries(index, pkg.nxProject)) {
    if (!found.some((f) => f.file === e.source)) push({ file: e.source, role: `Nx "${e.target}" target, options.${e.key}`, builtBy: { file: e.file, line: e.line } });
  }

  const cdkApp = cdkAppEntry(index, pkg.dir);
  if (cdkApp) push({ file: cdkApp, role: '`cdk.json` app' });

  // The file `npm start` runs is where the process starts (`ts-node src/local.ts` → `app.listen(3001)`).
  const scripts = (m.scripts ?? {}) as Record<string, unknown>;
  for (const name of RUN_SCRIPTS) {
    const command = scripts[name];
    if (typeof command !== 'string') continue;
    for (const token of command.split(/[\s;&|]+/)) {
      const rel = token.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '');
      if (!/^[\w./-]+\.[cm]?[jt]sx?$/.test(rel) || rel.startsWith('../')) continue;
      const file = index.has(join(pkg.dir, rel)) ? join(pkg.dir, rel) : sourceOf(index, pkg.dir, rel);
      if (file) push({ file, role: `\`npm run ${name}\` script` });
    }
  }

  const prefix = pkg.dir ? `${pkg.dir}/` : '';
  const shallow = own.filter((f) => depth(f, prefix.length) < 3);
  // In a CDK package `bin/` also holds config modules (`bin/config.ts`): only a file that creates the app is an entry.
  const deps = allDependencies(m);
  const cdk = cdkApp !== undefined || index.has(join(pkg.dir, 'cdk.json')) || 'aws-cdk-lib' in deps || '@aws-cdk/core' in deps;
  for (const [re, role] of CONVENTIONS) {
    for (const file of shallow) {
      if (!re.test(file.slice(prefix.length))) continue;
      // `src/app.ts` is a server entry only when it starts one; an app that is exported and started elsewhere is not.
      if (role === 'server entry' && !found.some((f) => f.file === file) && !STARTS_SERVER.test(index.read(file) ?? '')) continue;
      if (role === 'bin script' && cdk && file !== cdkApp && !CREATES_CDK_APP.test(index.read(file) ?? '')) continue;
      if (role === HTML_ENTRY) {
        const html = htmlRole(pkg, own, deps);
        if (html) push({ file, role: html });
        continue;
      }
      push({ file, role });
    }
  }
  return { found, unresolved };
}

/** `exports` leaves as [`exports["./x"]`, target], skipping conditions other than the first string per subpath. */
function exportTargets(exports: unknown): [string, string][] {
  if (typeof exports === 'string') return [['exports', exports]];
  if (!exports || typeof exports !== 'object') return [];
  const entries = Object.entries(exports as Record<string, unknown>);
  const isSubpathMap = entries.some(([k]) => k.startsWith('.'));
  const out: [string, string][] = [];
  const firstString = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(firstString).find(Boolean);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const key of ['source', 'import', 'default', 'require', 'node', ...Object.keys(o)]) {
        const s = key in o && key !== 'types' ? firstString(o[key]) : undefined;
        if (s) return s;
      }
    }
    return undefined;
  };
  if (!isSubpathMap) {
    const s = firstString(exports);
    return s ? [['exports', s]] : [];
  }
  for (const [subpath, value] of entries) {
    if (subpath === './package.json') continue;
    const s = firstString(value);
    if (s) out.push([subpath === '.' ? 'exports' : `exports["${subpath}"]`, s]);
  }
  return out.slice(0, 12);
}

/** Folders between the package folder and the file: 0 for `pkg/index.ts`, 1 for `pkg/src/index.ts`. */
function depth(file: string, from: number): number {
  let n = 0;
  for (let i = file.indexOf('/', from); i !== -1 && n < 3; i = file.indexOf('/', i + 1)) n++;
  return n;
}

/** Whether a build makes this package path: a build folder, the tsconfig's `outDir`, or a script naming the path. */
function builtPath(index: RepoIndex, pkg: WorkspacePackage, rel: string): boolean {
  if (BUILD_DIRS.test(rel)) return true;
  const outDir = /"outDir"\s*:\s*"(?:\.\/)?([^"]+?)\/?"/.exec(index.read(join(pkg.dir, 'tsconfig.json')) ?? '')?.[1];
  if (outDir && rel.startsWith(`${outDir}/`)) return true;
  // Published from a build folder (`publishConfig.directory: "dist"`).
  const publish = (pkg.manifest as Record<string, unknown>).publishConfig as { directory?: unknown } | undefined;
  if (publish && typeof publish === 'object' && typeof publish.directory === 'string') return true;
  const scripts = pkg.manifest.scripts;
  return !!scripts && typeof scripts === 'object' && Object.values(scripts).some((v) => typeof v === 'string' && v.includes(rel));
}
