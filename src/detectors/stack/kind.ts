import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { functionCodeSiteOf } from './function-code.js';
import { chooseBundler } from './bundler.js';
import { usesHoisted } from '../shared/hoisted-use.js';
import { describedAsSdk } from '../shared/sdk-words.js';
import { importsDependency } from './dependency-use.js';
import { astroComponentLibrary, codeEntry, sanityStudio, smartContracts } from './kind-signs.js';
import { cdkAppEntry, CREATES_CDK_APP } from '../packages/cdk-entries.js';
import { servedThrough, serverThroughLibrary } from './server-library.js';

/** A Lambda layer's Node.js folder (`layers/x/nodejs`): the runtime reads `nodejs/node_modules`. */
const LAYER_NODEJS = /(^|\/)layers?\/(.+\/)?nodejs$/;
/** What such a folder holds when it only declares the layer's dependencies. */
const MANIFEST_ONLY = /^(package\.json|package-lock\.json|yarn\.lock|pnpm-lock\.yaml|\.yarnrc\.yml|\.npmrc)$/;

export { codeEntry } from './kind-signs.js';

export type PackageKindId =
  | 'cdk-app'
  | 'docs-site'
  | 'cms-studio'
  | 'smart-contracts'
  | 'nextjs'
  | 'react-ssr'
  | 'tool-config'
  | 'astro'
  | 'remix'
  | 'sveltekit'
  | 'nuxt'
  | 'react-native'
  | 'angular'
  | 'react-spa'
  | 'vue-spa'
  | 'svelte-spa'
  | 'http-server'
  | 'worker'
  | 'lambda'
  | 'serverless'
  | 'cli'
  | 'service'
  | 'sdk'
  | 'shared'
  | 'library';

export interface PackageKind {
  readonly id: PackageKindId;
  /** What the package is, e.g. `React SPA (Vite)`. */
  readonly label: string;
  /** The evidence, as words that finish "inferred from …": `react, vite dependencies`. */
  readonly because: string;
}

const SERVERS: Record<string, string> = {
  express: 'Express',
  fastify: 'Fastify',
  hono: 'Hono',
  koa: 'Koa',
  elysia: 'Elysia',
  '@nestjs/core': 'NestJS',
  '@hapi/hapi': 'hapi',
};

const ORM_NAMES: Record<string, string> = {
  'drizzle-orm': 'Drizzle ORM',
  '@prisma/client': 'Prisma',
  kysely: 'Kysely',
  typeorm: 'TypeORM',
  mongoose: 'Mongoose',
  '@mikro-orm/core': 'MikroORM',
};

const TOOL_NAMES: Record<string, string> = {
  eslint: 'ESLint',
  prettier: 'Prettier',
  tailwind: 'Tailwind',
  typescript: 'TypeScript',
  jest: 'Jest',
  vitest: 'Vitest',
  babel: 'Babel',
  stylelint: 'Stylelint',
  commitlint: 'commitlint',
};

const DOCS: Record<string, string> = {
  '@docusaurus/core': 'Docusaurus',
  vitepress: 'VitePress',
  nextra: 'Nextra',
  '@astrojs/starlight': 'Starlight',
};

/** Client-side kinds: drawn in the top row of the architecture diagram. */
export const CLIENT_KINDS: ReadonlySet<PackageKindId> = new Set([
  'docs-site', 'cms-studio', 'nextjs', 'react-ssr', 'astro', 'remix', 'sveltekit', 'nuxt', 'react-native', 'angular', 'react-spa', 'vue-spa', 'svelte-spa', 'sdk', 'cli',
]);

/**
 * What kind of package this is, from its manifest alone (dependencies, `bin`, name). Cheap and explainable: the
 * answer always says which evidence it rests on; undefined when nothing says.
 */
