import type { FactSet } from '../../facts.js';
import type { NextAliasFact } from '../../detectors/nextjs-pages/aliases.js';
import type { ApiDocsFact, HttpFramework, HttpRouteData, HttpRouteFact, MiddlewareUse, UnmountedRouterFact } from '../../detectors/http-frameworks/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { byFileLine, compareText } from './format.js';
import { layoutMiddleware, middlewareCell, middlewareLegend } from './route-middleware.js';
import { urlAliasLines } from './url-aliases.js';

const LABEL: Record<HttpFramework, string> = {
  express: 'Express',
  fastify: 'Fastify',
  hono: 'Hono',
  elysia: 'Elysia',
  koa: 'Koa',
  nest: 'NestJS',
  next: 'Next.js API routes',
  remix: 'Remix / React Router loaders and actions',
  'routing-controllers': 'routing-controllers (Express)',
  sveltekit: 'SvelteKit endpoints, load functions and form actions',
  tsed: 'Ts.ED controllers',
  decorators: 'Decorator-routed controllers',
};
const REMIX_NOTE =
  "A route module's `loader` answers GET requests to its URL and its `action` every other method (forms and fetchers post to it); a resource route has no component and is an endpoint.";
const SVELTEKIT_NOTE =
  'A `+server` file is an endpoint (one route per exported method); a `+page.server` `load` answers its page\'s GET and its form `actions` POSTs to the page (`?/name` for a named action); a `+layout.server` `load` runs for every page under its folder.';
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'ALL'];

/** `####` subsections, one per framework and app, each with a routes table; '' when there are no routes. */
/**
 * `behind`: a line saying what fronts an app's routes (the API Gateway proxy route of the Lambda that runs them), from
 * one of its route files; '' when nothing is known.
 */
