/** "Add an API endpoint": from the routes the repository declares (AWS CDK, or an HTTP framework), one to copy. */
import type { MiddlewareFact } from '../../../detectors/backend-code/index.js';
import type { CdkApiFact, CdkAuthorizerFact, CdkConstructClassFact, CdkLambdaFact, CdkRouteFact } from '../../../detectors/cdk/index.js';
import type { HttpRouteData, HttpRouteFact } from '../../../detectors/http-frameworks/index.js';
import { cite } from '../../../markdown/cite.js';
import { code, oneLine } from '../../../markdown/text.js';
import { authorizerLabel, authorizerType, grantLabel, plural } from '../cdk-shared.js';
import { commonDir, compareText, names } from '../format.js';
import { sortRoutes } from '../cdk-endpoints.js';
import { folder, lineCursor, lineIn, mostCommon, recipe, type RecipeInput } from './shared.js';
import { pushTo } from '../../../collections.js';
import { trpcEndpoint } from './trpc.js';
import { guardTest } from './guards.js';
import type { FactSet } from '../../../facts.js';

/** Fewer routes than this make no convention to follow. */
const MIN_ROUTES = 3;

export function endpointRecipes(input: RecipeInput): string[] {
  const cdk = cdkEndpoint(input);
  return [cdk, ...httpEndpoints(input), trpcEndpoint(input)].filter(Boolean);
}

const CATCH_ALL = /\/\[\[?\.\.\.[^\]]+\]\]?\//;

