/**
 * Which packages are frontend applications, and with which framework. Shared by every frontend detector so they agree
 * on what an "app" is: a package (workspace, or the root of a single-package repository) identified by its folder.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import { usesHoisted } from '../shared/hoisted-use.js';
import { fromCatalog, pnpmCatalogs } from '../stack/catalogs.js';
import { isGenerated } from '../shared/source-scope.js';
import { chooseBundler } from '../stack/bundler.js';
import { astroComponentLibrary } from '../stack/kind-signs.js';

export type FrontendFramework = 'astro' | 'next' | 'remix' | 'react' | 'expo' | 'vue' | 'sveltekit' | 'svelte' | 'solid' | 'angular';

export interface FrontendApp {
  /** Package folder, '' for the repository root. */
  readonly dir: string;
  readonly name: string;
  readonly framework: FrontendFramework;
  /** Declared version range of the framework package, e.g. `^4.5.0`. */
  readonly version?: string;
  /** The package `version` is read from when it is not the framework's own name (`nuxt` for a Vue app). */
  readonly frameworkPackage?: string;
  /** `vite`, `vitepress`, `webpack`, `react-scripts`, `parcel`, or the framework's own (`next`, `astro`). */
  readonly buildTool?: string;
  readonly manifestPath: string;
}

const FRAMEWORKS: readonly (readonly [FrontendFramework, readonly string[]])[] = [
  ['astro', ['astro']],
  ['next', ['next']],
  ['remix', ['@remix-run/react', '@react-router/dev']],
  ['angular', ['@angular/core']],
  // SvelteKit is its own framework (file routes, server code, adapters): labelled and versioned as @sveltejs/kit.
  ['sveltekit', ['@sveltejs/kit']],
  ['svelte', ['svelte']],
  // VitePress (a Vue-based site generator) may be the only dependency of a docs site that is a Vue app.
  ['vue', ['nuxt', 'vue', 'vitepress']],
  ['solid', ['solid-js']],
  // Expo (React Native) before React: an Expo app often lists react-dom too, for its web target.
  ['expo', ['expo', 'expo-router']],
  ['react', ['react-dom']],
];
// Vue CLI before webpack: it wraps webpack, and it (not webpack) decides which variables reach browser code.
const BUILD_TOOLS = ['vitepress', 'vite', 'react-scripts', '@vue/cli-service', 'webpack', 'parcel', '@rsbuild/core', 'esbuild'];
const APP_FILES = /^(index\.html|public\/index\.html|vite\.config\.[cm]?[jt]s|webpack\.config\.[cm]?[jt]s|src\/(main|index)\.[jt]sx|src\/main\.[jt]s)$/;

/** A framework's config, or the folders its files live in (pages, routes, an Expo or Angular app). */
const FRAMEWORK_FILES =
  /^((astro|next|nuxt|svelte|vite|remix|react-router|solid|app|metro|vue)\.config\.[cm]?[jt]s|angular\.json|app\.json|index\.html|(src\/)?(pages|app|routes)\/|(.*\/)?\.vitepress\/config\.[cm]?[jt]s$)/;

const cache = new WeakMap<RepoIndex, FrontendApp[]>();

/** Frontend apps of the repository, by folder. Published component libraries (React as a peer) are not apps. */
export function frontendApps(index: RepoIndex): FrontendApp[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const hasWorkspaces = index.packages.some((p) => !p.isRoot);
  const apps: FrontendApp[] = [];
  for (const pkg of index.packages) {
    const app = classify(index, pkg, hasWorkspaces);
    if (app) apps.push(app);
  }
  apps.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  cache.set(index, apps);
  return apps;
}

