/**
 * Tables created by schema-builder calls in migration code (Kysely's `db.schema.createTable('user').addColumn(…)`,
 * Knex's `knex.schema.createTable('user', …)`). Step 4 shows no columns for them yet, but must not say that no
 * table definition was found: it says where each table is created. Text only, in the migration folders' script files.
 */
import type { DbMigrationsFact } from '../../detectors/database-runtime/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, join } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { plural } from './cdk-shared.js';

const CREATE_TABLE = /\bcreateTable\(\s*(['"`])([\w.-]+)\1/g;
const SCRIPT = /\.[cm]?[jt]s$/;

export interface CodeTable {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly library?: string;
}

export function migrationCodeTables(index: RepoIndex, facts: FactSet): CodeTable[] {
  const dirs = facts.of<DbMigrationsFact>('db.migrations').flatMap((f) => f.data.folders.map((d) => d.dir));
  if (dirs.length === 0) return [];
  const inFolder = (file: string) => dirs.some((d) => d === '' || d === '.' || file.startsWith(`${d}/`));
  const seen = new Set<string>();
  const out: CodeTable[] = [];
  for (const file of [...index.files].filter((f) => SCRIPT.test(f) && inFolder(f)).sort()) {
    const text = index.read(file);
    if (!text?.includes('createTable(')) continue;
    const library = /from\s+['"]kysely['"]/.test(text) ? 'Kysely' : /from\s+['"]knex['"]|require\(['"]knex['"]\)|\bknex\.schema\b/.test(text) ? 'Knex' : undefined;
    for (const m of text.matchAll(CREATE_TABLE)) {
      // A table created again later (dropped and rebuilt) is cited where it is first created.
      if (seen.has(m[2])) continue;
      seen.add(m[2]);
      out.push({ name: m[2], file, line: index.lineAt(file, m.index ?? 0) ?? 1, ...(library ? { library } : {}) });
    }
  }
  return out;
}

/** Where the migrations create each table, instead of "no table definition found". */
export function migrationCodeTablesPart(tables: readonly CodeTable[]): string {
  const libraries = [...new Set(tables.flatMap((t) => (t.library ? [t.library] : [])))].sort();
  const how = libraries.length > 0 ? `${libraries.join(' and ')} ${code('createTable')}` : code('createTable');
  return join(
    `The tables are created by the migration code (${how}, ${plural(tables.length, 'table')}); their columns are in each call:`,
    bullets(tables.map((t) => `${code(t.name)} — ${cite(t.file, t.line)}`)),
  );
}
