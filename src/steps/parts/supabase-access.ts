import type { FactSet } from '../../facts.js';
import type { SupabaseAccessData, SupabaseAccessFact, SupabaseClientData, SupabaseClientFact } from '../../detectors/supabase/access.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { plural } from './cdk-shared.js';
import { byFileLine, files, names } from './format.js';

/** Rows shown: a large app's other calls are summarised by their files. */
const MAX_ROWS = 24;

interface Row {
  readonly first: SupabaseAccessData;
  calls: number;
  readonly functions: string[];
}

/**
 * `#### Access patterns: Supabase`: where clients are created, then one row per table (or Postgres function), file and
 * method, at its first call; '' when no query and no client was found.
 */
export function supabaseAccessPart(facts: FactSet): string {
  const clients = facts.of<SupabaseClientFact>('supabase.client').map((f) => f.data).sort(byFileLine);
  const accesses = facts.of<SupabaseAccessFact>('supabase.access').map((f) => f.data);
  if (clients.length === 0 && accesses.length === 0) return '';
  const rows = new Map<string, Row>();
  for (const a of [...accesses].sort(byFileLine)) {
    const key = `${target(a)}\0${a.file}\0${a.method}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { first: a, calls: 1, functions: a.function ? [a.function] : [] });
    else {
      row.calls++;
      if (a.function && !row.functions.includes(a.function)) row.functions.push(a.function);
    }
  }
  const all = [...rows.values()].sort((a, b) => {
    const ta = target(a.first);
    const tb = target(b.first);
    return ta < tb ? -1 : ta > tb ? 1 : byFileLine(a.first, b.first);
  });
  const shown = all.slice(0, MAX_ROWS);
  const rest = all.slice(MAX_ROWS);
  // Only literal names are counted as tables or functions: an expression (`PRICES`) may name one already counted.
  const tables = new Set(accesses.filter((a) => a.call === 'from' && a.target !== undefined).map(target));
  const fns = new Set(accesses.filter((a) => a.call === 'rpc' && a.target !== undefined).map(target));
  const unresolved = new Set(accesses.filter((a) => a.target === undefined).map(target));
  const fileCount = new Set(accesses.map((a) => a.file)).size;
  const parts = [
    tables.size > 0 && plural(tables.size, 'table'),
    fns.size > 0 && plural(fns.size, 'Postgres function'),
    unresolved.size > 0 && `${plural(unresolved.size, 'name')} not resolved statically`,
  ].filter((p): p is string => !!p);
  const what = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const summary = accesses.length > 0
    ? `Supabase query-builder calls (\`.from('table')\`, \`.rpc('fn')\`): ${plural(accesses.length, 'call')} on ${what} in ${plural(fileCount, 'file')}; one row per table, file and method, at its first call.`
    : '';
  const body = shown.length > 0 && table(
    ['Table / function', 'Access', 'Method', 'Function', 'Where'],
    shown.map((r) => [
      r.first.call === 'rpc' ? `${targetCell(r.first)} (RPC)` : targetCell(r.first),
      r.first.access,
      code(r.first.method),
      r.functions.length > 0 ? names(r.functions, 3) : '—',
      `${cite(r.first.file, r.first.line)}${r.calls > 1 ? ` (${r.calls} calls)` : ''}`,
    ]),
  );
  const more = rest.length > 0
    ? `And ${plural(rest.length, 'more row')} (${rest.reduce((n, r) => n + r.calls, 0)} calls) in ${files(rest.map((r) => r.first.file))}.`
    : '';
  return join(heading(4, 'Access patterns: Supabase'), clientLines(clients), summary, body, more);
}

function target(a: SupabaseAccessData): string {
  return a.target ?? a.expression ?? '';
}

/** A name as written in the string literal; an expression is shown as written and marked unresolved. */
function targetCell(a: SupabaseAccessData): string {
  return a.target !== undefined ? code(a.target) : `${code(a.expression ?? '?')} (not resolved statically)`;
}

function clientLines(clients: readonly SupabaseClientData[]): string {
  if (clients.length === 0) return '';
  const lines = clients.map((c) => {
    const made = `${code(c.factory)} from ${code(c.module)} at ${cite(c.file, c.line)}`;
    if (c.role === 'instance' && c.name) return `- ${code(c.name)} — ${made}`;
    if (c.name) return `- ${code(`${c.name}()`)} returns a new client — ${made}`;
    return `- ${made}`;
  });
  return `Supabase clients are created in:\n\n${lines.join('\n')}`;
}
