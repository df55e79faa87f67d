import type { PackageKindId } from '../stack/kind.js';

export interface KeyDirectory {
  /** Repo-relative folder. */
  readonly dir: string;
  /** 1 for a direct child of the package folder, 2 for a grandchild. */
  readonly depth: 1 | 2;
  /** Files under it, recursively. */
  readonly files: number;
  /** What it holds, from its name (`Lambda handlers`) — undefined when the name says nothing. */
  readonly role?: string;
  /** Its subfolders (names), sorted, for folders whose children are not listed as rows. */
  readonly subfolders: readonly string[];
  /** Up to five of its own file names (not in subfolders), sorted. */
  readonly sample: readonly string[];
  /** How many files it holds directly (not in subfolders). */
  readonly direct: number;
  /** The dominant file extension (`.tsx`). */
  readonly extension?: string;
  /** Folders of packages nested inside it (their files are in `files`): `app/` holding the package `app/core`. */
  readonly packages?: readonly string[];
}

/** A package nested in the one whose folders are listed, with its own file count. */
export interface NestedPackage {
  readonly dir: string;
  readonly files: number;
}

/** Never worth listing: generated, vendored or cache folders. */
const IGNORED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.astro', 'cdk.out', '.next', '.turbo', '.vercel', '.cache', '.svelte-kit', '.nuxt', '.output', '.git', '.idea', '.vscode', '.yarn', '.pnpm-store']);

/** Folders whose children are worth listing too: they hold the source tree. */
const CONTAINERS = new Set(['src', 'lib', 'app', 'source', 'server', 'client', 'api', 'functions', 'infra', 'infrastructure', 'apps', 'services']);

const ROLES: Record<string, string> = {
  src: 'source code',
  lib: 'library code',
  bin: 'executables / app entry',
  app: 'application code',
  test: 'tests',
  tests: 'tests',
  __tests__: 'tests',
  spec: 'tests',
  e2e: 'end-to-end tests',
  fixtures: 'test fixtures',
  __mocks__: 'test mocks',
  mocks: 'mocks',
  scripts: 'scripts',
  docs: 'documentation',
  doc: 'documentation',
  examples: 'examples',
  public: 'static assets served as-is',
  static: 'static assets',
  assets: 'assets',
  styles: 'stylesheets',
  css: 'stylesheets',
  components: 'UI components',
  ui: 'UI components',
  pages: 'page components',
  routes: 'routes',
  layouts: 'page layouts',
  views: 'views',
  screens: 'screens',
  hooks: 'hooks',
  providers: 'providers',
  store: 'state store',
  stores: 'state stores',
  state: 'state management',
  content: 'content (Markdown/MDX collections)',
  middleware: 'middleware',
  middlewares: 'middleware',
  repositories: 'data-access repositories',
  repository: 'data-access repositories',
  models: 'data models',
  entities: 'data entities',
  schemas: 'schemas',
  schema: 'schemas',
  migrations: 'database migrations',
  services: 'services',
  controllers: 'controllers',
  resolvers: 'resolvers',
  authorizers: 'API Gateway authorizers',
  triggers: 'event triggers',
  stacks: 'CDK stacks',
  constructs: 'CDK constructs',
  types: 'type definitions',
  typings: 'type definitions',
  utils: 'utilities',
  util: 'utilities',
  helpers: 'helpers',
  config: 'configuration',
  configs: 'configuration',
  constants: 'constants',
  i18n: 'translations',
  locales: 'translations',
  workflows: 'workflows',
  '.github': 'GitHub settings and CI',
  '.husky': 'Git hooks',
  '.changeset': 'Changesets release notes',
  '.storybook': 'Storybook configuration',
  packages: 'workspace packages',
  apps: 'workspace apps',
  features: 'feature modules',
  modules: 'modules',
  plugins: 'plugins',
  errors: 'error types',
  clients: 'API clients',
  client: 'client code',
  server: 'server code',
  jobs: 'background jobs',
  workers: 'workers',
  events: 'event handlers',
  commands: 'commands',
  cli: 'command-line interface',
  templates: 'templates',
  generated: 'generated code',
  auth: 'authentication',
  router: 'routers',
  routers: 'routers',
  db: 'database access',
  database: 'database access',
  emails: 'email templates',
  drizzle: 'Drizzle files (migrations, snapshots)',
  webhooks: 'webhook handlers',
};

/** Files only the Next.js App Router gives a meaning to (`page.tsx`, `layout.tsx`, `route.ts`, …). */
const APP_ROUTER_FILE = /^(page|layout|route|template|loading|error|not-found|default|global-error)\.(jsx?|tsx?|mdx?)$/;

