/**
 * Which database engine the code talks to and how its schema changes are applied: the Prisma datasource provider,
 * Drizzle's dialect, a TypeORM DataSource type, a knex client, a Mongoose connection, a database image in a compose
 * file; and migration commands (npm scripts) and folders. Read from text: config files are never imported.
 */
import { isComposeName } from '../../scan/file-kinds.js';
import path from 'node:path';
import type { Citation, Detector, Fact } from '../../facts.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { isBuildOrVendor } from '../shared/source-scope.js';
import { isDownMigration, isMigrationContent, MIGRATION_DIR, notAMigration } from './migration-files.js';
import { migrationRuns, runTool, type MigrationRun } from './migration-runs.js';
import { scriptVia, type ScriptVia } from './script-via.js';

export interface DbEngineData {
  /** `PostgreSQL`, `MySQL`, `SQLite`, `MongoDB`, `SQL Server`, `CockroachDB`, `Redis`… */
  readonly engine: string;
  /** How it is known: `Prisma datasource provider "postgresql"`, `compose image postgres:16`. */
  readonly via: string;
  readonly file: string;
  readonly line: number;
}
export type DbEngineFact = Fact<'db.engine', DbEngineData>;

export interface MigrationScript {
  readonly name: string;
  readonly command: string;
  readonly manifest: string;
  readonly dir: string;
  readonly line?: number;
  /** For a script that runs a file of the repository (`tsx ./cli/db-migrate.ts`): the migration command that file runs. */
  readonly via?: ScriptVia;
}

export interface DbMigrationsData {
  readonly tool: string;
  /** A package.json script that runs migrations, with its package folder. */
  readonly scripts: readonly MigrationScript[];
  /** Commands in CI, Dockerfiles or compose files that apply the migrations (`npx prisma migrate deploy`). */
  readonly runs?: readonly MigrationRun[];
  /** Folders holding migration files, with how many files each, and how many of them are down (undo) files. */
  readonly folders: readonly { readonly dir: string; readonly count: number; readonly downs?: number }[];
}
export type DbMigrationsFact = Fact<'db.migrations', DbMigrationsData>;

const ENGINES: Record<string, string> = {
  postgresql: 'PostgreSQL', postgres: 'PostgreSQL', pg: 'PostgreSQL', 'pg-native': 'PostgreSQL', 'postgres-js': 'PostgreSQL', neon: 'PostgreSQL',
  'node-postgres': 'PostgreSQL', 'vercel-postgres': 'PostgreSQL', 'aws-data-api-pg': 'PostgreSQL', supabase: 'PostgreSQL', pglite: 'PostgreSQL',
  mysql: 'MySQL', mysql2: 'MySQL', mariadb: 'MariaDB', planetscale: 'MySQL', 'aws-data-api-mysql': 'MySQL', singlestore: 'SingleStore',
  sqlite: 'SQLite', sqlite3: 'SQLite', 'better-sqlite3': 'SQLite', 'better-sqlite': 'SQLite', libsql: 'SQLite (libSQL)', turso: 'SQLite (libSQL)', d1: 'SQLite (Cloudflare D1)', 'expo-sqlite': 'SQLite',
  mongodb: 'MongoDB', mongo: 'MongoDB', sqlserver: 'SQL Server', mssql: 'SQL Server', cockroachdb: 'CockroachDB', oracle: 'Oracle', oracledb: 'Oracle',
  redis: 'Redis', valkey: 'Valkey', mariadbd: 'MariaDB',
};

/** A migration tool's command in a script or in code that runs one. */
export const MIGRATION_TOOL = /\b(prisma (migrate|db push)|drizzle-kit (migrate|push|generate|up)|typeorm[\w:-]* migration:(run|generate)|migration:run|knex migrate|sequelize(-cli)? db:migrate|node-pg-migrate|dbmate|flyway|atlas migrate|supabase (db push|migration)|mikro-orm(-esm)? migration:up|kysely migrate|umzug|graphile-migrate|migrate (up|deploy))\b/;

function engineOf(word: string): string | undefined {
  return ENGINES[word.toLowerCase()];
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export const databaseRuntimeDetector: Detector = {
  id: 'database-runtime',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    return [...engines(index), ...migrations(index)];
  },
};