function classify(index: RepoIndex, pkg: WorkspacePackage, hasWorkspaces: boolean): FrontendApp | undefined {
  const hoisted = Object.fromEntries(Object.entries(pkg.hoisted ?? {}).filter(([n]) => usesHoisted(index, pkg, n)));
  const deps = { ...hoisted, ...pkg.manifest.devDependencies, ...pkg.manifest.dependencies };
  const found = FRAMEWORKS.find(([, names]) => names.some((n) => n in deps));
  if (!found) return undefined;
  const [framework, names] = found;
  const own = appFiles(index, pkg.dir);
  const hasAppFile = own.some((f) => APP_FILES.test(relative(pkg.dir, f)));
  // The framework only as a devDependency, with no config, page folder or dev script of its own: a preset or config
  // package that builds against the framework's types (`@repo/jest-config` with a `next` preset), not an app.
  const runtime = pkg.manifest.dependencies ?? {};
  if (names.every((n) => !(n in runtime)) && names.some((n) => n in (pkg.manifest.devDependencies ?? {}))) {
    const scripts = pkg.manifest.scripts ?? {};
    const devScript = ['dev', 'start', 'serve', 'preview'].some((k) => typeof scripts[k] === 'string');
    const appShape = hasAppFile || own.some((f) => FRAMEWORK_FILES.test(relative(pkg.dir, f)));
    if (!devScript && !appShape) return undefined;
  }
  // A monorepo root that only holds shared devDependencies is not an app.
  if (pkg.isRoot && hasWorkspaces && !hasAppFile && !own.some((f) => /^(src|app|pages)\//.test(f))) return undefined;
  // A published package (main/exports, not private) without an HTML page is a library that uses the framework: a
  // component library, or a Vue or Solid router built with Vite in library mode (TanStack's vue-router, solid-router).
  const published = !pkg.manifest.private && !!(pkg.manifest.main || pkg.manifest.exports || pkg.manifest.module);
  const hasHtml = own.some((f) => /^(public\/)?index\.html$/.test(relative(pkg.dir, f)));
  // Likewise an Astro integration or a Next.js plugin: published, with no config of its own and no pages.
  if (published && (framework === 'astro' || framework === 'next')) {
    const site = own.some((f) => /^(astro|next)\.config\.[cm]?[jt]s$|^(src\/)?(pages|app)\//.test(relative(pkg.dir, f)));
    if (!site) return undefined;
  }
  // An Astro package with an entry (`exports: ./index.js` re-exporting its components) and no pages is a component
  // library the sites import, private or not, even with the starter's astro.config and `astro dev` script left in.
  if (framework === 'astro' && astroComponentLibrary(pkg, (f) => own.some((o) => relative(pkg.dir, o).startsWith(f)))) return undefined;
  // An Expo app has its app config, native folders or file routes; a package that only shares React Native code does not.
  if (framework === 'expo') {
    const native = own.some((f) => /^(app\.json|app\.config\.[cm]?[jt]s|eas\.json|metro\.config\.[cm]?[jt]s|(ios|android)\/|(src\/)?app\/_layout\.[jt]sx?$)/.test(relative(pkg.dir, f)));
    const main = typeof pkg.manifest.main === 'string' && /^(expo-router\/entry|expo\/AppEntry|node_modules\/expo\/)/.test(pkg.manifest.main);
    if (!native && !main) return undefined;
  } else if (published && !hasHtml && (framework === 'react' || framework === 'vue' || framework === 'solid' || framework === 'svelte')) {
    return undefined;
  }
  if (framework === 'react') {
    const appLike = hasAppFile || BUILD_TOOLS.some((t) => t in deps && t !== 'esbuild') || 'react-router-dom' in deps || '@tanstack/react-router' in deps;
    if (!appLike) return undefined;
  }
  const all = { ...hoisted, ...allDependencies(pkg.manifest) };
  // The framework's own version: a VitePress range is not Vue's.
  const framePackage = names.filter((n) => !BUILD_TOOLS.includes(n)).find((n) => all[n]);
  // A pnpm `catalog:` specifier is no version: the range is the catalog's in pnpm-workspace.yaml.
  const declared = framePackage ? all[framePackage] : undefined;
  const fromCat = declared?.startsWith('catalog:') ? fromCatalog(pnpmCatalogs(index), framePackage!, declared) : undefined;
  const version = fromCat ? `${fromCat} (${declared})` : declared;
  // Remix before Vite builds with its own compiler (remix.config.js, no vite.config): a `vite` dependency alone is not it.
  const classicRemix = framework === 'remix' && !own.some((f) => /^vite\.config\.[cm]?[jt]s$/.test(relative(pkg.dir, f)));
  // What builds the app (its scripts, then its config files) before a bare dependency: a stray `vite` devDependency
  // of an app built with `webpack serve` is not its bundler.
  const buildTool =
    framework === 'astro' || framework === 'next' || framework === 'expo'
      ? framework
      : classicRemix
        ? 'remix-compiler'
        : chooseBundler(BUILD_TOOLS, deps, pkg.manifest.scripts, own.map((f) => relative(pkg.dir, f)))?.tool;
  // Nuxt's range is not Vue's (nuxt ^4 is no Vue 4): the label names the package the version belongs to.
  const other = framePackage === 'nuxt' ? { frameworkPackage: framePackage } : {};
  return { dir: pkg.dir, name: pkg.name, framework, version, ...other, buildTool, manifestPath: pkg.manifestPath };
}

const filesCache = new WeakMap<RepoIndex, Map<string, string[]>>();

/** Files of the package in `dir` itself, without nested packages, dependencies or build output. */
export function appFiles(index: RepoIndex, dir: string): string[] {
  let byDir = filesCache.get(index);
  if (!byDir) {
    byDir = new Map();
    filesCache.set(index, byDir);
  }
  let files = byDir.get(dir);
  if (!files) {
    files = index
      .filesUnder(dir)
      .filter((f) => !isGenerated(index, f) && (index.packageOf(f)?.dir ?? '') === dir);
    byDir.set(dir, files);
  }
  return files;
}

export function relative(dir: string, file: string): string {
  return dir ? file.slice(dir.length + 1) : file;
}

/** The app whose folder holds the file. */
export function appOf(apps: readonly FrontendApp[], file: string): FrontendApp | undefined {
  let best: FrontendApp | undefined;
  for (const app of apps) {
    if ((app.dir === '' || file.startsWith(`${app.dir}/`)) && (!best || app.dir.length > best.dir.length)) best = app;
  }
  return best;
}
