/**
 * Step 4's tables defined in SQL files (the sql-schema detector): an overview with each table's primary key, foreign
 * keys, row level security and policies, then each table's columns with their types.
 */
import type { SqlSourceFact, SqlTableFact } from '../../detectors/sql-schema/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code, escaped } from '../../markdown/text.js';
import { plural } from './cdk-shared.js';

export function sqlTables(facts: FactSet): SqlTableFact[] {
  return facts.of<SqlTableFact>('sql.table');
}

/** `10 tables defined in SQL in /supabase/schemas (Supabase's declarative schema)`, or '' without SQL tables. */
export function sqlTablesSentence(facts: FactSet): string {
  const sources = facts.of<SqlSourceFact>('sql.source').filter((s) => s.data.tables > 0);
  if (sources.length === 0) return '';
  const where = sources.map((s) => {
    const what = s.data.kind === 'schema' ? (s.data.supabase ? "Supabase's declarative schema" : 'schema file') : `${plural(s.data.files, 'migration')} replayed in name order`;
    return `${cite(s.data.folder)} (${what})`;
  });
  const total = sources.reduce((n, s) => n + s.data.tables, 0);
  return `${plural(total, 'table')} defined in SQL in ${where.join(', ')}: columns, keys and row level security read from the DDL as written.`;
}

const names = (cols: readonly string[]) => cols.map((c) => code(c)).join(', ');

function policiesCell(t: SqlTableFact['data']): string {
  if (!t.rls && t.policies.length === 0) return '—';
  const rls = t.rls ? `on (${cite(t.rls)})` : 'not enabled in these files';
  if (t.policies.length === 0) return `${rls}; no policy`;
  const shown = t.policies.slice(0, 4).map((p) => `${escaped(`"${p.name}"`)}${p.command ? ` (${p.command})` : ''}`);
  return `${rls}; ${plural(t.policies.length, 'policy', 'policies')}: ${shown.join(', ')}${t.policies.length > 4 ? ` (+${t.policies.length - 4} more)` : ''} — ${cite(t.policies[0])}`;
}

function foreignKeysCell(t: SqlTableFact['data']): string {
  if (t.foreignKeys.length === 0) return '—';
  return t.foreignKeys.map((f) => `${names(f.columns)} → ${code(`${f.table}${f.refColumns.length ? `(${f.refColumns.join(', ')})` : ''}`)}`).join(', ');
}

/** `### Tables (SQL)`: overview table, then one bullet of columns per table; '' without SQL tables. */
export function sqlTablesPart(facts: FactSet): string {
  const tables = sqlTables(facts);
  if (tables.length === 0) return '';
  const rows = tables.map((t) => [
    code(t.data.name),
    t.data.primaryKey.length ? names(t.data.primaryKey) : '—',
    foreignKeysCell(t.data),
    policiesCell(t.data),
    `${cite(t.data.file, t.data.line)}${t.data.changedIn.length ? ` (changed by ${plural(t.data.changedIn.length, 'later migration')})` : ''}${t.data.alsoIn.length ? `; also created in ${citeAll(t.data.alsoIn, 2)}` : ''}`,
  ]);
  const columns = tables.map((t) => `${code(t.data.name)}: ${t.data.columns.map((c) => `${code(c.name)} ${escaped(c.type)}`).join(', ') || '(no columns read)'}`);
  return join(
    heading(3, 'Tables (SQL)'),
    table(['Table', 'Primary key', 'Foreign keys', 'Row level security', 'Defined at'], rows),
    heading(4, 'Columns'),
    bullets(columns),
  );
}
