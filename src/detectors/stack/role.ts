/**
 * What part a package plays in the repository: the product itself, or an example, a test app, a benchmark, the docs
 * site or internal tooling around it. Every later step orders by it, and the map gives full detail to product packages
 * only, so the evidence is kept with the answer.
 */
import { lintPluginBecause } from './lint-plugin.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import { codeEntry, packageKind, shortName } from './kind.js';
import { functionCodeSiteOf } from './function-code.js';
import { publishEvidence } from './publish-evidence.js';

export type PackageRoleId = 'product' | 'docs' | 'tooling' | 'example' | 'test' | 'benchmark';

export interface PackageRole {
  readonly id: PackageRoleId;
  /** Finishes "… because": `its folder examples/`, `its \`bin\` field`. */
  readonly because: string;
  /** For product packages: published to a registry, with evidence (`isPublished`). */
  readonly published?: boolean;
}

/** The order every step lists packages in: the product first, the long tail last. */
export const ROLE_ORDER: readonly PackageRoleId[] = ['product', 'docs', 'tooling', 'example', 'test', 'benchmark'];

export const ROLE_LABELS: Readonly<Record<PackageRoleId, string>> = {
  product: 'product',
  docs: 'docs site',
  tooling: 'internal tooling',
  example: 'example',
  test: 'test app or fixture',
  benchmark: 'benchmark',
};

const TEST_DIR = /^(e2e|tests?|__tests__|integration-tests?|fixtures?|__fixtures__|test-apps?|testing|specs?|cypress|playwright)$/i;
const EXAMPLE_DIR = /^(examples?|samples?|demos?|playgrounds?|sandbox(es)?|starters?|templates?|boilerplates?|showcases?)$|[-_](examples?|samples?|demos?|playgrounds?|templates?|starters?)$|^(examples?|samples?|demos?|templates?|starters?)[-_]/i;
const BENCH_DIR = /^(bench|benchmarks?|perf|performance)$|[-_](bench|benchmarks?)$/i;
const DOCS_DIR = /^(docs?|documentation|www-docs)$/i;
/**
 * A folder that holds the website: the marketing site itself is product (`apps/site`, `website`), but what sits
 * below it is the docs (medusa's `www/apps/book`, `www/packages/docs-ui`).
 */
