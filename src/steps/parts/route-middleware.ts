/**
 * What runs in front of a table's routes, said once: the middleware every route passes through goes above the table,
 * each row keeps only what is particular to it, and a legend under the table says where each one's code is and where
 * it is applied — the answer to "what guards `POST /orders`?".
 */
import type { Citation } from '../../facts.js';
import type { MiddlewareUse } from '../../detectors/http-frameworks/index.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { byFileLine, compareText } from './format.js';

const KIND_LABEL: Record<MiddlewareUse['kind'], string> = {
  route: 'on the route',
  wrapper: 'wraps the handler',
  mount: 'where the router is mounted',
  use: '`use` before the route',
  hook: 'Fastify hook',
  guard: '`@UseGuards`',
  global: 'global guard',
  module: '`consumer.apply(…).forRoutes(…)`',
  decorator: 'decorator',
  'middleware-file': 'Next.js middleware',
  procedure: 'procedure middleware',
  'action-client': 'action client middleware',
  rule: 'graphql-shield rule',
  'session-check': "a session check in the handler's own body",
  'auth-helper': 'an auth check in a function the handler calls',
  'server-hook': 'SvelteKit server hook (every request)',
};

const keyOf = (u: MiddlewareUse) => `${u.name}\u0000${u.at.file}:${u.at.line ?? ''}`;

export interface MiddlewareLayout {
  /** Middleware every route of the table passes through, in order. */
  readonly common: readonly MiddlewareUse[];
  /** The rest, per route (same order as given). */
  readonly own: readonly (readonly MiddlewareUse[])[];
}

/** Splits each route's middleware into what all routes share (when there are several) and what is its own. */
export function layoutMiddleware(perRoute: readonly (readonly MiddlewareUse[])[]): MiddlewareLayout {
  if (perRoute.length < 2) return { common: [], own: perRoute };
  const [first, ...rest] = perRoute;
  const shared = new Set(first.map(keyOf).filter((k) => rest.every((list) => list.some((u) => keyOf(u) === k))));
  return { common: first.filter((u) => shared.has(keyOf(u))), own: perRoute.map((list) => list.filter((u) => !shared.has(keyOf(u)))) };
}

/** `requireAuth`, `fastify.authenticate` (onRequest): a cell listing names. */
export function middlewareCell(list: readonly MiddlewareUse[]): string {
  if (list.length === 0) return '—';
  return list.map((u) => `${code(u.name)}${u.hook ? ` (${u.hook})` : ''}`).join(', ');
}

/** One line per distinct middleware: where its code is and where it is applied. */
export function middlewareLegend(all: readonly MiddlewareUse[]): string {
  const byName = new Map<string, MiddlewareUse[]>();
  for (const u of all) {
    const list = byName.get(u.name);
    if (list) list.push(u);
    else byName.set(u.name, [u]);
  }
  if (byName.size === 0) return '';
  const lines = [...byName.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, uses]) => {
      const sites = unique(uses.map((u) => u.at)).sort(byFileLine);
      const codeAt = uses.find((u) => u.code)?.code;
      const kinds = [...new Set(uses.map((u) => (u.kind === 'use' && u.under ? `\`use\` under ${urlPath(u.under)} before the route` : KIND_LABEL[u.kind])))].join(', ');
      const from = uses.find((u) => u.from)?.from;
      const where = codeAt ? `code in ${cite(codeAt)}` : from ? `from the ${code(from)} package` : 'code not followed statically';
      const applied = sites.length <= 3 ? sites.map((c) => cite(c)).join(', ') : `${sites.slice(0, 3).map((c) => cite(c)).join(', ')} (+${sites.length - 3} more)`;
      const skips = uses.find((u) => u.skips)?.skips;
      const skipped = !skips
        ? ''
        : skips.paths
          ? `; skips ${skips.paths.map((p) => code(p)).join(', ')} (${code(skips.option)} at ${cite(skips.at)})`
          : `; may skip some paths (${code(skips.option)} at ${cite(skips.at)}, not a literal list): read it before counting on it for a route`;
      return `- ${code(name)} — ${where}; ${kinds}, at ${applied}${skipped}`;
    });
  return lines.join('\n');
}

function unique(list: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = `${c.file}:${c.line ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