/** What the package is built with, for folder names whose meaning depends on it. */
export interface FolderContext {
  readonly kind: PackageKindId | undefined;
  readonly cdk: boolean;
  /** Dependency names of the package (own and hoisted). */
  readonly deps: ReadonlySet<string>;
  /** The package folder holds an AWS SAM template (its `events/` are then `sam local invoke` payloads). */
  readonly samTemplate?: boolean;
  /** Reads a repository file, for the few folders whose role only their code tells (`queues/`). */
  readonly read?: (file: string) => string | undefined;
  /** Files a CDK app starts from (`cdkEntryFiles`): `bin/` is the CDK app entry only when it holds one. */
  readonly cdkEntries?: readonly string[];
}

const FRONTEND_KINDS: ReadonlySet<string> = new Set(['react-spa', 'vue-spa', 'svelte-spa', 'angular', 'react-native', 'astro', 'docs-site']);
const SERVER_KINDS: ReadonlySet<string> = new Set(['http-server', 'lambda', 'serverless']);

/**
 * Roles that depend on what the package is (a `handlers/` folder in a Lambda package holds Lambda handlers) and on
 * where the folder is: `workflows/` is CI only under `.github/`; elsewhere it is what the dependencies say (Temporal).
 */
function roleOf(path: readonly string[], sample: readonly string[], context: FolderContext, names: readonly string[] = [], folder = path.join('/')): string | undefined {
  const { kind, cdk, deps } = context;
  const name = path[path.length - 1];
  const parent = path[path.length - 2];
  const n = name.toLowerCase();
  if (n === 'workflows') {
    if (parent === '.github') return 'CI workflows';
    if ([...deps].some((d) => d.startsWith('@temporalio/'))) return 'Temporal workflows';
    if (deps.has('inngest')) return 'Inngest functions';
    return 'workflows';
  }
  if (n === 'activities' && [...deps].some((d) => d.startsWith('@temporalio/'))) return 'Temporal activities';
  // A folder of Markdown/MDX pages and no code documents things; it does not hold them (EventCatalog's `events/`).
  if (CODE_NAMED.has(n) && names.some((f) => DOC_FILE.test(f)) && !names.some((f) => CODE_FILE.test(f))) {
    return deps.has('@eventcatalog/core') ? `EventCatalog ${n} (MDX pages)` : 'documentation pages (Markdown/MDX)';
  }
  // `components/` of a worker or server package holds modules, not UI: UI only with UI files or in a frontend.
  if ((n === 'components' || n === 'ui') && !holdsUi(names, context)) return undefined;
  if (n === 'hooks') return deps.has('react') || deps.has('react-native') || deps.has('preact') ? 'React hooks' : 'hooks';
  if (n === 'api') return apiFolderRole(sample, kind, names, folder, context.read);
  if (n === 'queues' || n === 'queue') return queueFolderRole(folder, sample, context.read);
  if (n === 'context' || n === 'contexts') return contextFolderRole(folder, sample, context.read);
  // Named by what the files show, not the folder's name: `prisma/` may hold only a `.env`, and `graphql/` the
  // client's query strings rather than a schema.
  if (n === 'prisma') return names.some((f) => f.endsWith('.prisma')) ? 'Prisma schema' : undefined;
  if (n === 'graphql') return graphqlFolderRole(names);
  if (n === 'handlers' || n === 'functions' || n === 'lambdas' || n === 'lambda') {
    return kind === 'lambda' || cdk ? 'Lambda handlers' : 'handlers';
  }
  // `events/` holds handlers only when it holds code; JSON beside a SAM template is `sam local invoke -e` input.
  if (n === 'events' && !names.some((f) => CODE_FILE.test(f))) {
    return context.samTemplate && path.length === 1 && names.every((f) => f.endsWith('.json')) ? 'sample events (sam local invoke)' : undefined;
  }
  if (n === 'pages' && kind === 'astro') return 'Astro pages (file-based routes)';
  if (n === 'pages' && kind === 'nextjs') return 'Next.js pages (file-based routes)';
  // `app/` is the App Router only when it holds its files; a Pages Router app may keep page components in `src/app/`.
  if (n === 'app' && kind === 'nextjs' && names.some((f) => APP_ROUTER_FILE.test(f))) return 'Next.js app router (file-based routes)';
  if (n === 'routes' && (kind === 'sveltekit' || kind === 'remix')) return 'file-based routes';
  if (n === 'bin' && cdk && (context.cdkEntries === undefined || context.cdkEntries.some((f) => f.startsWith(`${folder}/`)))) return 'CDK app entry';
  if (n === 'lib' && cdk) return 'CDK stacks and constructs';
  return Object.prototype.hasOwnProperty.call(ROLES, n) ? ROLES[n] : undefined;
}

