/** tRPC procedures: per root router, each procedure's path, type, builder and middleware, resolver, and place. */
import type { FactSet } from '../../facts.js';
import type { TrpcProcedureData, TrpcProcedureFact } from '../../detectors/trpc/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { compareText } from './format.js';
import { layoutMiddleware, middlewareCell, middlewareLegend } from './route-middleware.js';
import { pushTo } from '../../collections.js';

export function trpcPart(facts: FactSet): string {
  const procedures = facts.of<TrpcProcedureFact>('trpc.procedure').map((f) => f.data);
  if (procedures.length === 0) return '';
  const groups = new Map<string, TrpcProcedureData[]>();
  for (const p of procedures) {
    const key = `${p.app}\u0000${p.routerAt.file}\u0000${p.router}`;
    pushTo(groups, key, p);
  }
  const apps = new Set(procedures.map((p) => p.app));
  return join(
    heading(3, 'tRPC'),
    // Routers an adapter serves first: the API's own, then any that nothing serves.
    ...[...groups.entries()]
      .sort(([a, x], [b, y]) => Number(x[0].endpoint === undefined) - Number(y[0].endpoint === undefined) || compareText(a, b))
      .map(([, list]) => {
        const first = list[0];
        const other = first.notServed;
        const where = first.endpoint !== undefined
          ? `, served at ${urlPath(first.endpoint)} (${cite(first.endpointAt!)})`
          : other
            ? `; not served at ${urlPath(other.endpoint)}: the adapter there (${cite(other.endpointAt)}) serves ${code(other.router)}, which does not include it, and no other file of the package names it`
            : '';
        const title = apps.size > 1 && first.app ? `${first.app}: ${code(first.router)}` : code(first.router);
        const sorted = [...list].sort((a, b) => compareText(a.path, b.path));
        const layout = layoutMiddleware(sorted.map((p) => p.middleware));
        const withMiddleware = layout.own.some((m) => m.length > 0);
        const rows = sorted.map((p, i) => [
          code(p.path),
          p.type,
          p.builder ? `${code(p.builder)}${p.builderAt ? ` ${cite(p.builderAt)}` : ''}` : '—',
          ...(withMiddleware ? [middlewareCell(layout.own[i])] : []),
          p.handler ? `${code(p.handler)}${p.handlerAt ? ` ${cite(p.handlerAt)}` : ''}` : 'inline',
          cite(p.file, p.line),
        ]);
        const legend = middlewareLegend(sorted.flatMap((p) => p.middleware));
        return join(
          heading(4, title),
          `${sorted.length} procedure${sorted.length === 1 ? '' : 's'} from ${code(first.router)} (${cite(first.routerAt)})${where}.`,
          layout.common.length > 0 ? `Every procedure here passes through ${middlewareCell(layout.common)}.` : '',
          table(['Procedure', 'Type', 'Builder', ...(withMiddleware ? ['Middleware'] : []), 'Resolver', 'Declared in'], rows),
          legend && `Middleware:\n\n${legend}`,
        );
      }),
  );
}