/** A folder without its trailing dynamic segments (`api/[[...path]]` → `api`): new routes go beside them, not in them. */
function staticDir(dir: string): string {
  const parts = dir.split('/');
  while (parts.length > 1 && /^\[/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('/');
}

const FRAMEWORK: Record<HttpRouteData['framework'], string> = {
  express: 'Express',
  fastify: 'Fastify',
  hono: 'Hono',
  elysia: 'Elysia',
  koa: 'Koa',
  nest: 'NestJS',
  next: 'Next.js route handlers',
  remix: 'Remix / React Router loaders and actions',
  // Not "routing-controllers (Express)": the recipe title is in parentheses already.
  'routing-controllers': 'routing-controllers on Express',
  sveltekit: 'SvelteKit server routes',
  tsed: 'Ts.ED controllers',
  decorators: 'decorator-routed controllers',
};

/** API Gateway routes wired to Lambda handlers in the CDK code. */
function cdkEndpoint({ facts, product, tests }: RecipeInput): string {
  const routes = facts
    .of<CdkRouteFact>('cdk.route')
    .filter((r) => r.data.entry && r.data.pathResolved && product(r.at[0]?.file ?? '') && product(r.data.entry));
  const api = mostCommon(routes, (r) => r.data.api ?? '');
  if (!api || api.items.length < MIN_ROUTES) return '';
  const lambdas = new Map(facts.of<CdkLambdaFact>('cdk.lambda').map((l) => [l.id, l]));
  const authorizers = new Map(facts.of<CdkAuthorizerFact>('cdk.authorizer').map((a) => [a.id, a]));
  const apiName = facts.of<CdkApiFact>('cdk.api').find((a) => a.id === api.key)?.data.constructId;
  // The usual way a route is protected, and a route protected that way whose handler has a test, to copy.
  const auth = mostCommon(api.items, (r) => r.data.authorizer ?? 'none');
  const candidates = [...(auth?.items ?? api.items)].sort((a, b) => compareText(a.data.path, b.data.path) || compareText(a.data.method, b.data.method));
  const example = candidates.find((r) => tests.testOf(r.data.entry!)) ?? candidates[0];
  const entry = example.data.entry!;
  const handlers = [...new Set(api.items.map((r) => r.data.entry!))];
  const root = commonDir(handlers);
  const stackFile = example.at[0].file;
  const fn = example.data.lambda ? lambdas.get(example.data.lambda) : undefined;
  const fnAt = fn?.at[0];
  const wrapper = fn?.data.wrapper ? facts.of<CdkConstructClassFact>('cdk.construct').find((c) => c.data.className === fn.data.wrapper) : undefined;
  // The route sentence names the stack file first; a `:line` after it means the file cited last.
  const route = lineCursor(stackFile);
  const created = fnAt ? ` the function is created at ${route(fnAt.file, fnAt.line)}` : '';
  const through = fnAt && fn?.data.wrapper ? ` (through the project's ${code(fn.data.wrapper)}${wrapper ? `, ${route(wrapper.at[0].file, wrapper.at[0].line)}` : ''})` : '';
  const wired = example.data.source === 'table' ? 'added to the route table' : 'wired to its route';
  const authLines = authSummary(api.items, authorizers, example);
  const middleware = facts
    .of<MiddlewareFact>('backend.middleware')
    .filter((m) => m.data.usedBy.includes(entry))
    .map((m) => `${code(m.data.name)} (${cite(m.data.file, m.data.line)}, used by ${plural(m.data.usedBy.length, 'file')})`);
  // The middleware line, when there is one, cites other files just before: the access line then names the stack again.
  const access = fn ? accessLine(fn, middleware.length ? '' : stackFile) : '';
  return recipe(`Add an API endpoint (API Gateway + Lambda${apiName ? `, ${code(apiName)}` : ''})`, [
    `**Handler:** add a file under ${folder(root || entry.slice(0, entry.lastIndexOf('/')))} (${plural(handlers.length, 'handler')} there); copy ${cite(entry)}, which serves ${servedBy(api.items.filter((r) => r.data.entry === entry))}.`,
    `**Route:** in ${cite(stackFile)}${created}${through}${created ? ' and' : ''} ${wired} at ${route(stackFile, example.at[0].line)}${example.data.via ? ` (via ${cite(example.data.via)})` : ''}.`,
    authLines,
    middleware.length ? `**Middleware:** the handler wraps itself in ${middleware.join(', ')}.` : '',
    access,
    tests.step(entry, 'handler'),
  ]);
}

/** Every route a handler file serves (one Lambda behind several methods serves them all), not only the example's. */
function servedBy(routes: readonly CdkRouteFact[]): string {
  const sorted = sortRoutes(routes);
  const paths = new Set(sorted.map((r) => r.data.path));
  const methods = [...new Set(sorted.map((r) => r.data.method))];
  if (paths.size === 1 && methods.length > 1) return `${andList(methods.map((m) => code(m)))} on ${code(sorted[0].data.path)}`;
  const all = [...new Set(sorted.map((r) => `${r.data.method} ${r.data.path}`))].map((t) => code(t));
  return all.length > 4 ? `${all.slice(0, 3).join(', ')} and ${all.length - 3} more routes` : andList(all);
}

function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function authSummary(routes: readonly CdkRouteFact[], authorizers: ReadonlyMap<string, CdkAuthorizerFact>, example: CdkRouteFact): string {
  // As step 3's Authorizer column says it (`routeAuth`): an authorizer, else IAM-style authorization, else an API key.
  const label = (r: CdkRouteFact['data']) => {
    const id = r.authorizer;
    if (id && id !== 'NONE') {
      const a = authorizers.get(id);
      return a ? `${code(authorizerLabel(a.data))} (${authorizerType(a.data.type)})` : code(id);
    }
    if (r.authorizationType && r.authorizationType !== 'NONE') return code(r.authorizationType);
    return r.apiKeyRequired ? 'API key' : 'none';
  };
  const counts = new Map<string, number>();
  for (const r of routes) counts.set(label(r.data), (counts.get(label(r.data)) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([l, n]) => `${l} on ${plural(n, 'route')}`);
  const mine = label(example.data);
  // Short after the route line, which ends citing this file (unless it ends with the file the route comes `via`).
  const at = lineIn(example.at[0].file, example.at[0].line, example.data.via ? '' : example.at[0].file);
  return `**Auth:** the authorizer is attached where the route is wired (${mine} at ${at}); across this API: ${parts.join(', ')}.`;
}

/** Table access and the environment the example function gets, where the stack gives them. */
function accessLine(fn: CdkLambdaFact, lastCited: string): string {
  // Grants and variables may sit in different files (the stack, a construct it uses): short forms follow the last one.
  const ref = lineCursor(lastCited);
  const grants = fn.data.grants.slice(0, 3).map((g) => `${code(grantLabel(g.method))} on ${code(g.resource.split('/').pop() ?? g.resource)} at ${ref(g.at.file, g.at.line)}`);
  const env = fn.data.environment.filter((e) => !e.literal).slice(0, 3).map((e) => `${code(e.name)} at ${ref(e.at.file, e.at.line)}`);
  if (grants.length === 0 && env.length === 0) return '';
  const parts = [grants.length ? `permissions (${grants.join(', ')})` : '', env.length ? `environment variables (${env.join(', ')})` : ''].filter(Boolean);
  return `**Access:** the stack gives the function its ${parts.join(' and ')}; give the new one what it needs the same way.`;
}

/** Routes of an HTTP framework: one recipe per product app (at most two), the app with most routes first. */
function httpEndpoints({ facts, product, tests }: RecipeInput): string[] {
  // A loader or action (Remix, SvelteKit) belongs to a page: adding one is the page recipe's business, not an API convention.
  const routes = facts.of<HttpRouteFact>('http.route').map((f) => f.data).filter((r) => product(r.file) && r.framework !== 'remix' && r.framework !== 'sveltekit');
  const apps = new Map<string, HttpRouteData[]>();
  for (const r of routes) pushTo(apps, `${r.framework}\u0000${r.app}`, r);
  // A convention takes a few routes: one dev-server route (a bundler's `serve.ts`) is not how the product adds its API.
  return [...apps.values()]
    .filter((list) => list.length >= MIN_ROUTES)
    // One Next.js catch-all (`api/[[...path]]/route.ts`, a proxy to another server) is no convention for adding one.
    .filter((list) => !(list[0].framework === 'next' && list.every((r) => CATCH_ALL.test(r.file))))
    .sort((a, b) => b.length - a.length || compareText(a[0].app, b[0].app))
    .slice(0, 2)
    .map((list) => {
      const first = list[0];
      // Routes a shared factory adds to every app (`/docs`) are not where this app declares its own.
      const own = list.filter((r) => !r.byFactory);
      const main = mostCommon(own.length > 0 ? own : list, (r) => r.file)!;
      const sorted = [...main.items].sort((a, b) => compareText(a.path, b.path) || a.line - b.line);
      const example = sorted.find((r) => r.handlerFile && tests.testOf(r.handlerFile)) ?? sorted.find((r) => r.handlerFile) ?? sorted.find((r) => tests.testOf(r.file)) ?? sorted[0];
      const files = new Set(list.map((r) => r.file)).size;
      const where = files > 1 ? ` (${main.items.length} of its ${list.length} routes; the others in ${plural(files - 1, 'more file')})` : '';
      // A path known only in part (a prefix computed at run time) still shows where and how routes are added.
      const route = `${code(`${example.method} ${example.path}`)}${example.resolved ? '' : ' (path known only in part)'}`;
      const next = first.framework === 'next';
      const steps = next
        ? [
            // Pages Router API routes are files whose default export handles every method; App Router ones are `route.ts`.
            /(^|\/)pages\/api\//.test(example.file)
              ? `**API route:** the file is the route: add a file under ${folder(staticDir(commonDir(list.map((r) => r.file)) || example.file.slice(0, example.file.lastIndexOf('/'))))} whose default export handles the request, as ${cite(example.file)} serves ${route} (${list.length} route${list.length === 1 ? '' : 's'} in this app).`
              : `**Route handler:** the file is the route: add a \`route.ts\` in a folder under ${folder(staticDir(commonDir(list.map((r) => r.file)) || example.file.slice(0, example.file.lastIndexOf('/'))))}, as ${cite(example.file)} serves ${route} (${list.length} route handler${list.length === 1 ? '' : 's'} in this app).`,
          ]
        : [
            `**Route:** ${oneLine(first.app)} declares its routes in ${cite(example.file)}${where}; ${route} is at ${lineIn(example.file, example.line, example.file)}${underPrefix(example)}.`,
            example.handlerFile
              ? `**Handler:** ${example.handler ? `${code(example.handler)} in ` : ''}${cite(example.handlerFile)}${handlerFolder(list, example.handlerFile)}; copy it.`
              : `**Handler:** written inline in the route declaration at ${cite(example.file, example.line)}${example.handler ? ` (${code(example.handler)})` : ''}; copy it.`,
          ];
      return recipe(`Add an API endpoint (${FRAMEWORK[first.framework]}, ${code(first.app)})`, [
        ...steps,
        guardLine(list, example, facts),
        tests.step(example.handlerFile ?? example.file, 'route'),
      ]);
    });
}

/** A path shown without a prefix set at run time says so, and where it is set. */
function underPrefix(r: HttpRouteData): string {
  return r.runtimePrefix ? ` (under the route prefix ${code(r.runtimePrefix.expression)}, set at run time at ${cite(r.runtimePrefix.at)})` : '';
}

function handlerFolder(list: readonly HttpRouteData[], file: string): string {
  const files = [...new Set(list.map((r) => r.handlerFile).filter((f): f is string => Boolean(f)))];
  const dir = commonDir(files);
  return files.length > 1 && dir ? `; handlers of this app are in ${folder(dir)} (${plural(files.length, 'file')})` : file ? '' : '';
}

/** Middleware named in the recipe; the rest are in step 3's route tables. */
const SHOWN_MIDDLEWARE = 4;

function guardLine(list: readonly HttpRouteData[], example: HttpRouteData, facts: FactSet): string {
  const counts = new Map<string, number>();
  for (const r of list) for (const m of new Set(r.middleware ?? [])) counts.set(m, (counts.get(m) ?? 0) + 1);
  if (counts.size === 0) return '';
  // What protects a route is what a new endpoint must copy: guards first, though app-wide plumbing runs before more routes.
  const guards = guardTest(list, facts);
  const rank = (m: string) => (guards(m) ? 0 : 1);
  const ranked = [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || compareText(a[0], b[0]));
  const more = ranked.length > SHOWN_MIDDLEWARE ? ` (+${ranked.length - SHOWN_MIDDLEWARE} more in step 3)` : '';
  const parts = ranked.slice(0, SHOWN_MIDDLEWARE).map(([m, n]) => `${code(m)} on ${n} of ${list.length} routes`);
  // Each of the example's own is said where it is applied: middleware given in `consumer.apply(…).forRoutes(…)` or at
  // a router mount is not in the route declaration, and a new controller gets it only when added there.
  const uses = example.middlewareUses ?? [];
  const mine = example.middleware?.length
    ? ` (this route: ${example.middleware.map((m) => `${code(m)}${appliedAt(uses.find((u) => u.name === m))}`).join(', ')})`
    : '';
  const kinds = new Set(list.flatMap((r) => (r.middlewareUses ?? []).map((u) => PLACE[u.kind] ?? 'declared')));
  const places = [
    kinds.has('declared') ? 'listed in the route declaration' : '',
    kinds.has('central') ? 'applied where the app or router is set up' : '',
    kinds.has('body') ? "called in the handler's own body" : '',
  ].filter(Boolean);
  const where =
    places.length === 0
      ? 'guards and middleware are listed in the route declaration'
      : kinds.size === 1 && kinds.has('body')
        ? "guards are called in the handler's own body"
        : `guards and middleware are ${places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} or ${places[places.length - 1]}`}`;
  const module = uses.find((u) => u.kind === 'module');
  const add = module ? `; a new controller or route gets ${code(module.name)} only when added to the \`forRoutes(…)\` at ${cite(module.at.file, module.at.line)}` : '';
  return `**Auth and middleware:** ${where}${mine}: ${parts.join(', ')}${more}${add}.`;
}

/** Where a kind of middleware use is written, for the recipe: on the route, outside it, or in the handler's body. */
const PLACE: Partial<Record<NonNullable<HttpRouteData['middlewareUses']>[number]['kind'], 'declared' | 'central' | 'body'>> = {
  'session-check': 'body',
  'auth-helper': 'body',
  module: 'central',
  global: 'central',
  mount: 'central',
  use: 'central',
  'middleware-file': 'central',
  'server-hook': 'central',
};

function appliedAt(use: NonNullable<HttpRouteData['middlewareUses']>[number] | undefined): string {
  if (!use) return '';
  const at = cite(use.at.file, use.at.line);
  switch (use.kind) {
    case 'module':
      return `, applied by \`consumer.apply(…).forRoutes(…)\` at ${at}`;
    case 'global':
      return `, app-wide at ${at}`;
    case 'mount':
      return `, where its router is mounted at ${at}`;
    case 'use':
      return `, by a \`use(…)\` at ${at}`;
    case 'middleware-file':
    case 'server-hook':
      return `, for every matching request at ${at}`;
    default:
      return '';
  }
}