const CONSUMES = /\bnew\s+Worker\s*[(<]|\.process\s*\(|\bcreateWorker\s*\(|\bConsumer\.create\s*\(/;
const PRODUCES = /\bnew\s+(Queue|Bull|BeeQueue)\s*[(<]/;

/**
 * A `queues/` folder may define queues (BullMQ `new Queue(…)`, where jobs are added) or consume them (`new Worker(…)`,
 * `queue.process(…)`): its code says which, not its name. Neutral when the code shows neither.
 */
function queueFolderRole(folder: string, direct: readonly string[], read: FolderContext['read']): string {
  const texts = direct.filter((f) => CODE_FILE.test(f)).slice(0, 20).map((f) => read?.(`${folder}/${f}`) ?? '');
  const consumes = texts.some((t) => CONSUMES.test(t));
  const produces = texts.some((t) => PRODUCES.test(t));
  if (consumes && produces) return 'queues and their consumers';
  if (consumes) return 'queue consumers';
  if (produces) return 'queue definitions (producers)';
  return 'queues';
}

const REACT_CONTEXT = /\bcreateContext\s*[(<]|\buseContext\s*\(|from\s+['"](?:react|preact(?:\/compat)?)['"]/;

/**
 * A `context/` folder holds React contexts only when its code shows React (`createContext`, a react import); a Hono
 * or Koa backend keeps its request-context types there (`import type { Context } from 'hono'`).
 */
function contextFolderRole(folder: string, direct: readonly string[], read: FolderContext['read']): string {
  const texts = direct.filter((f) => CODE_FILE.test(f)).slice(0, 20).map((f) => read?.(`${folder}/${f}`) ?? '');
  return texts.some((t) => REACT_CONTEXT.test(t)) ? 'React contexts' : 'contexts';
}

/** Folder names whose role is code (`handlers`, `services`): wrong for a folder of documentation pages. */
const CODE_NAMED: ReadonlySet<string> = new Set(['handlers', 'functions', 'lambdas', 'lambda', 'events', 'webhooks', 'jobs', 'workers', 'queues', 'controllers', 'resolvers', 'middleware', 'middlewares', 'authorizers', 'triggers', 'commands', 'services', 'routers', 'router', 'repositories', 'repository', 'clients', 'stacks', 'constructs', 'hooks', 'utils', 'util', 'helpers', 'api', 'channels', 'domains', 'flows']);
const DOC_FILE = /\.(mdx?|markdown)$/i;
const CODE_FILE = /\.(m?[jt]sx?|cjs|cts|py|go|rb|java|kt|cs|rs|php|ex|exs|scala|swift)$/i;
const UI_FILE = /\.(jsx|tsx|vue|svelte|astro)$/i;
const UI_DEPS = /^(react|react-dom|react-native|preact|vue|svelte|solid-js|@angular\/core|lit|@builder\.io\/qwik)$/;

/** A folder of UI components: UI files in it, or a frontend package (components written as plain .js/.ts). */
function holdsUi(names: readonly string[], context: FolderContext): boolean {
  if (names.some((f) => UI_FILE.test(f))) return true;
  if (context.kind && FRONTEND_KINDS.has(context.kind)) return true;
  return [...context.deps].some((d) => UI_DEPS.test(d));
}

/**
 * The package's folders at depth one, and depth two inside source containers (`src/handlers/`), with file counts and
 * what they hold. `own` are the package's files relative to the repository; `dir` its folder.
 */
export function keyDirectories(dir: string, own: readonly string[], context: FolderContext, limit = 24, nested: readonly NestedPackage[] = []): KeyDirectory[] {
  const prefix = dir ? `${dir}/` : '';
  interface Stat {
    files: number;
    subfolders: Set<string>;
    direct: string[];
    /** Every file name under the folder, for roles told by the files (`graphqlFolderRole`). */
    names: string[];
    exts: Map<string, number>;
  }
  const stats = new Map<string, Stat>();
  const stat = (rel: string): Stat => {
    let s = stats.get(rel);
    if (!s) stats.set(rel, (s = { files: 0, subfolders: new Set(), direct: [], names: [], exts: new Map() }));
    return s;
  };
  for (const file of own) {
    const parts = file.slice(prefix.length).split('/');
    if (parts.length < 2) continue;
    // A file in an ignored folder (`android/.idea/`) gets no row of its own, but still counts in the folders above it
    // (and is named among their subfolders), so a folder's count agrees with the package's total.
    const hidden = parts.slice(0, -1).some((p) => IGNORED.has(p));
    const ext = parts[parts.length - 1].match(/(\.[a-z0-9]+)$/i)?.[1]?.toLowerCase();
    for (let d = 1; d <= Math.min(2, parts.length - 1); d++) {
      if (IGNORED.has(parts[d - 1])) break;
      const s = stat(parts.slice(0, d).join('/'));
      s.files++;
      if (hidden) {
        if (parts.length - 1 > d) s.subfolders.add(parts[d]);
        continue;
      }
      s.names.push(parts[parts.length - 1]);
      if (ext) s.exts.set(ext, (s.exts.get(ext) ?? 0) + 1);
      if (parts.length - 1 > d) s.subfolders.add(parts[d]);
      else s.direct.push(parts[d]);
    }
  }
  const out: KeyDirectory[] = [];
  for (const rel of [...stats.keys()].sort()) {
    const parts = rel.split('/');
    if (parts.length === 2 && !CONTAINERS.has(parts[0])) continue;
    const s = stats.get(rel)!;
    const name = parts[parts.length - 1];
    const role = roleOf(parts, s.direct, context, s.names, prefix + rel);
    const listsChildren = parts.length === 1 && CONTAINERS.has(name);
    // A folder's count is all of its files: a package nested in it (listed on its own) counts too, and is named.
    const inside = nested.filter((p) => p.dir.startsWith(`${prefix + rel}/`));
    out.push({
      dir: prefix + rel,
      depth: parts.length as 1 | 2,
      files: s.files + inside.reduce((sum, p) => sum + p.files, 0),
      ...(inside.length > 0 ? { packages: inside.map((p) => p.dir).sort() } : {}),
      role,
      subfolders: listsChildren ? [] : [...s.subfolders].sort(),
      sample: s.direct.filter((f) => !f.startsWith('.')).sort().slice(0, 5),
      direct: s.direct.length,
      extension: [...s.exts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0],
    });
  }
  return out.slice(0, limit);
}

/**
 * An `api/` folder: route handlers in a server, Next.js route handlers, or the calls a frontend makes — told apart by
 * a server started in it (`apps/api/src/main.ts` with `NestFactory.create`), its files' names (`*.controller.ts`,
 * `routes.ts` vs `client.ts`, `queries.ts`), then by the package's kind. An Nx `apps/api` inside an Angular
 * workspace is the server, whatever the workspace's kind.
 */
function apiFolderRole(sample: readonly string[], kind: PackageKindId | undefined, all: readonly string[], folder: string, read: FolderContext['read']): string {
  if (read && SERVER_ENTRIES.some((f) => SERVER_START.test(read(`${folder}/${f}`) ?? ''))) return 'API server (routes, controllers)';
  const names = sample.join(' ').toLowerCase();
  if (/controller|route|handler|router|endpoint|resolver|procedure/.test(names)) return 'API handlers (routes, controllers)';
  if (/client|fetch|axios|quer(y|ies)|request|service/.test(names)) return 'API client / calls';
  if (kind === 'nextjs') return 'Next.js API routes';
  if (kind && SERVER_KINDS.has(kind)) return 'API handlers';
  // Controllers deeper in the folder (`src/app/user/user.controller.ts`) are a server's, not a client's.
  if (all.some((f) => /\.(controller|resolver|routes?|router)\.[cm]?[jt]s$/i.test(f))) return 'API handlers (routes, controllers)';
  if (kind && FRONTEND_KINDS.has(kind)) return 'API client / calls';
  return 'API code';
}

const SERVER_ENTRIES = ['src/main.ts', 'src/main.js', 'main.ts', 'main.js', 'src/server.ts', 'src/server.js', 'server.ts', 'server.js', 'src/index.ts', 'src/index.js', 'index.ts', 'index.js', 'src/app.ts', 'app.ts'];
/** Code that starts an HTTP server: Nest, Express, Fastify, Hono, Koa, Elysia. */
const SERVER_START = /\bNestFactory\.create\w*\s*[(<]|\bexpress\s*\(\s*\)|\bfastify\s*\(|\bFastify\s*\(|\bnew\s+(Hono|Koa|Elysia)\s*\(/;

/** A `graphql/` folder: a schema (schema/typeDefs/resolvers files), the operations a client sends, or neither said. */
function graphqlFolderRole(names: readonly string[]): string {
  const all = names.join(' ').toLowerCase();
  if (/schema|typedefs|type-defs|type_defs|resolver/.test(all)) return 'GraphQL schema and resolvers';
  if (/quer(y|ies)|mutation|fragment|subscription/.test(all)) return 'GraphQL operations (queries, mutations)';
  return 'GraphQL files';
}
