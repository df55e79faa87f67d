/** Step 4's first answer to "what database is this": the engine the code targets and how migrations are applied. */
import type { DbEngineFact, DbMigrationsFact } from '../../detectors/database-runtime/index.js';
import type { FactSet } from '../../facts.js';
import { bullets, heading, join } from '../../markdown/blocks.js';
import { cite, citeAll } from '../../markdown/cite.js';
import { code, oneLine } from '../../markdown/text.js';
import { value } from './format.js';
import { pushTo } from '../../collections.js';
import { isTestPath } from '../../model/env-views.js';
import { pushesSchemaOnly } from '../../detectors/database-runtime/migration-runs.js';
import { destructiveEffect, migrationScriptKind } from '../../detectors/database-runtime/migration-script-kind.js';

export function dbRuntimePart(facts: FactSet): string {
  const engines = facts.of<DbEngineFact>('db.engine');
  const migrations = facts.of<DbMigrationsFact>('db.migrations');
  if (engines.length === 0 && migrations.length === 0) return '';
  const byEngine = new Map<string, DbEngineFact[]>();
  for (const e of engines) pushTo(byEngine, e.data.engine, e);
  const items = [...byEngine].map(([engine, all]) => {
    // A test setup's connection (an in-memory server) says what the tests use: the product's own come first, and a
    // test's is cited only when there is no other, said to be one.
    const product = all.filter((e) => !isTestPath(e.data.file));
    const list = product.length > 0 ? product : all;
    const test = product.length === 0 ? ' in a test' : '';
    return `**${oneLine(engine)}** — ${list.slice(0, 3).map((e) => `${oneLine(e.data.via)}${test} (${cite(e.data.file, e.data.line)})`).join('; ')}${list.length > 3 ? ` (+${list.length - 3} more)` : ''}`;
  });
  for (const m of migrations) {
    const script = (s: DbMigrationsFact['data']['scripts'][number]) =>
      `${code(s.name)} → ${value(s.command)} (${cite(s.manifest, s.line)})${s.via ? `, which runs ${value(s.via.command)} (${cite(s.via.file, s.via.line)})` : ''}`;
    // `prisma db push` syncs the schema and ignores the migrations: such a script is said to push, not to migrate. The
    // others are said for what their command does: only the ones that apply migrations are "run with".
    const kind = (s: DbMigrationsFact['data']['scripts'][number]) => (pushesSchemaOnly(s.command) ? 'push' : migrationScriptKind(s.via?.command ?? s.command));
    const of = (k: string, n: number) => m.data.scripts.filter((s) => kind(s) === k).slice(0, n);
    const scripts = of('apply', 3).map(script);
    const pushes = of('push', 2).map(script);
    const creates = of('create', 2).map(script);
    const status = of('status', 1).map(script);
    const destructive = of('destructive', 2).map((s) => `${script(s)} ${destructiveEffect(s.command)}`);
    const runs = (m.data.runs ?? []).slice(0, 2).map((r) => `${code(r.command)} (${cite(r.file, r.line)})`);
    // The count is of migration files (`.sql`, scripts), not of the folder's other files (lock files, snapshots).
    // Down (undo) files are halves of the migrations beside them: 2 migrations, not 4 files.
    const folders = m.data.folders.slice(0, 3).map((f) => `${cite(f.dir)} (${migrationCount(f.count, f.downs ?? 0)})`);
    const parts = [
      scripts.length ? `run with ${scripts.join(', ')}` : '',
      creates.length ? `${creates.join(', ')} ${creates.length > 1 ? 'create' : 'creates'} a migration without applying it` : '',
      status.length ? `${status[0]} reports which migrations are applied` : '',
      runs.length ? `applied by ${runs.join(', ')}` : '',
      folders.length ? `in ${folders.join(', ')}` : '',
      pushes.length ? `${pushes.join(', ')} ${pushes.length > 1 ? 'push' : 'pushes'} the schema without applying migrations` : '',
      // Named so no reader takes it for the migration command (`clean` → `prisma migrate reset && git clean -fdx`).
      destructive.length ? `not for applying migrations to a database whose data you keep: ${destructive.join('; ')}` : '',
    ].filter(Boolean);
    items.push(`**Migrations (${oneLine(m.data.tool)})** — ${parts.join('; ')}${m.data.scripts.length + (m.data.runs?.length ?? 0) + m.data.folders.length > 6 ? `; all in ${citeAll(m.at, 2)}` : ''}`);
  }
  return join(heading(3, 'Database engine and migrations'), bullets(items));
}

function migrationCount(files: number, downs: number): string {
  const ups = files - downs;
  if (downs === 0 || ups === 0) return `${files} migration file${files === 1 ? '' : 's'}`;
  if (downs === ups) return `${ups} migration${ups === 1 ? '' : 's'}, each with a down file`;
  return `${ups} migration${ups === 1 ? '' : 's'} and ${downs} down file${downs === 1 ? '' : 's'}`;
}
