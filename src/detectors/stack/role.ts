/**
 * What part a package plays in the repository: the product itself, or an example, a test app, a benchmark, the docs
 * site or internal tooling around it. Every later step orders by it, and the map gives full detail to product packages
 * only, so the evidence is kept with the answer.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import { packageKind, shortName } from './kind.js';

export type PackageRoleId = 'product' | 'docs' | 'tooling' | 'example' | 'test' | 'benchmark';

export interface PackageRole {
  readonly id: PackageRoleId;
  /** Finishes "… because": `its folder examples/`, `its \`bin\` field`. */
  readonly because: string;
  /** For product packages: published to a registry (not private, with an entry or a bin). */
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
const EXAMPLE_DIR = /^(examples?|samples?|demos?|playgrounds?|sandbox(es)?|starters?|templates?|boilerplates?|showcases?)$|[-_](examples?|samples?|demos?|playgrounds?)$|^(examples?|samples?|demos?)[-_]/i;
const BENCH_DIR = /^(bench|benchmarks?|perf)$|[-_](bench|benchmarks?)$/i;
const DOCS_DIR = /^(docs?|website|documentation|site|www-docs)$/i;
const TOOLING_DIR = /^(tools?|tooling|scripts|internal|configs?|build-tools|devtools-config)$/i;
const TEST_NAME = /^(tests?|e2e|integration-tests?)$|[-_.](tests?|e2e|fixtures?)$/i;
const EXAMPLE_NAME = /^(examples?|demo|playground)[-_.]|[-_.](examples?|demo|playground)$/i;
const BENCH_NAME = /(^|[-_.])(bench|benchmarks?)$/i;

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
  const published = isPublished(pkg);
  // A folder above the package says most: everything under examples/ is an example, even when it is published.
  for (const [id, re] of [['benchmark', BENCH_DIR], ['test', TEST_DIR], ['example', EXAMPLE_DIR]] as const) {
    const folder = parents.find((s) => re.test(s));
    if (folder) return { id, because: `its folder ${folder}/` };
  }
  // The package's own folder or name: a published `@scope/testing` package is product, an unpublished `e2e` app is not.
  if (!published) {
    for (const [id, dirRe, nameRe] of [['benchmark', BENCH_DIR, BENCH_NAME], ['test', TEST_DIR, TEST_NAME], ['example', EXAMPLE_DIR, EXAMPLE_NAME]] as const) {
      if (dirRe.test(own)) return { id, because: `its folder ${own}/` };
      if (nameRe.test(name)) return { id, because: `its name, ${pkg.name}` };
    }
  }
  const folder = (re: RegExp) => segments.find((s) => re.test(s));
  const kind = packageKind(pkg);
  if (kind?.id === 'docs-site') return { id: 'docs', because: kind.because };
  const docsFolder = folder(DOCS_DIR);
  if (docsFolder && kind && ['astro', 'nextjs', 'vue-spa', 'react-spa', 'react-ssr', 'remix', 'sveltekit', 'nuxt'].includes(kind.id)) {
    return { id: 'docs', because: `a site in its folder ${docsFolder}/` };
  }
  if (kind?.id === 'tool-config' && !published) return { id: 'tooling', because: kind.because };
  const tooling = folder(TOOLING_DIR);
  if (tooling && !published && !deploys(pkg)) return { id: 'tooling', because: `its folder ${tooling}/ (private)` };
  if (published) return { id: 'product', because: publishedBecause(pkg), published: true };
  if (kind) return { id: 'product', because: kind.because };
  return { id: 'product', because: 'nothing marks it as an example, test, benchmark, docs site or tooling' };
}

/** Kinds that are deployed or run, not installed from a registry, whatever their manifest omits. */
const UNPUBLISHED_KINDS = new Set(['lambda', 'serverless', 'http-server', 'worker', 'cdk-app', 'nextjs', 'react-ssr', 'remix', 'sveltekit', 'nuxt', 'react-native', 'angular', 'react-spa', 'vue-spa', 'svelte-spa', 'astro', 'docs-site']);

/** Published to a registry: not private, with something to import or run, and not an app or a deployed service. */
export function isPublished(pkg: WorkspacePackage): boolean {
  const m = pkg.manifest;
  if (m.private === true || pkg.isRoot) return false;
  if (!(m.main || m.module || m.exports || m.bin || m.types || (m as { publishConfig?: unknown }).publishConfig)) return false;
  const kind = packageKind(pkg)?.id;
  return !kind || !UNPUBLISHED_KINDS.has(kind);
}

function publishedBecause(pkg: WorkspacePackage): string {
  const m = pkg.manifest;
  if (m.bin) return 'it is published with a `bin` (not private)';
  return 'it is published (not private, with `main`/`exports`)';
}

/** Cheap signs that the package is deployed on its own: a Dockerfile or a hosting config beside its manifest. */
function deploys(pkg: WorkspacePackage): boolean {
  return (pkg.markers ?? []).some((m) => /^(Dockerfile|vercel\.json|netlify\.toml|fly\.toml|wrangler\.|serverless\.ya?ml|Procfile|cdk\.json|sst\.config|template\.ya?ml)/.test(m)) ||
    'aws-cdk-lib' in allDependencies(pkg.manifest);
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
