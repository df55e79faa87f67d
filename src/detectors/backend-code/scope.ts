/**
 * Which files are backend code. A package is a backend when its manifest depends on a server framework, the Lambda
 * runtime types, the AWS SDK, an ORM or an auth library; frontend and SDK packages are left to their own steps (their
 * error classes and helpers are not the backend's). CDK code is infrastructure, not backend, and is left out too.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import { isAppSource } from '../shared/source-scope.js';

const SERVER_DEPS = [
  /^express$/, /^fastify$/, /^hono$/, /^koa$/, /^@koa\/router$/, /^koa-router$/, /^@nestjs\/core$/, /^@hapi\/hapi$/,
  /^@types\/aws-lambda$/, /^aws-lambda$/, /^@middy\/core$/, /^@aws-lambda-powertools\//, /^@trpc\/server$/,
  /^serverless(-http)?$/, /^@vendia\/serverless-express$/, /^@codegenie\/serverless-express$/,
];
const DATA_AND_AUTH_DEPS = [
  /^@aws-sdk\/(client|lib)-dynamodb$/, /^aws-sdk$/, /^@prisma\/client$/, /^drizzle-orm$/, /^typeorm$/, /^mongoose$/,
  // CDK and SST apps keep their Lambda code beside the stacks; the stack files themselves are left out by text.
  /^aws-cdk-lib$/, /^@aws-cdk\//, /^sst$/,
  /^aws-jwt-verify$/, /^jsonwebtoken$/, /^jose$/, /^next-auth$/, /^@auth\/core$/, /^pg$/, /^mysql2$/, /^ioredis$/,
];

export interface BackendScope {
  /** Backend source files, sorted. */
  readonly files: readonly string[];
  /** Folders of packages that run a server or Lambda handlers (shared libs are only listed for these). */
  readonly serverDirs: ReadonlySet<string>;
}

const scopes = new WeakMap<RepoIndex, BackendScope>();

export function backendScope(index: RepoIndex): BackendScope {
  let scope = scopes.get(index);
  if (!scope) {
    scope = computeScope(index);
    scopes.set(index, scope);
  }
  return scope;
}

function computeScope(index: RepoIndex): BackendScope {
  const backend = new Set<string>();
  const server = new Set<string>();
  const kinds = new Map<string, 'server' | 'data' | undefined>();
  // Parents first: a nested package that declares no dependency at all runs on its parent's (a Lambda handler folder
  // bundled by the root's webpack), so it is the parent's kind.
  for (const pkg of [...index.packages].sort((a, b) => a.dir.length - b.dir.length)) {
    const own = packageKind(pkg);
    const kind = own ?? (pkg.isRoot || Object.keys(allDependencies(pkg.manifest)).length > 0 ? undefined : kinds.get(parentDir(pkg.dir, kinds)));
    kinds.set(pkg.dir, kind);
    if (kind) backend.add(pkg.dir);
    if (kind === 'server') server.add(pkg.dir);
  }
  const noManifests = index.packages.length === 0;
  const files = index.files.filter((file) => {
    if (!isAppSource(index, file)) return false;
    // Lambda code often ships without a package.json of its own: with no manifest to judge by, keep the file.
    const pkg = index.packageOf(file);
    return noManifests || !pkg || backend.has(pkg.dir);
  });
  return { files, serverDirs: noManifests ? new Set(['']) : server };
}

/** The nearest enclosing package folder already seen ('' for the root). */
function parentDir(dir: string, seen: ReadonlyMap<string, unknown>): string {
  for (let d = dir; d.includes('/'); ) {
    d = d.slice(0, d.lastIndexOf('/'));
    if (seen.has(d)) return d;
  }
  return '';
}

function packageKind(pkg: WorkspacePackage): 'server' | 'data' | undefined {
  const names = Object.keys(allDependencies(pkg.manifest));
  if (names.some((n) => SERVER_DEPS.some((re) => re.test(n)))) return 'server';
  // A web app calling an Elysia API through Eden Treaty declares `elysia` for the server's types, as a dev dependency.
  if (pkg.manifest.dependencies?.elysia !== undefined) return 'server';
  if (names.some((n) => DATA_AND_AUTH_DEPS.some((re) => re.test(n)) || n === 'next')) return 'data';
  return undefined;
}

/** CDK apps import these; their code describes infrastructure, which the CDK detector reads. */
export function isInfrastructureCode(text: string): boolean {
  return text.includes('aws-cdk-lib') || text.includes("'@aws-cdk/") || text.includes('"@aws-cdk/');
}
