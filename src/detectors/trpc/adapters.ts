/**
 * Where a tRPC router is served over HTTP: `fetchRequestHandler({ endpoint: '/api/trpc', router })` in a Next.js
 * route, `createNextApiHandler({ router })` under `pages/api/trpc/[trpc]`, `createExpressMiddleware` mounted with
 * `app.use('/trpc', …)`, `fastifyTRPCPlugin` registered with `{ prefix }`, Hono's `trpcServer` under
 * `app.use('/trpc/*', …)`, or a standalone `createHTTPServer`.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf, walk } from '../../scan/ts.js';
import { dottedName, lastName, property, staticString } from '../shared/ast.js';
import { nextAppPath, nextPagesPath, nextRouteDirs } from '../shared/next-routes.js';

export const ADAPTER_TEXT = /fetchRequestHandler|createNextApiHandler|createExpressMiddleware|fastifyTRPCPlugin|trpcServer|createHTTPServer|createHTTPHandler|awsLambdaRequestHandler/;

export interface TrpcEndpoint {
  /** URL prefix the procedures are served under (`/api/trpc`), as written or from the file's route. */
  readonly endpoint: string;
  /** The router variable given to the adapter (`appRouter`), to match against root routers. */
  readonly router?: string;
  readonly file: string;
  readonly line: number;
}

export function endpointsIn(index: RepoIndex, file: string, sf: ts.SourceFile): TrpcEndpoint[] {
  const out: TrpcEndpoint[] = [];
  walk(sf, (node) => {
    if (!ts.isCallExpression(node)) return;
    const name = lastName(node.expression);
    if (!name || !ADAPTER_TEXT.test(name)) return;
    const opts = node.arguments[0];
    const router = routerName(opts) ?? routerName(property(opts, 'trpcOptions'));
    const line = lineOf(node, sf);
    const written = staticString(property(opts, 'endpoint'))?.text ?? staticString(property(opts, 'prefix'))?.text;
    if (written !== undefined) return void out.push({ endpoint: written, ...(router ? { router } : {}), file, line });
    // Mounted by a `use`/`register` call around it: `app.use('/trpc', createExpressMiddleware({ router }))`.
    const parent = node.parent;
    if (ts.isCallExpression(parent) && /^(use|register|all|route)$/.test(lastName(parent.expression) ?? '')) {
      const mount = staticString(parent.arguments[0])?.text ?? staticString(property(parent.arguments[1], 'prefix'))?.text;
      if (mount !== undefined) return void out.push({ endpoint: mount.replace(/\/\*$/, ''), ...(router ? { router } : {}), file, line });
    }
    const route = nextFileRoute(index, file);
    out.push({ endpoint: route ?? '/', ...(router ? { router } : {}), file, line });
  });
  return out;
}

function routerName(opts: ts.Expression | undefined): string | undefined {
  const r = property(opts, 'router');
  return r ? dottedName(r) : undefined;
}

/** `pages/api/trpc/[trpc].ts` → `/api/trpc`; `app/api/trpc/[trpc]/route.ts` → `/api/trpc`. */
function nextFileRoute(index: RepoIndex, file: string): string | undefined {
  const pkg = index.packageOf(file)?.dir ?? '';
  const dirs = nextRouteDirs(index, pkg);
  const drop = (p: string | undefined) => p?.replace(/\/\[[^\]]+\]$/, '');
  if (dirs.app && file.startsWith(`${dirs.app}/`)) return drop(nextAppPath(file.slice(dirs.app.length + 1)));
  if (dirs.pages && file.startsWith(`${dirs.pages}/`)) return drop(nextPagesPath(file.slice(dirs.pages.length + 1)));
  return undefined;
}
