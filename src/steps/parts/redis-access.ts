import type { FactSet } from '../../facts.js';
import type { RedisAccessData, RedisAccessFact } from '../../detectors/redis/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import { plural } from './cdk-shared.js';
import { byFileLine, files, names } from './format.js';

/** Rows per client, as for an ORM model: the rest are summarised by their files. */
const MAX_ROWS = 12;

interface Row {
  readonly first: RedisAccessData;
  calls: number;
  readonly functions: string[];
}

/**
 * `#### Access patterns: Redis client <name>` per client the code runs commands on: one row per file and command (the
 * first call's key and line, how many calls); '' when no command was found.
 */
export function redisAccessPart(facts: FactSet): string {
  const accesses = facts.of<RedisAccessFact>('redis.access').map((f) => f.data);
  if (accesses.length === 0) return '';
  const byClient = new Map<string, RedisAccessData[]>();
  for (const a of accesses) byClient.set(`${a.clientFile}\0${a.client}`, [...(byClient.get(`${a.clientFile}\0${a.client}`) ?? []), a]);
  const clients = [...byClient.values()].sort((a, b) => byFileLine({ file: a[0].clientFile, line: a[0].clientLine }, { file: b[0].clientFile, line: b[0].clientLine }));
  // Two modules may each export a `redis`: their headings name the file too.
  const shared = new Set(clients.map((l) => l[0].client).filter((n, i, all) => all.indexOf(n) !== i));
  return join(...clients.map((list) => clientSection(list, shared.has(list[0].client))));
}

function clientSection(list: readonly RedisAccessData[], sharedName: boolean): string {
  const { client, clientFile, clientLine } = list[0];
  const rows = new Map<string, Row>();
  for (const a of [...list].sort(byFileLine)) {
    const key = `${a.file}\0${a.command}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { first: a, calls: 1, functions: a.function ? [a.function] : [] });
    else {
      row.calls++;
      if (a.function && !row.functions.includes(a.function)) row.functions.push(a.function);
    }
  }
  const all = [...rows.values()];
  const shown = all.slice(0, MAX_ROWS);
  const rest = all.slice(MAX_ROWS);
  const reads = list.filter((a) => a.access === 'read').length;
  const writes = list.filter((a) => a.access === 'write').length;
  const others = list.length - reads - writes;
  const parts = [reads > 0 && plural(reads, 'read'), writes > 0 && plural(writes, 'write'), others > 0 && plural(others, 'other command')].filter((p): p is string => !!p);
  const counts = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const fileCount = new Set(list.map((a) => a.file)).size;
  const note = `Redis client ${code(client)} (${cite(clientFile, clientLine)}): ${counts} in ${plural(fileCount, 'file')}; one row per file and command, at its first call.`;
  const body = table(
    ['Access', 'Command', 'Key (first argument)', 'Function', 'Where'],
    shown.map((r) => [
      r.first.access,
      code(r.first.command),
      r.first.key ? code(r.first.key) : '—',
      r.functions.length > 0 ? names(r.functions, 3) : '—',
      `${cite(r.first.file, r.first.line)}${r.calls > 1 ? ` (${r.calls} calls)` : ''}`,
    ]),
  );
  const more = rest.length > 0
    ? `And ${plural(rest.length, 'more row')} (${rest.reduce((n, r) => n + r.calls, 0)} calls) in ${files(rest.map((r) => r.first.file))}.`
    : '';
  return join(heading(4, `Access patterns: Redis client ${code(client)}${sharedName ? ` (${cite(clientFile)})` : ''}`), note, body, more);
}