const SITE_DIR = /^(website|site|www)$/i;
/** `remix.init`: a Remix stack's set-up script, run once by `create-remix` on a new copy of the template. */
const TOOLING_DIR = /^(tools?|tooling|scripts|internal|configs?|build-tools|devtools-config|remix\.init)$/i;
const TEST_NAME = /^(tests?|e2e|integration-tests?)$|[-_.](tests?|e2e|fixtures?)$/i;
const EXAMPLE_NAME = /^(examples?|demo|playground)[-_.]|[-_.](examples?|demo|playground)$/i;
const BENCH_NAME = /(^|[-_.])(bench|benchmarks?)$/i;
/** The folder a monorepo keeps its deployable apps in. */
const APP_FOLDER = /^apps$/i;
/** An npm scope that says what the package is for: `@test/performance`, `@e2e/basic`, `@example/blog`. */
const SCOPE_ROLES: readonly [PackageRoleId, RegExp][] = [
  ['test', /^@(tests?|e2e|fixtures?|test-apps?)\//i],
  ['example', /^@(examples?|demos?|playgrounds?)\//i],
  ['benchmark', /^@(bench|benchmarks?)\//i],
];

/**
 * The role of one package from its folder, name and manifest. Path evidence wins: a Next.js app under `examples/` is an
 * example whatever its dependencies say.
 */
export function packageRole(pkg: WorkspacePackage, index?: RepoIndex): PackageRole {
  if (pkg.isRoot) return { id: 'product', because: 'it is the repository root' };
  const segments = pkg.dir.split('/').map((s) => s.replace(/^\./, ''));
  const parents = segments.slice(0, -1);
  const own = segments[segments.length - 1] ?? '';
  const name = shortName(pkg);
  // Published by `isPublished`'s rule, or shaped like a package for a registry: enough to keep a `@scope/testing`
  // library out of the test role, not to call it published (that needs the evidence).
  const evidence = publishedBecause(pkg, index);
  const published = evidence !== undefined || looksPublishable(pkg, index);
  // A folder above the package says most: everything under examples/ is an example, even when it is published.
  for (const [id, re] of [['benchmark', BENCH_DIR], ['test', TEST_DIR], ['example', EXAMPLE_DIR]] as const) {
    const folder = parents.find((s) => re.test(s));
    if (folder) return { id, because: `its folder ${folder}/` };
  }
  // The package's own folder or name: a published `@scope/testing` package is product, an unpublished `e2e` app is not.
  if (!published) {
    // A package in an apps/ folder is one of the repository's apps: a starter's leftover name (`@example/basics`, what
    // Astro's `basics` template is called) does not make it an example. Its own folder (`apps/playground`) still can.
    const inApps = parents.some((s) => APP_FOLDER.test(s));
    for (const [id, scope] of SCOPE_ROLES) if (scope.test(pkg.name) && !(id === 'example' && inApps)) return { id, because: `its npm scope, ${pkg.name}` };
    for (const [id, dirRe, nameRe] of [['benchmark', BENCH_DIR, BENCH_NAME], ['test', TEST_DIR, TEST_NAME], ['example', EXAMPLE_DIR, EXAMPLE_NAME]] as const) {
      if (dirRe.test(own)) return { id, because: `its folder ${own}/` };
      // A name alone (`aws-cdk-demo`, what `cdk init` calls a new app) does not make a deployed package an example. The
      // index-free signs only (its manifest and the files beside it), so `isAuxiliary` agrees with `packageRoles`.
      if (nameRe.test(name) && !(id === 'example' && (deploys(pkg) || inApps))) return { id, because: `its name, ${pkg.name}` };
    }
  }
  const folder = (re: RegExp) => segments.find((s) => re.test(s));
  const kind = packageKind(pkg, index);
  if (kind?.id === 'docs-site') return { id: 'docs', because: kind.because };
  const docsFolder = folder(DOCS_DIR) ?? parents.find((s) => SITE_DIR.test(s));
  if (docsFolder && kind && ['astro', 'nextjs', 'vue-spa', 'react-spa', 'react-ssr', 'remix', 'sveltekit', 'nuxt'].includes(kind.id)) {
    return { id: 'docs', because: `a site in its folder ${docsFolder}/` };
  }
  // The docs site's own libraries and scripts (medusa's `www/packages/docs-ui`): not shaped for a registry, under the docs folder.
  if (docsFolder && !published) return { id: 'docs', because: `${pkg.manifest.private === true ? 'private, ' : ''}in the docs folder ${docsFolder}/` };
  if (kind?.id === 'tool-config' && !published) return { id: 'tooling', because: kind.because };
  const tooling = folder(TOOLING_DIR);
  // "private" only when the manifest says `"private": true`; a missing `private` does not make it published either.
  if (tooling && !published && !deploys(pkg, index)) return { id: 'tooling', because: `its folder ${tooling}/${pkg.manifest.private === true ? ' (private)' : ''}` };
  if (evidence) return { id: 'product', because: evidence, published: true };
  if (kind && kind.id !== 'library' && kind.id !== 'shared') return { id: 'product', because: kind.because };
  const users = index ? dependents(index).get(pkg.name) : undefined;
  // Who depends on it: a library only other packages' devDependencies use (a test helper, a build script) is tooling.
  if (users && users.runtime.length === 0 && users.dev.length > 0 && !deploys(pkg, index)) {
    return { id: 'tooling', because: `only devDependencies use it (${listNames(users.dev)})` };
  }
  // A plugin of the repository's own lint or format tools that no code imports checks the product, it is not part of it.
  const lint = users && users.runtime.length > 0 ? undefined : lintPluginBecause(pkg, index);
  if (lint && !deploys(pkg, index)) return { id: 'tooling', because: lint };
  if (users && users.runtime.length > 0) return { id: 'product', because: `a dependency of ${listNames(users.runtime)}` };
  if (kind) return { id: 'product', because: kind.because };
  if (deploys(pkg, index)) return { id: 'product', because: 'it is deployed (a Dockerfile, hosting config or compose service)' };
  return { id: 'product', because: 'nothing marks it as an example, test, benchmark, docs site or tooling' };
}

/** Kinds that are deployed or run, not installed from a registry, whatever their manifest omits. */
const UNPUBLISHED_KINDS = new Set(['cms-studio', 'smart-contracts', 'lambda', 'serverless', 'http-server', 'worker', 'service', 'cdk-app', 'nextjs', 'react-ssr', 'remix', 'sveltekit', 'nuxt', 'react-native', 'angular', 'react-spa', 'vue-spa', 'svelte-spa', 'astro', 'docs-site']);

/**
 * Published to a registry, the one rule every step uses: shaped for a registry (`looksPublishable`) and with evidence
 * that something publishes it (`publishEvidence`: its `publishConfig`, a publish script of its own, or a changesets
 * config, a root script or a CI step that covers it). A package without `"private": true` and with nothing publishing
 * it is an internal workspace package: neither published nor unpublished is said of it. The root counts when it is a
 * package of its own, not a workspace root.
 */
export function isPublished(pkg: WorkspacePackage, index?: RepoIndex): boolean {
  return publishedBecause(pkg, index) !== undefined;
}

/** `it is published (its \`publishConfig\`)`, or undefined when the package is not published by `isPublished`'s rule. */
function publishedBecause(pkg: WorkspacePackage, index?: RepoIndex): string | undefined {
  if (pkg.isRoot && (pkg.manifest.workspaces !== undefined || (index !== undefined && index.workspaceTool !== null))) return undefined;
  // The evidence stands for the signs `looksPublishable` otherwise asks for.
  if (!looksPublishable(pkg, index, true)) return undefined;
  const evidence = publishEvidence(pkg, index);
  return evidence ? `it is published (${evidence})` : undefined;
}

/**
 * Shaped like a package for a registry: not private, with something to import or run, not an app or a deployed service
 * (nor a folder infrastructure deploys as function code), not an internal workspace package (version `0.0.0`, or entry
 * points that are TypeScript sources with no `publishConfig` to replace them), and with at least one sign beyond a name
 * and a `main` (a Lambda bundle's package.json has those too). Decides roles, never the word "published".
 */
function looksPublishable(pkg: WorkspacePackage, index?: RepoIndex, withEvidence = false): boolean {
  const m = pkg.manifest;
  // npm refuses to publish any truthy `private`, the string `"true"` too.
  if (m.private === true || (m.private as unknown) === 'true' || (pkg.isRoot && !withEvidence)) return false;
  const publishConfig = (m as { publishConfig?: unknown }).publishConfig;
  if (!(codeEntry(m.main) || m.module || m.exports || m.bin || m.types || publishConfig)) return false;
  if (index && functionCodeSiteOf(index, pkg.dir)) return false;
  if (publishConfig) return true;
  const kind = packageKind(pkg, index)?.id;
  if (kind && UNPUBLISHED_KINDS.has(kind)) return false;
  if (m.version === '0.0.0') return false;
  const entries = [m.main, m.module, m.types, ...exportTargets(m.exports)].filter((e): e is string => typeof e === 'string');
  if (!(m.bin !== undefined || entries.length === 0 || !entries.every((e) => /\.tsx?$/.test(e) && !/\.d\.[cm]?ts$/.test(e)))) return false;
  return !index || withEvidence || hasPublishSignal(pkg, index);
}

/** Manifest fields that only matter to a registry or its readers. */
const PUBLISH_FIELDS = ['files', 'bin', 'peerDependencies', 'repository', 'license', 'keywords', 'author', 'homepage', 'bugs'];
const PUBLISH_SCRIPT = /\b(npm|pnpm|yarn)\s+publish\b|\b(changeset|lerna)\s+publish\b|semantic-release|release-it/;

/**
 * Some sign the package is meant for a registry: a registry-only manifest field, `"private": false` written out, a
 * publish script of its own or the root's, release tooling in the repository (changesets, lerna, semantic-release),
 * or another package of the repository depending on it.
 */
function hasPublishSignal(pkg: WorkspacePackage, index: RepoIndex): boolean {
  const m = pkg.manifest as Record<string, unknown>;
  if (m.private === false || PUBLISH_FIELDS.some((f) => m[f] !== undefined)) return true;
  const scripts = (manifest: Record<string, unknown>) => Object.entries((manifest.scripts ?? {}) as Record<string, unknown>);
  if (scripts(m).some(([k, v]) => /^(prepublish(Only)?|prepack|release)$/.test(k) || (typeof v === 'string' && PUBLISH_SCRIPT.test(v)))) return true;
  const root = index.packages.find((p) => p.isRoot)?.manifest as Record<string, unknown> | undefined;
  if (root && scripts(root).some(([, v]) => typeof v === 'string' && PUBLISH_SCRIPT.test(v))) return true;
  if (['.changeset/config.json', 'lerna.json', '.releaserc', '.releaserc.json', 'release-please-config.json'].some((f) => index.has(f))) return true;
  return (dependents(index).get(pkg.name)?.runtime.length ?? 0) > 0;
}

function exportTargets(exports: unknown, depth = 0): string[] {
  if (typeof exports === 'string') return [exports];
  if (!exports || typeof exports !== 'object' || depth > 4) return [];
  return Object.values(exports as Record<string, unknown>).flatMap((v) => exportTargets(v, depth + 1));
}

interface Dependents {
  /** Packages that list it in `dependencies` or `peerDependencies`. */
  readonly runtime: string[];
  /** Packages that list it only in `devDependencies`. */
  readonly dev: string[];
}

const dependentsCache = new WeakMap<RepoIndex, Map<string, Dependents>>();

/** Package name → the other packages of the repository that depend on it; one table per index. */
function dependents(index: RepoIndex): Map<string, Dependents> {
  let table = dependentsCache.get(index);
  if (table) return table;
  table = new Map();
  const names = new Set(index.packages.map((p) => p.name));
  for (const p of index.packages) {
    if (p.isRoot || isAuxiliary(p)) continue;
    const runtime = { ...p.manifest.dependencies, ...p.manifest.peerDependencies };
    for (const name of Object.keys(allDependencies(p.manifest))) {
      if (!names.has(name) || name === p.name) continue;
      let entry = table.get(name);
      if (!entry) table.set(name, (entry = { runtime: [], dev: [] }));
      (name in runtime ? entry.runtime : entry.dev).push(p.name);
    }
  }
  dependentsCache.set(index, table);
  return table;
}

function listNames(names: readonly string[]): string {
  const sorted = [...names].sort();
  return sorted.length > 2 ? `${sorted.slice(0, 2).join(', ')} and ${sorted.length - 2} more` : sorted.join(', ');
}

/**
 * Cheap signs that infrastructure deploys the package: a Dockerfile or a hosting config beside its manifest, a CDK app,
 * or a compose service at the root that builds its folder.
 */
function deploys(pkg: WorkspacePackage, index?: RepoIndex): boolean {
  if ((pkg.markers ?? []).some((m) => /^(Dockerfile|vercel\.json|netlify\.toml|fly\.toml|wrangler\.|serverless\.ya?ml|Procfile|cdk\.json|sst\.config|template\.ya?ml|app\.yaml)/.test(m))) return true;
  if ('aws-cdk-lib' in allDependencies(pkg.manifest)) return true;
  if (!index) return false;
  const at = (f: string) => index.has(`${pkg.dir}/${f}`);
  if (['Dockerfile', 'vercel.json', 'netlify.toml', 'fly.toml', 'wrangler.toml', 'wrangler.json', 'serverless.yml', 'app.yaml', 'Procfile'].some(at)) return true;
  return composeContexts(index).some((c) => c === pkg.dir);
}

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
const composeCache = new WeakMap<RepoIndex, string[]>();

/** Folders the root compose file builds (`build: ./apps/api`, `context: apps/web`), as repo-relative folders. */
function composeContexts(index: RepoIndex): string[] {
  let out = composeCache.get(index);
  if (out) return out;
  out = [];
  for (const file of COMPOSE_FILES) {
    const text = index.has(file) ? index.read(file) : undefined;
    if (!text) continue;
    for (const m of text.matchAll(/^\s*(?:build|context):\s*['"]?\.?\/?([\w@./-]+?)\/?['"]?\s*$/gm)) out.push(m[1].replace(/^\.\//, ''));
  }
  composeCache.set(index, out);
  return out;
}

/** The role a folder's name gives what it holds (`e2e` → test, `examples` → example), if any. */
export function folderRole(segment: string): 'benchmark' | 'test' | 'example' | undefined {
  const s = segment.replace(/^\./, '');
  if (BENCH_DIR.test(s)) return 'benchmark';
  if (TEST_DIR.test(s)) return 'test';
  if (EXAMPLE_DIR.test(s)) return 'example';
  return undefined;
}

/** A folder that holds examples, tests or benchmarks rather than the product (used to fold their counts). */
export const AUX_DIR = new RegExp([BENCH_DIR, TEST_DIR, EXAMPLE_DIR].map((r) => r.source).join('|'), 'i');

const AUXILIARY_ROLES: ReadonlySet<PackageRoleId> = new Set(['example', 'test', 'benchmark']);

/**
 * Example apps, test suites, fixtures, benchmarks and playgrounds: packages of the repository but not of the product,
 * so they are left out of the architecture and the stack, and listed apart.
 */
export function isAuxiliary(pkg: WorkspacePackage): boolean {
  return AUXILIARY_ROLES.has(packageRole(pkg).id);
}

const cache = new WeakMap<RepoIndex, Map<string, PackageRole>>();

/** Roles of every package of the index, by folder ('' for the root); computed once per index. */
export function packageRoles(index: RepoIndex): ReadonlyMap<string, PackageRole> {
  let roles = cache.get(index);
  if (!roles) {
    roles = new Map(index.packages.map((p) => [p.dir, packageRole(p, index)]));
    cache.set(index, roles);
  }
  return roles;
}

export function roleRank(role: PackageRoleId): number {
  return ROLE_ORDER.indexOf(role);
}