function engines(index: RepoIndex): DbEngineFact[] {
  const out: DbEngineFact[] = [];
  const add = (engine: string, via: string, file: string, line: number) => {
    if (!out.some((e) => e.data.engine === engine && e.data.file === file)) out.push({ kind: 'db.engine', id: `${engine} ${file}`, data: { engine, via, file, line }, at: [{ file, line }] });
  };
  for (const file of index.files) {
    if (isBuildOrVendor(index, file)) continue;
    const name = file.slice(file.lastIndexOf('/') + 1);
    // The Supabase CLI runs every project on PostgreSQL.
    if (/(^|\/)supabase\/config\.toml$/.test(file)) add('PostgreSQL', 'Supabase project config', file, 1);
    if (name.endsWith('.prisma')) {
      const text = index.read(file) ?? '';
      const m = /datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*"(\w+)"/.exec(text);
      const engine = m && engineOf(m[1]);
      if (m && engine) add(engine, `Prisma datasource provider "${m[1]}"`, file, lineOf(text, m.index + m[0].indexOf('provider')));
    } else if (/^drizzle\.config\.[cm]?[jt]s$/.test(name)) {
      const text = index.read(file) ?? '';
      const m = /\b(dialect|driver)\s*:\s*['"`]([\w-]+)['"`]/.exec(text);
      const engine = m && engineOf(m[2]);
      if (m && engine) add(engine, `Drizzle ${m[1]} "${m[2]}"`, file, lineOf(text, m.index));
    } else if (/^knexfile\.[cm]?[jt]s$/.test(name) || /^(ormconfig\.(json|[cm]?[jt]s)|data-?source\.[cm]?[jt]s)$/i.test(name)) {
      const text = index.read(file) ?? '';
      const m = /\b(client|type)\s*:\s*['"`]([\w-]+)['"`]/.exec(text);
      const engine = m && engineOf(m[2]);
      if (m && engine) add(engine, `${name.startsWith('knex') ? 'knex client' : 'TypeORM type'} "${m[2]}"`, file, lineOf(text, m.index));
    } else if (isComposeName(name)) {
      const text = index.read(file) ?? '';
      const re = /^\s*image:\s*['"]?(?:[\w.-]+\/)?(postgres|postgis\/postgis|mysql|mariadb|mongo|redis|valkey|mcr\.microsoft\.com\/mssql\/server|cockroachdb\/cockroach)(?::[\w.-]+)?['"]?\s*$/gm;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const word = m[1].replace(/^.*\//, '').replace('server', 'mssql').replace('cockroach', 'cockroachdb').replace('postgis', 'postgres');
        const engine = engineOf(word);
        if (engine) add(engine, `compose image ${m[0].trim().replace(/^image:\s*/, '').replace(/['"]/g, '')}`, file, lineOf(text, m.index + m[0].search(/\S/)));
      }
    }
  }
  // TypeORM data sources defined in code (`new DataSource({ type: 'postgres' })`) and Mongoose connections.
  for (const file of index.files) {
    if (!/\.[cm]?[jt]s$/.test(file) || isBuildOrVendor(index, file) || file.endsWith('.d.ts')) continue;
    const text = index.read(file);
    if (!text) continue;
    if (text.includes('DataSource(') && text.includes('typeorm')) {
      const m = /new\s+DataSource\s*\(\s*\{[^}]*?\btype\s*:\s*['"`](\w+)['"`]/s.exec(text);
      const engine = m && engineOf(m[1]);
      if (m && engine) add(engine, `TypeORM DataSource type "${m[1]}"`, file, lineOf(text, m.index));
    }
    // `await mongoose\n  .connect(…)`: a chain broken across lines is the same call, cited at the method.
    const mongo = text.includes('mongoose') ? /\bmongoose\s*\.\s*(connect|createConnection)\s*\(/.exec(text) : null;
    if (mongo) add('MongoDB', `mongoose.${mongo[1]}`, file, lineOf(text, mongo.index + mongo[0].indexOf(mongo[1])));
  }
  return out.sort((a, b) => (a.data.file < b.data.file ? -1 : a.data.file > b.data.file ? 1 : a.data.line - b.data.line));
}

function migrations(index: RepoIndex): DbMigrationsFact[] {
  const byTool = new Map<string, { scripts: DbMigrationsData['scripts'][number][]; runs: MigrationRun[]; folders: Map<string, number>; downs: Map<string, number> }>();
  const entry = (tool: string) => {
    let e = byTool.get(tool);
    if (!e) byTool.set(tool, (e = { scripts: [], runs: [], folders: new Map(), downs: new Map() }));
    return e;
  };
  for (const pkg of index.packages) {
    for (const [name, command] of Object.entries(pkg.manifest.scripts ?? {})) {
      if (typeof command !== 'string') continue;
      const m = MIGRATION_TOOL.exec(command);
      // A script named for migrations that runs a file of the repository is one when that file runs a migration tool.
      const via = m ? undefined : scriptVia(index, pkg.dir, name, command, MIGRATION_TOOL);
      if (!m && !via) continue;
      // The script's own key (a search for its name from the top finds a dependency or another script first).
      const line = jsonKeyLine(index, pkg.manifestPath, 'scripts', name);
      const tool = toolOf(m ? m[0] : MIGRATION_TOOL.exec(via!.command)![0]);
      entry(tool).scripts.push({ name, command, manifest: pkg.manifestPath, dir: pkg.dir, line, ...(via ? { via } : {}) });
    }
  }
  for (const run of migrationRuns(index)) if (!isBuildOrVendor(index, run.file)) entry(runTool(run.command)).runs.push(run);
  const drizzleOut = drizzleOutFolders(index);
  for (const file of index.files) {
    if (!MIGRATION_DIR.test(file) || isBuildOrVendor(index, file) || /(^|\/)node_modules\//.test(file) || notAMigration(file)) continue;
    if (!isMigrationContent(file, (f) => index.read(f))) continue;
    // The migrations folder itself, also for tools that keep one subfolder per migration.
    const key = migrationFolder(file);
    const tool = /(^|\/)prisma\/migrations$/.test(key)
      ? 'Prisma Migrate'
      : /(^|\/)drizzle$/.test(key) || drizzleOut.has(key)
        ? 'Drizzle Kit'
        : /(^|\/)supabase\/migrations$/.test(key)
          ? 'Supabase migrations'
          : 'migrations';
    const { folders, downs } = entry(tool);
    folders.set(key, (folders.get(key) ?? 0) + 1);
    if (isDownMigration(file)) downs.set(key, (downs.get(key) ?? 0) + 1);
  }
  // Folders of a tool found through its scripts join that tool rather than standing alone.
  const loose = byTool.get('migrations');
  if (loose && byTool.size > 1 && loose.scripts.length === 0 && loose.runs.length === 0) {
    const target = [...byTool.keys()].find((t) => t !== 'migrations' && t !== 'Prisma Migrate' && t !== 'Drizzle Kit' && t !== 'Supabase migrations');
    if (target) {
      for (const [d, n] of loose.folders) entry(target).folders.set(d, n);
      for (const [d, n] of loose.downs) entry(target).downs.set(d, n);
      byTool.delete('migrations');
    }
  }
  return [...byTool].sort(([a], [b]) => a.localeCompare(b)).map(([tool, e]) => {
    const folders = [...e.folders].sort(([a], [b]) => a.localeCompare(b)).map(([dir, count]) => ({ dir, count, ...(e.downs.get(dir) ? { downs: e.downs.get(dir) } : {}) }));
    const at: Citation[] = [...e.scripts.map((s) => ({ file: s.manifest, line: s.line })), ...e.runs.map((r) => ({ file: r.file, line: r.line })), ...folders.map((f) => ({ file: f.dir }))];
    return { kind: 'db.migrations', id: tool, data: { tool, scripts: e.scripts, ...(e.runs.length ? { runs: e.runs } : {}), folders }, at };
  });
}

/** The folders Drizzle Kit writes migrations to: `out: './migrations'` in a drizzle config, relative to it. */
function drizzleOutFolders(index: RepoIndex): Set<string> {
  const out = new Set<string>();
  for (const file of index.files) {
    if (!/(^|\/)drizzle\.config\.[cm]?[jt]s$/.test(file)) continue;
    const m = /\bout\s*:\s*['"`]([^'"`$]+)['"`]/.exec(index.read(file) ?? '');
    if (!m) continue;
    const dir = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])).replace(/\/$/, '');
    out.add(dir === '.' ? '' : dir);
  }
  return out;
}

function toolOf(command: string): string {
  if (command.startsWith('prisma')) return 'Prisma Migrate';
  if (command.startsWith('drizzle-kit')) return 'Drizzle Kit';
  if (command.includes('typeorm') || command.startsWith('migration:run')) return 'TypeORM migrations';
  if (command.startsWith('knex')) return 'knex migrations';
  if (command.startsWith('sequelize')) return 'Sequelize migrations';
  if (command.startsWith('mikro-orm')) return 'MikroORM migrations';
  if (command.startsWith('supabase')) return 'Supabase migrations';
  return command.split(' ')[0];
}

/** `a/prisma/migrations/2024_init/migration.sql` → `a/prisma/migrations`; `db/migrations/001.sql` → `db/migrations`. */
function migrationFolder(file: string): string {
  const parts = file.split('/');
  let at = parts.length - 2;
  while (at > 0 && !/^(migrations?|drizzle)$/.test(parts[at])) at--;
  return parts.slice(0, at + 1).join('/');
}
