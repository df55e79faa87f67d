/**
 * URL aliases from `next.config.*` beside the routes they point to: `/healthz` rewritten to `/api/health` is served by
 * that route, so "what serves /healthz" finds its answer where the routes are listed. URL paths are plain text
 * (`urlPath`): an inline code span starting with `/` is a repository path.
 */
import type { NextAliasData } from '../../detectors/nextjs-pages/aliases.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';

/** One line for the rewrites and one for the redirects of one app; '' when it declares none. */
export function urlAliasLines(aliases: readonly NextAliasData[]): string {
  const sorted = [...aliases].sort((a, b) => a.line - b.line);
  return (['rewrite', 'redirect'] as const)
    .map((kind) => {
      const mine = sorted.filter((a) => a.kind === kind);
      if (mine.length === 0) return '';
      const read = mine.flatMap((a) => (a.unread ? [] : [a]));
      const unread = mine.filter((a) => a.unread);
      // Rewrites grouped by destination: four health-check aliases of one route are one statement.
      // An entry with `has`/`missing` conditions applies only when they match: said so, and never grouped with the others.
      const byTarget = new Map<string, { to: string; when: boolean; from: string[]; env?: readonly string[] }>();
      for (const a of read) {
        const key = `${a.destination}\u0000${a.conditional ? 'when' : ''}`;
        const group = byTarget.get(key) ?? { to: a.destination, when: !!a.conditional, from: [], ...(a.destinationInCode ? { env: a.destinationInCode.envFrom } : {}) };
        group.from.push(a.source);
        byTarget.set(key, group);
      }
      const parts = [...byTarget.values()].map(({ to, when, from, env }) => {
        const cond = when ? ' (only when its `has`/`missing` conditions match)' : '';
        // A destination built in code is quoted as written, with the variables its names are read from (plain text when it
        // starts with `/`: a code span starting with `/` is a repository path).
        const target = env ? `${to.startsWith('/') ? urlPath(to) : code(to)}${env.length ? ` (built from ${list(env.map((e) => `\`${e}\``))})` : ' (built in code)'}` : urlPath(to);
        return kind === 'rewrite'
          ? `${list(from.map(urlPath))} ${from.length === 1 ? 'serves' : 'serve'} ${target}${cond}`
          : `${list(from.map(urlPath))} → ${target}${permanence(read.filter((a) => a.destination === to))}${cond}`;
      });
      const more = unread.length ? `${parts.length ? '; more are' : 'entries are'} built in code at ${unread.map((u) => cite(u.file, u.line)).join(', ')}` : '';
      const label = kind === 'rewrite' ? '**URL aliases** (`rewrites`: the URL stays as requested)' : '**Redirects**';
      return `${label} in ${cite(mine[0].file, mine[0].line)}: ${parts.join('; ')}${more}.`;
    })
    .filter(Boolean)
    .join('\n\n');
}

function permanence(list: readonly { permanent?: boolean }[]): string {
  if (list.every((a) => a.permanent === true)) return ' (permanent)';
  if (list.every((a) => a.permanent === false)) return ' (temporary)';
  return '';
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