export function packageKind(pkg: WorkspacePackage, index?: RepoIndex): PackageKind | undefined {
  // Framework packages hoisted to the root count for a folder whose config file shows it uses them.
  // A UI library counts only when the folder's source imports it (a Vite-built extension script uses no React).
  const hoisted = index ? Object.fromEntries(Object.entries(pkg.hoisted ?? {}).filter(([n]) => usesHoisted(index, pkg, n))) : pkg.hoisted ?? {};
  const deps = { ...hoisted, ...allDependencies(pkg.manifest) };
  const has = (name: string): boolean => name in deps;
  const some = (re: RegExp): string | undefined => Object.keys(deps).sort().find((d) => re.test(d));
  const from = (...names: string[]): string => {
    const list = `${names.join(', ')} ${names.length > 1 ? 'dependencies' : 'dependency'}`;
    if (!names.some((n) => n in hoisted && !(n in allDependencies(pkg.manifest)))) return list;
    // An Nx project without a package.json has every dependency from the root, named by its executors or config files.
    return pkg.manifestPath === pkg.nxProject?.file ? `${list} (from the root package.json: an Nx project without a package.json of its own)` : `${list} (hoisted to the root package.json, with its config file here)`;
  };
  // What builds the package (its scripts, then its config files) before a bare dependency.
  const BUNDLERS = ['vite', 'react-scripts', 'webpack', 'parcel', '@vitejs/plugin-react', '@rsbuild/core', '@vue/cli-service'];
  const chosen = chooseBundler(BUNDLERS, deps, pkg.manifest.scripts, pkg.markers ?? []);
  const bundler = chosen?.tool;
  /** The evidence: the framework dependencies, plus what the scripts or a config file run when no dependency alone says it. */
  const fromBundler = (...names: string[]): string => {
    const byDependency = BUNDLERS.find(has);
    if (!bundler || (byDependency && bundlerName(byDependency) === bundlerName(bundler))) return from(...names, ...(byDependency ? [byDependency] : []));
    return `${from(...names)}; its ${chosen?.by === 'scripts' ? 'scripts run' : 'config file is for'} ${bundler}`;
  };
  // The root counts as a published package only when it is not a workspace root.
  const published = (!pkg.isRoot || !pkg.manifest.workspaces) && Boolean(codeEntry(pkg.manifest.main) || pkg.manifest.exports || pkg.manifest.module);
  // A published package with a framework only in peer/dev dependencies is an integration library, not an app.
  const app = (name: string): boolean => has(name) && (!published || pkg.manifest.dependencies?.[name] !== undefined || name in hoisted);

  // cdk.json's `app` naming a file that creates the App makes it a CDK app, whatever `main` says (`npm init` writes one).
  if (published && has('aws-cdk-lib') && !app('aws-cdk-lib') && !(index && runsCdkApp(index, pkg))) {
    const field = pkg.manifest.peerDependencies?.['aws-cdk-lib'] !== undefined ? 'peer dependency' : 'dev dependency';
    return { id: 'library', label: 'AWS CDK construct library', because: `its aws-cdk-lib ${field} and \`main\`/\`exports\` fields` };
  }
  if (has('aws-cdk-lib')) return { id: 'cdk-app', label: 'AWS CDK app (infrastructure as code)', because: from('aws-cdk-lib') };
  if (has('@aws-cdk/core')) return { id: 'cdk-app', label: 'AWS CDK v1 app', because: from('@aws-cdk/core') };
  const docs = ['@docusaurus/core', 'vitepress', 'nextra', '@astrojs/starlight'].find(app);
  if (docs) return { id: 'docs-site', label: `Documentation site (${DOCS[docs]})`, because: from(docs) };
  const studio = sanityStudio(pkg, app('sanity'));
  if (studio) return { id: 'cms-studio', label: 'Sanity Studio (CMS content studio)', because: `${from('sanity')}; ${studio}` };
  // A package that exports a library and has no next.config nor an app/ or pages/ folder only builds on Next.js (a
  // feature-flags package importing `next/headers`): the `next` dependency alone does not make it an app.
  if (app('next') && !(published && index && !nextAppShape(index, pkg.dir))) return { id: 'nextjs', label: 'Next.js app', because: from('next') };
  if (app('astro') && index && astroComponentLibrary(pkg, (f) => index.hasDir(pkg.dir ? `${pkg.dir}/${f}` : f))) {
    return { id: 'library', label: 'Astro component library', because: `${from('astro')}, with a \`main\`/\`exports\` entry and no \`src/pages\` folder` };
  }
  if (app('astro')) return { id: 'astro', label: 'Astro site', because: from('astro') };
  const start = ['@tanstack/react-start', '@tanstack/start'].find(app);
  if (start) return { id: 'react-ssr', label: 'TanStack Start app', because: from(start) };
  const remix = some(/^@remix-run\//);
  if (remix && app(remix)) return { id: 'remix', label: 'Remix app', because: from(remix) };
  // React Router 7 in framework mode (its Vite plugin and route modules, server-rendered unless `ssr: false`).
  if (app('@react-router/dev')) return { id: 'remix', label: 'React Router framework app', because: from('@react-router/dev') };
  if (app('@sveltejs/kit')) return { id: 'sveltekit', label: 'SvelteKit app', because: from('@sveltejs/kit') };
  if (app('nuxt')) return { id: 'nuxt', label: 'Nuxt app', because: from('nuxt') };
  // A package that only shares React Native code (hooks, components) has no app config, entry or native folders.
  const markers = pkg.markers ?? [];
  const nativeApp = markers.some((m) => /^(app\.json|app\.config\.|metro\.config\.|eas\.json|ios|android)/.test(m));
  if (app('expo') && (nativeApp || pkg.isRoot)) return { id: 'react-native', label: 'Expo app (React Native)', because: from('expo') };
  if (app('react-native') && (nativeApp || pkg.isRoot)) return { id: 'react-native', label: 'React Native app', because: from('react-native') };
  if (app('react-native') || app('expo')) {
    return { id: 'library', label: 'React Native shared code', because: `${from(has('expo') ? 'expo' : 'react-native')}, without an app config or native folders` };
  }
  if (app('@angular/core')) return { id: 'angular', label: 'Angular app', because: from('@angular/core') };
  if (app('react') && bundler && has('react-dom')) {
    return { id: 'react-spa', label: `React SPA (${bundlerName(bundler)})`, because: fromBundler('react', 'react-dom') };
  }
  if (app('vue') && bundler) return { id: 'vue-spa', label: `Vue SPA (${bundlerName(bundler)})`, because: fromBundler('vue') };
  if (app('svelte') && bundler) return { id: 'svelte-spa', label: `Svelte SPA (${bundlerName(bundler)})`, because: fromBundler('svelte') };
  if (app('solid-js') && bundler) return { id: 'react-spa', label: `Solid SPA (${bundlerName(bundler)})`, because: fromBundler('solid-js') };
  // A runtime dependency the package's own source never imports says nothing about what it is (a leftover `express`
  // in an SQS consumer): with the index at hand, only a dependency that is imported — or one that cannot be checked,
  // for a folder without source files — decides the kind, and the evidence names the import.
  const used = (name: string): 'yes' | 'no' | 'unknown' => (index ? importsDependency(index, pkg, name) : 'unknown');
  const server = Object.keys(SERVERS).find((s) => pkg.manifest.dependencies?.[s] !== undefined && used(s) !== 'no');
  const services = server && index ? servedThrough(index, pkg, Object.keys(SERVERS), (p) => packageKind(p, index)?.id === 'http-server') : [];
  if (server && services.length > 0) {
    const names = services.map((p) => p.name).sort();
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : `${names.slice(0, -1).join(', ')}${names.length > 1 ? ' and ' : ''}${names[names.length - 1]}`;
    return { id: 'library', label: `${SERVERS[server]} server library`, because: `${from(server)}; ${shown} run their servers through it` };
  }
  if (server) return { id: 'http-server', label: `HTTP server (${SERVERS[server]})`, because: from(server) };
  const through = index ? serverThroughLibrary(index, pkg, Object.keys(SERVERS)) : undefined;
  if (through) return { id: 'http-server', label: `HTTP server (${SERVERS[through.framework]})`, because: `${from(through.lib.name)}, a ${SERVERS[through.framework]} server library it imports` };
  if (runtimeDep(pkg, '@temporalio/worker')) return { id: 'worker', label: 'Temporal worker (workflows and activities)', because: from('@temporalio/worker') };
  const queues = ['bullmq', 'bull', 'bee-queue', 'agenda', 'pg-boss', 'graphile-worker', 'sqs-consumer', '@aws-sdk/client-sqs'];
  const queue = queues.find((q) => runtimeDep(pkg, q) && used(q) !== 'no');
  // `main: index.js` is what `npm init` writes: a consumer whose code imports the queue library is a worker, unless
  // the package shows it is published (publishConfig, files, peer dependencies).
  const shipped = published && ['publishConfig', 'files', 'peerDependencies'].some((k) => (pkg.manifest as Record<string, unknown>)[k] !== undefined);
  const worker = queue && (!published || (!shipped && used(queue) === 'yes'));
  if (queue && worker && (queue !== '@aws-sdk/client-sqs' || runtimeDep(pkg, 'sqs-consumer'))) {
    return { id: 'worker', label: `Background worker (${queue})`, because: from(queue) };
  }
  const lambda = ['@types/aws-lambda', '@middy/core', 'aws-lambda'].find(has) ?? some(/^@aws-lambda-powertools\//);
  // A Lambda package often has `main` and no `private`: that does not make it a published library.
  // Publishing intent shows as `publishConfig`, a `files` list or peer dependencies.
  const m = pkg.manifest as { publishConfig?: unknown; files?: unknown; peerDependencies?: unknown };
  const publishedForReal = published && (m.publishConfig !== undefined || m.files !== undefined || m.peerDependencies !== undefined);
  if (lambda && !publishedForReal && !has('aws-cdk-lib')) return { id: 'lambda', label: 'AWS Lambda handlers', because: from(lambda) };
  // Infrastructure deploys the folder as a Lambda's code: its package.json describes the bundle, not a library.
  const site = index ? functionCodeSiteOf(index, pkg.dir) : undefined;
  if (site) {
    const what = site.layer ? 'AWS Lambda layer' : 'AWS Lambda function code';
    return { id: 'lambda', label: what, because: `\`${site.how}\` at \`/${site.file}:${site.line}\`, which deploys it as ${site.layer ? 'layer' : 'function'} code` };
  }
  // `layers/googleapis/nodejs/` holding only package.json and a lockfile: the dependencies a Lambda layer ships
  // (`nodejs/node_modules` is where the runtime looks), whatever a copied manifest says.
  if (index && LAYER_NODEJS.test(pkg.dir) && index.filesUnder(pkg.dir).every((f) => MANIFEST_ONLY.test(f.slice(pkg.dir.length + 1)))) {
    return { id: 'lambda', label: 'AWS Lambda layer dependencies', because: `its folder, ${pkg.dir}/, which holds only its manifest` };
  }
  // `"main": "serverless.ts"`: the package is the Serverless service that file configures, not a library — when the
  // file is there (a manifest copied into a layer folder keeps a `main` that names nothing).
  const main = typeof pkg.manifest.main === 'string' ? pkg.manifest.main.replace(/^\.\//, '') : '';
  if (/^serverless\.(ya?ml|ts|js|json)$/.test(main) && (!index || index.has(pkg.dir ? `${pkg.dir}/${main}` : main))) {
    return { id: 'serverless', label: 'Serverless Framework service', because: `its \`main\` field naming its Serverless config, ${main}` };
  }
  if (has('serverless') && !published) return { id: 'serverless', label: 'Serverless Framework service', because: from('serverless') };
  if (pkg.manifest.bin && !published) return { id: 'cli', label: 'Command-line tool', because: 'its `bin` field' };
  const contracts = smartContracts(pkg, deps, from);
  if (contracts) return contracts;
  const told = toldByTool(pkg, index, deps, from);
  if (told) return told;
  const short = shortName(pkg);
  const config = short.match(/^(?:(eslint|prettier|tailwind|typescript|ts|jest|vitest|babel|stylelint|commitlint)-?config|tsconfig|config-(\w+))$/i);
  if (config) {
    const tool = (config[1] ?? config[2] ?? 'typescript').toLowerCase().replace(/^ts$/, 'typescript');
    return { id: 'tool-config', label: `Shared ${TOOL_NAMES[tool] ?? tool} configuration`, because: `its package name, ${pkg.name}` };
  }
  // `@v1/typescript` holding only `base.json`, `nextjs.json`: a tool's name, and nothing but JSON to share.
  const tool = short.toLowerCase();
  if (TOOL_NAMES[tool] && index && !pkg.isRoot) {
    const files = index.filesUnder(pkg.dir).filter((f) => !/(^|\/)(package\.json|README\.md)$/i.test(f));
    if (files.length > 0 && files.every((f) => f.endsWith('.json'))) {
      return { id: 'tool-config', label: `Shared ${TOOL_NAMES[tool]} configuration`, because: `its package name, ${pkg.name}, and its files: JSON only` };
    }
  }
  if (/(^|[-_.])(sdk|client)($|[-_.])/i.test(short)) return { id: 'sdk', label: 'Client SDK', because: `its package name, ${pkg.name}` };
  // A published package that calls itself an SDK is one, whatever its name (`inngest`: "Official SDK for Inngest.com").
  if (published && describedAsSdk(pkg.manifest)) return { id: 'sdk', label: 'Client SDK', because: 'its package.json description' };
  if (/^(shared|common|core|types|utils?|lib)$/i.test(short)) {
    return { id: 'shared', label: 'Shared code for the other packages', because: `its package name, ${pkg.name}` };
  }
  // `main` is also what a deployed program's manifest names: a start script running the package's own files, or a
  // Dockerfile beside it, says it runs on its own rather than being imported.
  const runs = published ? runsOnItsOwn(pkg) : undefined;
  if (runs) return { id: 'service', label: 'Runnable service', because: runs };
  // Internal libraries named by the one framework they wrap: the dependency says what they are for.
  const runtime = (name: string): boolean => pkg.manifest.dependencies?.[name] !== undefined;
  if (runtime('@trpc/server')) return { id: 'library', label: 'tRPC API (routers and procedures)', because: from('@trpc/server') };
  const orm = ['drizzle-orm', '@prisma/client', 'kysely', 'typeorm', 'mongoose', '@mikro-orm/core'].find(runtime);
  if (orm) return { id: 'library', label: `Data access (${ORM_NAMES[orm]})`, because: from(orm) };
  const auth = ['better-auth', 'next-auth', '@auth/core', 'lucia', '@clerk/backend', 'passport'].find(runtime);
  if (auth) return { id: 'library', label: 'Authentication', because: from(auth) };
  if (published && pkg.manifest.peerDependencies?.react !== undefined) {
    return { id: 'library', label: 'React library', because: 'its react peer dependency and `main`/`exports` fields' };
  }
  if (published) {
    return { id: 'library', label: 'Library', because: 'its `main`/`exports` fields' };
  }
  return undefined;
}

/** `@kv/dashboard` → `dashboard`; the folder name when the package has no name. */
export function shortName(pkg: WorkspacePackage): string {
  // The name as written: a name the index qualified with its folder (`@repo/utils (examples/b/packages/utils)`, two
  // packages sharing it) still says what the package is.
  const name = typeof pkg.manifest.name === 'string' && pkg.manifest.name ? pkg.manifest.name : pkg.name;
  return name.replace(/^@[^/]+\//, '');
}

function bundlerName(dep: string): string {
  if (dep.includes('vite')) return 'Vite';
  if (dep === 'react-scripts') return 'Create React App';
  if (dep.includes('rsbuild')) return 'Rsbuild';
  if (dep === '@vue/cli-service') return 'Vue CLI';
  return dep.charAt(0).toUpperCase() + dep.slice(1);
}

/** `node dist/index.mjs`, `node --enable-source-maps build/server.js`, `bun src/index.ts`: a file of the package. */
const RUNS_OWN_FILE = /^(?:cross-env\s+(?:\w+=\S*\s+)*)?(?:\w+=\S*\s+)*(?:node|bun|tsx|ts-node)\s+(?:--?[\w-]+(?:=\S+)?\s+)*(\.?\.?\/?[\w.-]+(?:\/[\w.-]+)*\.[cm]?[jt]sx?)(?:\s|$)/;

/** What shows the package is run rather than imported: its `start` script or a Dockerfile beside its manifest. */
function runsOnItsOwn(pkg: WorkspacePackage): string | undefined {
  const start = pkg.manifest.scripts?.start;
  const run = typeof start === 'string' ? RUNS_OWN_FILE.exec(start.trim())?.[0].trim() : undefined;
  const docker = (pkg.markers ?? []).find((m) => /^Dockerfile/.test(m));
  const parts = [run && `its \`start\` script \`${run}\``, docker && `the ${docker} beside it`].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

function runtimeDep(pkg: WorkspacePackage, name: string): boolean {
  return pkg.manifest.dependencies?.[name] !== undefined;
}

/**
 * Packages whose one tool says what they hold: Trigger.dev tasks, React Email templates, a Supabase project folder
 * (`supabase/config.toml`, what `supabase init` writes). The evidence is named: a dependency or the config's path.
 */
function toldByTool(
  pkg: WorkspacePackage,
  index: RepoIndex | undefined,
  deps: Record<string, string>,
  from: (...names: string[]) => string,
): PackageKind | undefined {
  if (pkg.manifest.dependencies?.['@trigger.dev/sdk'] !== undefined) {
    return { id: 'worker', label: 'Background jobs (Trigger.dev tasks)', because: from('@trigger.dev/sdk') };
  }
  const email = ['react-email', '@react-email/components'].find((d) => d in deps) ?? Object.keys(deps).sort().find((d) => d.startsWith('@react-email/'));
  if (email) return { id: 'library', label: 'Email templates (React Email)', because: from(email) };
  const config = `${pkg.dir ? `${pkg.dir}/` : ''}supabase/config.toml`;
  // A monorepo's root holding the Supabase folder is more than that project.
  if (index?.has(config) && !(pkg.isRoot && index.packages.length > 1)) {
    const dir = config.slice(0, -'config.toml'.length);
    const parts = [index.hasDir(`${dir}migrations`) && 'database migrations', index.hasDir(`${dir}functions`) && 'edge functions', index.has(`${dir}seed.sql`) && 'seed data'];
    const holds = parts.filter((x): x is string => !!x);
    return { id: 'library', label: `Supabase project (local config${holds.map((h) => `, ${h}`).join('')})`, because: `\`/${config}\`` };
  }
  return undefined;
}

function runsCdkApp(index: RepoIndex, pkg: WorkspacePackage): boolean {
  const entry = cdkAppEntry(index, pkg.dir);
  return entry !== undefined && CREATES_CDK_APP.test(index.read(entry) ?? '');
}

/** A next.config file, or an `app/` or `pages/` folder (at the top or under `src/`): what `next build` builds. */
function nextAppShape(index: RepoIndex, dir: string): boolean {
  const base = dir ? `${dir}/` : '';
  if (['js', 'mjs', 'cjs', 'ts', 'mts'].some((ext) => index.has(`${base}next.config.${ext}`))) return true;
  return ['app', 'pages', 'src/app', 'src/pages'].some((d) => index.hasDir(`${base}${d}`));
}
