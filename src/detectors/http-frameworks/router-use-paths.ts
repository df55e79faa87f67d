/**
 * Hono calls that read like routes or middleware but are the other: `for (const path of ['/login', '/google'])
 * app.use(path, limit(cfg))` — the loop variable is where the middleware applies, not a middleware itself — and
 * `app.on('POST', '/', limit(cfg))` followed by `app.post('/', handler)`: Hono runs both for POST /, so the first only
 * adds middleware to the route declared after it.
 */
import { ts } from '../../scan/ts.js';
import { constantsOf, staticString } from '../shared/ast.js';
import type { CrossFileLinks } from './router-links.js';
import { elementsOf, loopOf } from './router-rows.js';
import type { Base } from './router-targets.js';
import type { MiddlewareRef, Unit } from './router-types.js';

/** Names a loop over paths gives its variable when the list itself cannot be followed (`for (const path of PATHS)`). */
const PATH_NAME = /^(?:p|paths?|routes?|prefix(?:es)?|urls?|endpoints?|\w*(?:Path|Route|Url|Prefix))$/i;

/**
 * The paths a `use(x, …)` first argument stands for when `x` is a loop variable over path strings: each literal of a
 * list known statically, `[]` when the list is not known but the variable is named as a path (the use applies under a
 * path that is not known), undefined when `x` is not such a variable (it may be a middleware: `app.use(auth, other)`).
 */
export function loopPaths(x: ts.Expression | undefined, sf: ts.SourceFile, links: CrossFileLinks | undefined): Base[] | undefined {
  if (!x || !ts.isIdentifier(x)) return undefined;
  const loop = loopOf(x);
  if (!loop || loop.names.length !== 1 || loop.names[0][1] !== undefined) return undefined;
  const elements = elementsOf(loop.list, sf, links, 0);
  const texts = elements?.map((el) => (el.kind === 'value' ? staticString(el.expr, constantsOf(el.sf)) : undefined));
  if (texts && texts.length > 0 && texts.every((t) => t?.resolved && t.text.startsWith('/'))) return texts.map((t) => ({ text: t!.text, resolved: true }));
  return PATH_NAME.test(x.text) ? [] : undefined;
}

/** An `on(method, path, one)` call whose single handler may only be middleware for a route declared after it. */
export interface OnlyHandler {
  readonly unit: Unit;
  readonly method: string;
  readonly path: string;
  readonly order: number;
  readonly ref: MiddlewareRef;
}

/**
 * Each `on(…)` with one handler that is followed, on the same router, by a route for the same method and path stops
 * being a route: its handler is added in front of that route's middleware. Routes already built from `on(…)` are
 * found by their order (the call's position).
 */
export function foldOnlyHandlers(pending: readonly OnlyHandler[]): void {
  for (const p of pending) {
    const routes = p.unit.routes;
    const own = routes.findIndex((r) => r.order === p.order && r.method === p.method && r.path === p.path);
    const next = routes
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.order > p.order && r.method === p.method && r.path === p.path)
      .sort((a, b) => a.r.order - b.r.order)[0];
    if (own < 0 || !next) continue;
    routes[next.i] = { ...next.r, middleware: [p.ref, ...next.r.middleware] };
    routes.splice(own, 1);
  }
}
