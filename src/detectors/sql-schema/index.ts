/**
 * Tables defined in SQL files: Supabase's declarative `supabase/schemas/*.sql`, `schema.sql` files and
 * `migrations/*.sql` folders, read as text (never executed). Where a project keeps a declarative schema (Supabase's,
 * or a current schema file beside its migrations folder), that is its current shape and its migrations are not shown; otherwise the migrations of one folder are applied in name
 * order. `sql.table` facts (columns, primary key, foreign keys, row level security and policy names) and one
 * `sql.source` fact per folder read.
 */
import path from 'node:path';
import type { Citation, Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isBuildOrVendor } from '../shared/source-scope.js';
import { SqlSchema, type SqlColumn, type SqlForeignKey, type SqlPolicy } from './ddl.js';

export interface SqlTableData {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly columns: readonly SqlColumn[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly SqlForeignKey[];
  readonly rls?: { readonly file: string; readonly line: number };
  readonly policies: readonly SqlPolicy[];
  /** Later files (migrations) that change the table. */
  readonly changedIn: readonly string[];
  /** The folder of the files it was read from. */
  readonly source: string;
  /** The same table (by name) created again in another folder's files: a copy such as a loose schema.sql. */
  readonly alsoIn: readonly Citation[];
}
export type SqlTableFact = Fact<'sql.table', SqlTableData>;

export interface SqlSourceData {
  /** The folder read (`supabase/schemas`, `db/migrations`), or the one schema file. */
  readonly folder: string;
  readonly kind: 'schema' | 'migrations';
  readonly files: number;
  readonly tables: number;
  /** A Supabase project's folder (`supabase`), when the files are in one. */
  readonly supabase?: string;
}
export type SqlSourceFact = Fact<'sql.source', SqlSourceData>;

const SCHEMA_FILE = /(^|\/)(supabase\/schemas\/.+|[^/]*schema)\.sql$/i;
const MIGRATION_FILE = /(^|\/)migrations?\/([^/]+\/)?[^/]+\.sql$/i;
/** Prisma keeps its schema in schema.prisma (the ORM detector reads it); down migrations undo, they do not shape. */
const SKIP = /(^|\/)prisma\/migrations\/|(^|[/._-])down\.sql$/i;

interface Group {
  readonly schema: string[];
  readonly migrations: string[];
}

/** Files by project: a Supabase folder's schemas and migrations together, any other migrations folder alone. */
function groups(index: RepoIndex): Map<string, Group> {
  const out = new Map<string, Group>();
  const add = (key: string, kind: keyof Group, file: string) => {
    const g = out.get(key) ?? { schema: [], migrations: [] };
    out.set(key, g);
    g[kind].push(file);
  };
  for (const file of index.files) {
    if (!file.toLowerCase().endsWith('.sql') || isBuildOrVendor(index, file) || SKIP.test(file)) continue;
    const supabase = /^(.*?(?:^|\/)supabase)\//.exec(file)?.[1];
    const kind = isNumberedMigration(file) ? 'migrations' : SCHEMA_FILE.test(file) ? 'schema' : MIGRATION_FILE.test(file) ? 'migrations' : undefined;
    if (!kind) continue;
    add(supabase ?? (kind === 'schema' ? file : migrationFolder(file)), kind, file);
  }
  return out;
}

/**
 * A numbered file in a migrations folder (`migrations/0000_initial_schema.sql`, Drizzle Kit's first migration named
 * by hand; `supabase/migrations/20240101_schema.sql`) is the first of the replay even when its name ends in `schema`:
 * read as a schema file on its own, later migrations' `ALTER TABLE … ADD CONSTRAINT` would find no table to change.
 */
function isNumberedMigration(file: string): boolean {
  return MIGRATION_FILE.test(file) && /^(\d|v\d+__)/i.test(path.posix.basename(file));
}

/** `db/migrations/001_init/up.sql` → `db/migrations`. */
function migrationFolder(file: string): string {
  const parts = file.split('/');
  let at = parts.length - 1;
  while (at > 0 && !/^migrations?$/i.test(parts[at])) at--;
  return parts.slice(0, at + 1).join('/');
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isSupabase = (key: string) => /(^|\/)supabase$/.test(key);

export const sqlSchemaDetector: Detector = {
  id: 'sql-schema',
  isEnabled: (index) => index.files.some((f) => f.toLowerCase().endsWith('.sql')),
  detect(index: RepoIndex): Fact[] {
    const facts: Fact[] = [];
    // A Supabase project's tables first: a loose `schema.sql` beside it often repeats them, and is then cited as a copy.
    const ordered = [...groups(index)].sort(([a], [b]) => Number(!isSupabase(a)) - Number(!isSupabase(b)) || byPath(a, b));
    const seen = new Map<string, { alsoIn: Citation[] }>();
    const read = (files: readonly string[]) => {
      const schema = new SqlSchema();
      for (const file of files) {
        const text = index.read(file);
        if (text !== undefined) schema.read(file, text, (f, offset) => index.lineAt(f, offset) ?? 1);
      }
      return schema;
    };
    const schemas = new Map(ordered.map(([key, group]) => {
      const kind = group.schema.length > 0 ? 'schema' : 'migrations';
      const files = [...group[kind]].sort(byPath);
      return [key, { kind, files, schema: read(files) }] as const;
    }));
    const superseded = supersededMigrations(schemas);
    for (const [key] of ordered) {
      if (superseded.has(key)) continue;
      const { kind, files, schema } = schemas.get(key)!;
      const dirs = [...new Set(files.map((f) => path.posix.dirname(f)))];
      const folder = files.length === 1 ? files[0] : dirs.length === 1 ? dirs[0] : commonFolder(dirs);
      const all = [...schema.tables.values()].sort((a, b) => byPath(a.file, b.file) || a.line - b.line);
      const tables = all.filter((t) => {
        const first = seen.get(t.name);
        if (first) first.alsoIn.push({ file: t.file, line: t.line });
        return !first;
      });
      facts.push({
        kind: 'sql.source',
        id: `${kind} ${folder}`,
        data: { folder, kind, files: files.length, tables: tables.length, ...(isSupabase(key) ? { supabase: key } : {}) },
        at: [{ file: files[0] }],
      } satisfies SqlSourceFact);
      for (const t of tables) {
        const alsoIn: Citation[] = [];
        seen.set(t.name, { alsoIn });
        const data: SqlTableData = { ...t, source: folder, changedIn: kind === 'migrations' ? t.changedIn : [], alsoIn };
        facts.push({ kind: 'sql.table', id: `${folder} ${t.name}`, data, at: [{ file: t.file, line: t.line }] } satisfies SqlTableFact);
      }
    }
    return facts;
  },
};

interface ReadGroup {
  readonly kind: 'schema' | 'migrations';
  readonly files: readonly string[];
  readonly schema: SqlSchema;
}

/**
 * Migration folders whose shape a schema file beside them already gives (`db/clickhouse/schema.sql` beside
 * `db/clickhouse/migrations/`, dbmate's `db/schema.sql` beside `db/migrations/`): replaying the migrations leaves the
 * temporary tables of rebuilds whose drops were left for a person to run (`*_new`, `*_old`, join tables), which the
 * schema file does not have. The schema file stands for them only when it is current: it has a table the last
 * migration creates or changes (when it touches any), and every column the replay gives the tables both name; otherwise (a starting schema,
 * or a stale one) both are read as before.
 */
function supersededMigrations(groups: ReadonlyMap<string, ReadGroup>): Set<string> {
  const out = new Set<string>();
  for (const [key, g] of groups) {
    if (g.kind !== 'migrations' || isSupabase(key)) continue;
    const parent = path.posix.dirname(key);
    const schemaKey = [...groups.keys()].find((k) => groups.get(k)!.kind === 'schema' && !isSupabase(k) && path.posix.dirname(k) === parent);
    const schema = schemaKey ? groups.get(schemaKey)!.schema.tables : undefined;
    if (!schema || schema.size === 0) continue;
    const last = g.files[g.files.length - 1];
    const replayed = [...g.schema.tables.values()];
    const shared = replayed.filter((t) => schema.has(t.name));
    const lastOnes = replayed.filter((t) => t.file === last || t.changedIn.includes(last));
    const hasColumns = (t: (typeof replayed)[number]) => {
      const names = new Set(schema.get(t.name)!.columns.map((c) => c.name.toLowerCase()));
      return t.columns.every((c) => names.has(c.name.toLowerCase()));
    };
    if (shared.length > 0 && (lastOnes.length === 0 || lastOnes.some((t) => schema.has(t.name))) && shared.every(hasColumns)) out.add(key);
  }
  return out;
}

function commonFolder(dirs: readonly string[]): string {
  const split = dirs.map((d) => d.split('/'));
  const out: string[] = [];
  for (let i = 0; split.every((p) => i < p.length && p[i] === split[0][i]); i++) out.push(split[0][i]);
  return out.join('/') || '.';
}