export function httpRoutesPart(facts: FactSet, rank: (file: string) => number = () => 0, behind: (file: string) => string = () => ''): string {
  const routes = facts.of<HttpRouteFact>('http.route').map((f) => f.data);
  if (routes.length === 0) return '';
  const groups = new Map<string, HttpRouteData[]>();
  for (const r of routes) {
    const key = `${r.framework}\u0000${r.app}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const apps = new Set(routes.map((r) => r.app));
  const aliases = facts.of<NextAliasFact>('next.alias').map((f) => f.data);
  return join(
    ...[...groups.entries()]
      .sort(([a, x], [b, y]) => rank(x[0].file) - rank(y[0].file) || compareText(a, b))
      .map(([, list]) => {
        const first = list[0];
        const title = apps.size > 1 || first.app !== '(root)' ? `${LABEL[first.framework]}: ${first.app}` : LABEL[first.framework];
        return join(
          heading(4, title),
          behind(first.file),
          first.framework === 'remix' ? REMIX_NOTE : first.framework === 'sveltekit' ? SVELTEKIT_NOTE : first.framework === 'decorators' ? decoratorsNote(list) : '',
          routesTable(list),
          first.framework === 'next' ? urlAliasLines(aliases.filter((a) => a.app === first.app && (a.unread ? a.kind === 'rewrite' : servedHere(a.destination, list)))) : '',
        );
      }),
  );
}

/**
 * Routers no code mounts (router-unmounted.ts): listed apart, as their routes are not served; '' when none. Their
 * paths are as declared (a mount would add a prefix), so they are shown as written, never as URLs.
 */
export function unmountedRoutersPart(facts: FactSet): string {
  const list = facts.of<UnmountedRouterFact>('http.unmounted-router').map((f) => f.data);
  if (list.length === 0) return '';
  const lines = list.map((u) => {
    const routes = u.routes.map((r) => code(`${r.method} ${r.path}`));
    const shown = routes.length > 10 ? [...routes.slice(0, 10), `+${routes.length - 10} more`] : routes;
    const imported = u.importedAt.length === 0 ? 'its module is imported nowhere' : `its module is imported without mounting it at ${u.importedAt.map((c) => cite(c)).join(', ')}`;
    return `- ${code(u.router)} (${LABEL[u.framework]}, ${cite(u.file, u.line)}): ${imported}; ${u.routes.length} route${u.routes.length === 1 ? '' : 's'} as declared: ${shown.join(', ')}`;
  });
  const intro = 'Routers not mounted by any code: no `use(…)` or `route(…)` outside comments attaches them, so these routes are not served (and not counted above).';
  return join(intro, lines.join('\n'));
}

/** Where the routes were read from, and what the map cannot know about a framework it does not read. */
function decoratorsNote(list: readonly HttpRouteData[]): string {
  const from = [...new Set(list.flatMap((r) => r.decoratorsFrom ?? []))].sort(compareText);
  const source = from.length > 0 ? `the HTTP-verb decorators of ${from.map((m) => code(m)).join(', ')}` : 'HTTP-verb decorators';
  return `Read from ${source} on controller classes: each path is the class's base path joined with the method's, as written; a prefix set in the server's or the framework's options, and middleware or guards the framework applies, are not shown.`;
}

/** One line naming where the API documentation UI is served; '' when none. */
export function apiDocsPart(facts: FactSet): string {
  const docs = facts.of<ApiDocsFact>('http.docs').map((f) => f.data).sort(byFileLine);
  if (docs.length === 0) return '';
  const each = docs.map((d) => {
    const where = d.resolved ? urlPath(d.path) : `${code(d.path)} (set at run time)`;
    return `${d.tool} at ${where}${d.on ? ` on ${code(d.on)}` : ''} (${cite(d.file, d.line)})`;
  });
  return `**API docs:** ${each.join('; ')}`;
}

/** The count, what every route passes through, the table, and where each middleware's code is. */
function routesTable(list: readonly HttpRouteData[]): string {
  const sorted = [...list].sort(
    (a, b) => compareText(a.path, b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || byFileLine(a, b),
  );
  const layout = layoutMiddleware(sorted.map(usesOf));
  const withMiddleware = layout.own.some((m) => m.length > 0);
  // A Next.js route file is its own handler; naming the export again adds nothing.
  const withHandler = sorted[0].framework !== 'next';
  const headers = ['Route', ...(withHandler ? ['Handler'] : []), ...(withMiddleware ? ['Middleware / guards'] : []), 'Declared in'];
  const rows = sorted.map((r, i) => [
    `${code(`${r.method} ${r.path}`)}${r.resolved ? '' : ' (unresolved)'}`,
    ...(withHandler ? [handlerCell(r)] : []),
    ...(withMiddleware ? [middlewareCell(layout.own[i])] : []),
    cite(r.file, r.line),
  ]);
  const unresolved = sorted.some((r) => !r.resolved)
    ? 'Paths marked unresolved are known only in part: a `${…}` computed at run time, or a router mounted where the code could not be followed (its prefix is missing); shown as written.'
    : '';
  // Never a guessed prefix: the paths are shown as the controllers write them, and where the prefix comes from.
  const prefixes = new Map(sorted.flatMap((r) => (r.runtimePrefix ? [[`${r.runtimePrefix.expression} ${cite(r.runtimePrefix.at)}`, r.runtimePrefix] as const] : [])));
  const runtime = [...prefixes.values()].map((p) => `${code(p.expression)} at ${cite(p.at)}`);
  const prefixNote = runtime.length > 0 ? `Paths are shown as the controllers declare them; the route prefix in front of them comes at run time from ${runtime.join(', ')}.` : '';
  const count = `${sorted.length} route${sorted.length === 1 ? '' : 's'} in ${new Set(sorted.map((r) => r.file)).size} file(s).`;
  const common = layout.common.length > 0 ? `Every route here passes through ${middlewareCell(layout.common)}.` : '';
  const legend = middlewareLegend(sorted.flatMap(usesOf));
  return join(count, prefixNote, common, table(headers, rows), unresolved, legend && `Middleware and guards:\n\n${legend}`);
}

/** An alias belongs with the API routes when it points at one of them, under /api, or at another server (a proxy). */
function servedHere(destination: string, list: readonly HttpRouteData[]): boolean {
  return /^https?:\/\//.test(destination) || /^\/api(\/|$)/.test(destination) || list.some((r) => r.path === destination);
}

function usesOf(r: HttpRouteData): readonly MiddlewareUse[] {
  if (r.middlewareUses) return r.middlewareUses;
  return (r.middleware ?? []).map((name) => ({ name, kind: 'route' as const, at: { file: r.file, line: r.line } }));
}

function handlerCell(r: HttpRouteData): string {
  if (r.docsUi) return `${r.handler !== undefined ? `${code(r.handler)}: ` : ''}${r.docsUi} (API docs)`;
  if (r.handler === undefined) return 'inline';
  if (r.handlerResolved === false) return `${code(r.handler)} (not resolved statically)`;
  // A handler declared where the route is (a NestJS method) needs no second citation.
  if (!r.handlerAt || (r.handlerAt.file === r.file && r.handlerAt.line === r.line)) return code(r.handler);
  return `${code(r.handler)} ${cite(r.handlerAt)}`;
}
