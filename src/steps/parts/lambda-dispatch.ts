/**
 * Routes a Lambda tells apart itself: an API Gateway route whose Lambda dispatches on `event.routeKey` (or resource,
 * path) points at the module that handles that exact route; a proxy route lists the routes inside its Lambda.
 */
import type { FactSet } from '../../facts.js';
import type { InnerRouteData, InnerRouteFact } from '../../detectors/lambda-dispatch/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { compareText } from './format.js';

/** Inner routes by the Lambda file that dispatches them. */
export function innerRoutesByFile(facts: FactSet): Map<string, InnerRouteData[]> {
  const out = new Map<string, InnerRouteData[]>();
  for (const { data } of facts.of<InnerRouteFact>('lambda.inner-route')) {
    const list = out.get(data.file);
    if (list) list.push(data);
    else out.set(data.file, [data]);
  }
  return out;
}

const norm = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** The inner route that is exactly this API route (same method, or ANY, and the same path or route key). */
export function innerMatch(inner: readonly InnerRouteData[] | undefined, method: string, path: string): InnerRouteData | undefined {
  return inner?.find((r) => norm(r.path) === norm(path) && (r.method === method || r.method === 'ANY'));
}

/** `listOrders` `/services/orders/list.ts:3`, or the expression as written when it cannot be followed. */
export function innerHandlerCell(r: InnerRouteData): string {
  if (r.handler === undefined) return `answered inline at ${cite(r.file, r.line)}`;
  if (!r.handlerResolved) return `${code(r.handler)} (not resolved statically)`;
  return r.handlerAt ? `${code(r.handler)} ${cite(r.handlerAt)}` : code(r.handler);
}

/**
 * For each dispatching Lambda whose routes are not each an API route of their own (a proxy, `ANY`, a
 * `LambdaRestApi`): the routes its code tells apart, under the API route(s) that reach it.
 */
export function dispatchedRoutesPart(
  byFile: ReadonlyMap<string, readonly InnerRouteData[]>,
  apiRoutes: readonly { method: string; path: string; entry?: string }[],
): string {
  const sections: string[] = [];
  for (const [file, inner] of [...byFile.entries()].sort(([a], [b]) => compareText(a, b))) {
    const fronts = apiRoutes.filter((r) => r.entry === file);
    if (fronts.length === 0) continue;
    const unmatched = inner.filter((i) => !fronts.some((f) => innerMatch([i], f.method, f.path)));
    if (unmatched.length === 0) continue;
    const behind = fronts.map((f) => code(`${f.method} ${f.path}`)).join(', ');
    const rows = [...unmatched]
      .sort((a, b) => compareText(a.path, b.path) || compareText(a.method, b.method))
      .map((r) => [code(`${r.method} ${r.path}`), innerHandlerCell(r), cite(r.file, r.line)]);
    sections.push(
      join(
        heading(4, `Routes inside ${cite(file)}`),
        `The Lambda behind ${behind} tells ${unmatched.length === 1 ? 'this route' : `these ${unmatched.length} routes`} apart itself (by ${unmatched[0].key.split(' ').map((k) => code(k)).join(' and ')}):`,
        table(['Route', 'Handler', 'Dispatched at'], rows),
      ),
    );
  }
  return join(...sections);
}
