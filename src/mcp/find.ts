/**
 * Ranks entries against a free-text query: an endpoint (`POST /v1/orders`, or just `/orders`), a table, a variable,
 * a route, a class or a package name. Exact titles first, then every query word found in the title, then words found
 * in the summary; URL parameters (`{id}`, `:id`, `[id]`, `$id`) match any segment.
 */
import type { Entry, EntryKind } from './entries.js';

export interface Match {
  readonly entry: Entry;
  readonly score: number;
}

/** Kinds that are rarely what "where is X" asks for: they rank after the things the map is about. */
const MINOR: ReadonlySet<EntryKind> = new Set(['config', 'script', 'other']);

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'any', 'all']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 0);
}

/** A path's segments, parameters written as `*`. */
function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^(\{.*\}|:.+|\[.*\]|\$.+|\*)$/.test(s) ? '*' : s.toLowerCase()));
}

/**
 * Whether the query's path segments appear in order in the route's, a route parameter standing for any one segment
 * (`/orders/42` finds `/orders/{id}`); at least one segment must match by name, or every route with a parameter would.
 */
function pathMatches(query: readonly string[], route: readonly string[]): boolean {
  let i = 0;
  let named = 0;
  for (const seg of route) {
    if (i >= query.length) break;
    if (seg === query[i] && seg !== '*') {
      named++;
      i++;
    } else if (seg === '*' || query[i] === '*') i++;
  }
  return i === query.length && named > 0;
}

interface Prepared {
  readonly title: string;
  readonly summary: string;
  readonly titleWords: ReadonlySet<string>;
  readonly otherWords: ReadonlySet<string>;
  readonly path?: { readonly method: string; readonly segments: readonly string[] };
}

/** Each entry's words, computed once: the server ranks the same entries for every query until the code changes. */
const prepared = new WeakMap<Entry, Prepared>();

function prepare(entry: Entry): Prepared {
  let p = prepared.get(entry);
  if (!p) {
    const [method, path = ''] = entry.title.split(' ');
    p = {
      title: entry.title.toLowerCase(),
      summary: entry.summary.toLowerCase(),
      titleWords: new Set(words(entry.title)),
      otherWords: new Set(words(`${entry.summary} ${entry.keywords ?? ''}`)),
      ...(entry.kind === 'endpoint' ? { path: { method: method.toLowerCase(), segments: segments(path) } } : {}),
    };
    prepared.set(entry, p);
  }
  return p;
}

export function rank(entries: readonly Entry[], query: string, kind?: EntryKind): Match[] {
  const q = query.trim();
  const qLower = q.toLowerCase();
  const qWords = words(q);
  const method = qWords.find((w) => METHODS.has(w));
  const pathPart = q.split(/\s+/).find((p) => p.startsWith('/'));
  const qSegments = pathPart ? segments(pathPart) : [];
  const out: Match[] = [];
  for (const entry of entries) {
    if (kind && entry.kind !== kind) continue;
    const p = prepare(entry);
    let score = 0;
    if (p.title === qLower) score += 100;
    else if (p.title.includes(qLower) && qLower.length > 2) score += 40;
    if (p.path && pathPart && pathMatches(qSegments, p.path.segments)) {
      score += 30 + qSegments.length * 5 - Math.abs(p.path.segments.length - qSegments.length);
      if (method && p.path.method === method) score += 20;
      else if (method && !['any', 'all'].includes(p.path.method)) score -= 25;
    }
    let found = 0;
    for (const w of qWords) {
      if (p.titleWords.has(w)) {
        score += 8;
        found++;
      } else if (p.otherWords.has(w)) {
        score += 3;
        found++;
      } else if (w.length > 3 && (p.title.includes(w) || p.summary.includes(w))) {
        score += 2;
        found++;
      }
    }
    // Most of the query's words must be there: one shared word among many is noise.
    if (qWords.length > 0 && found < Math.ceil(qWords.length / 2) && score < 30) continue;
    if (score > 0) out.push({ entry, score: score + (MINOR.has(entry.kind) ? -10 : 0) });
  }
  return out.sort((a, b) => b.score - a.score || a.entry.kind.localeCompare(b.entry.kind) || a.entry.title.localeCompare(b.entry.title));
}
