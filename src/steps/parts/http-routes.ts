import type { FactSet } from '../../facts.js';
import type { HttpFramework, HttpRouteData, HttpRouteFact } from '../../detectors/http-frameworks/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { byFileLine, compareText, names } from './format.js';

const LABEL: Record<HttpFramework, string> = {
  express: 'Express',
  fastify: 'Fastify',
  hono: 'Hono',
  koa: 'Koa',
  nest: 'NestJS',
  next: 'Next.js API routes',
};
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'ALL'];

/** `####` subsections, one per framework and app, each with a routes table; '' when there are no routes. */
export function httpRoutesPart(facts: FactSet, rank: (file: string) => number = () => 0): string {
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
  return join(
    ...[...groups.entries()]
      .sort(([a, x], [b, y]) => rank(x[0].file) - rank(y[0].file) || compareText(a, b))
      .map(([, list]) => {
        const first = list[0];
        const title = apps.size > 1 || first.app !== '(root)' ? `${LABEL[first.framework]}: ${first.app}` : LABEL[first.framework];
        const sorted = [...list].sort(
          (a, b) => compareText(a.path, b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || byFileLine(a, b),
        );
        const withMiddleware = sorted.some((r) => r.middleware && r.middleware.length > 0);
        // A Next.js route file is its own handler; naming the export again adds nothing.
        const withHandler = first.framework !== 'next';
        const headers = ['Route', ...(withHandler ? ['Handler'] : []), ...(withMiddleware ? ['Middleware / guards'] : []), 'Declared in'];
        const rows = sorted.map((r) => [
          `${code(`${r.method} ${r.path}`)}${r.resolved ? '' : ' (unresolved)'}`,
          ...(withHandler ? [handlerCell(r)] : []),
          ...(withMiddleware ? [r.middleware && r.middleware.length > 0 ? names(r.middleware) : '—'] : []),
          cite(r.file, r.line),
        ]);
        const unresolved = sorted.some((r) => !r.resolved)
          ? 'Paths marked unresolved contain `${…}` parts computed at run time, shown as written.'
          : '';
        const count = `${sorted.length} route${sorted.length === 1 ? '' : 's'} in ${new Set(sorted.map((r) => r.file)).size} file(s).`;
        return join(heading(4, title), count, table(headers, rows), unresolved);
      }),
  );
}

function handlerCell(r: HttpRouteData): string {
  if (!r.handler) return 'inline';
  return r.handlerFile ? `${code(r.handler)} in ${cite(r.handlerFile)}` : code(r.handler);
}
