import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';

export type PackageKindId =
  | 'cdk-app'
  | 'nextjs'
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
  | 'lambda'
  | 'serverless'
  | 'cli'
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
  '@nestjs/core': 'NestJS',
  '@hapi/hapi': 'hapi',
};

/** Client-side kinds: drawn in the top row of the architecture diagram. */
export const CLIENT_KINDS: ReadonlySet<PackageKindId> = new Set([
  'nextjs', 'astro', 'remix', 'sveltekit', 'nuxt', 'react-native', 'angular', 'react-spa', 'vue-spa', 'svelte-spa', 'sdk', 'cli',
]);

/**
 * What kind of package this is, from its manifest alone (dependencies, `bin`, name). Cheap and explainable: the
 * answer always says which evidence it rests on; undefined when nothing says.
 */
export function packageKind(pkg: WorkspacePackage): PackageKind | undefined {
  const deps = allDependencies(pkg.manifest);
  const has = (name: string): boolean => name in deps;
  const some = (re: RegExp): string | undefined => Object.keys(deps).sort().find((d) => re.test(d));
  const from = (...names: string[]): string => `${names.join(', ')} ${names.length > 1 ? 'dependencies' : 'dependency'}`;
  const bundler = ['vite', 'react-scripts', 'webpack', 'parcel', '@vitejs/plugin-react', '@rsbuild/core'].find(has);

  if (has('aws-cdk-lib')) return { id: 'cdk-app', label: 'AWS CDK app (infrastructure as code)', because: from('aws-cdk-lib') };
  if (has('@aws-cdk/core')) return { id: 'cdk-app', label: 'AWS CDK v1 app', because: from('@aws-cdk/core') };
  if (has('next')) return { id: 'nextjs', label: 'Next.js app', because: from('next') };
  if (has('astro')) return { id: 'astro', label: 'Astro site', because: from('astro') };
  const remix = some(/^@remix-run\//);
  if (remix) return { id: 'remix', label: 'Remix app', because: from(remix) };
  if (has('@sveltejs/kit')) return { id: 'sveltekit', label: 'SvelteKit app', because: from('@sveltejs/kit') };
  if (has('nuxt')) return { id: 'nuxt', label: 'Nuxt app', because: from('nuxt') };
  if (has('react-native')) return { id: 'react-native', label: 'React Native app', because: from('react-native') };
  if (has('@angular/core')) return { id: 'angular', label: 'Angular app', because: from('@angular/core') };
  if (has('react') && bundler && has('react-dom')) {
    return { id: 'react-spa', label: `React SPA (${bundlerName(bundler)})`, because: from('react', 'react-dom', bundler) };
  }
  if (has('vue') && bundler) return { id: 'vue-spa', label: `Vue SPA (${bundlerName(bundler)})`, because: from('vue', bundler) };
  if (has('svelte') && bundler) return { id: 'svelte-spa', label: `Svelte SPA (${bundlerName(bundler)})`, because: from('svelte', bundler) };
  const server = Object.keys(SERVERS).find((s) => pkg.manifest.dependencies?.[s] !== undefined);
  if (server) return { id: 'http-server', label: `HTTP server (${SERVERS[server]})`, because: from(server) };
  const lambda = ['@types/aws-lambda', '@middy/core', 'aws-lambda'].find(has) ?? some(/^@aws-lambda-powertools\//);
  if (lambda) return { id: 'lambda', label: 'AWS Lambda handlers', because: from(lambda) };
  if (has('serverless')) return { id: 'serverless', label: 'Serverless Framework service', because: from('serverless') };
  if (pkg.manifest.bin && !pkg.isRoot) return { id: 'cli', label: 'Command-line tool', because: 'its `bin` field' };
  const short = shortName(pkg);
  if (/(^|[-_.])(sdk|client)($|[-_.])/i.test(short)) return { id: 'sdk', label: 'Client SDK', because: `its package name, ${pkg.name}` };
  if (/^(shared|common|core|types|utils?|lib)$/i.test(short)) {
    return { id: 'shared', label: 'Shared code for the other packages', because: `its package name, ${pkg.name}` };
  }
  const published = pkg.manifest.main || pkg.manifest.exports || pkg.manifest.module;
  if (!pkg.isRoot && published && has('react')) {
    return { id: 'library', label: 'React component library', because: 'its react dependency and `main`/`exports` fields' };
  }
  if (!pkg.isRoot && published) {
    return { id: 'library', label: 'Library', because: 'its `main`/`exports` fields' };
  }
  return undefined;
}

/** `@kv/dashboard` → `dashboard`; the folder name when the package has no name. */
export function shortName(pkg: WorkspacePackage): string {
  return pkg.name.replace(/^@[^/]+\//, '');
}

function bundlerName(dep: string): string {
  if (dep.includes('vite')) return 'Vite';
  if (dep === 'react-scripts') return 'Create React App';
  if (dep.includes('rsbuild')) return 'Rsbuild';
  return dep.charAt(0).toUpperCase() + dep.slice(1);
}
