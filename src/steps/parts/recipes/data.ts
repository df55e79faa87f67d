/** "Add a table or model": where tables are defined, how the code reaches them, and how schema changes are applied. */
import type { DataModuleFact, DbAccessFact } from '../../../detectors/backend-code/index.js';
import type { CdkLambdaFact, CdkTableFact } from '../../../detectors/cdk/index.js';
import { managingAdapter } from '../../../detectors/orm/auth-adapter.js';
import type { Orm, OrmAccessFact, OrmAuthAdapterFact, OrmModelFact } from '../../../detectors/orm/index.js';
import type { ScriptFact } from '../../../detectors/scripts/index.js';
import { cite } from '../../../markdown/cite.js';
import { code } from '../../../markdown/text.js';
import { grantLabel, plural } from '../cdk-shared.js';
import { byFileLine, commonDir, compareText, value } from '../format.js';
import { runScript } from '../run-commands.js';
import { folder, lineIn, mostCommon, recipe, type RecipeInput } from './shared.js';
import { isMigrationContent, notAMigration } from '../../../detectors/database-runtime/migration-files.js';
import { migrationRuns, runTool } from '../../../detectors/database-runtime/migration-runs.js';
import { migrationScriptKind } from '../../../detectors/database-runtime/migration-script-kind.js';
import { scriptVia, type ScriptVia } from '../../../detectors/database-runtime/script-via.js';
import { MIGRATION_TOOL } from '../../../detectors/database-runtime/index.js';

/** What step 4 counts as a migration: SQL files and migration scripts, not lock files or snapshots beside them. */
const MIGRATION_FILE = /\.(sql|[cm]?[jt]s)$/;

export function dataRecipes(input: RecipeInput, pm: 'npm' | 'yarn' | 'pnpm' | 'bun'): string[] {
  return [dynamoTable(input, pm), ormModel(input, pm)].filter(Boolean);
}

/** Scripts that deploy infrastructure or change a database schema, product packages first. */
function scriptMatching(input: RecipeInput, test: RegExp | ((s: ScriptFact['data']) => boolean), preferDir?: string): ScriptFact | undefined {
  const matches = typeof test === 'function' ? test : (s: ScriptFact['data']) => test.test(s.command);
  return input.facts
    .of<ScriptFact>('scripts.script')
    .filter((s) => matches(s.data) && input.product(s.data.manifest))
    .sort(
      (a, b) =>
        Number(b.data.dir === preferDir) - Number(a.data.dir === preferDir) ||
        Number(b.data.dir === '') - Number(a.data.dir === '') ||
        compareText(a.data.name, b.data.name),
    )[0];
}

function runLine(input: RecipeInput, pm: 'npm' | 'yarn' | 'pnpm' | 'bun', s: ScriptFact, via?: ScriptVia): string {
  const through = via ? `, which runs ${value(via.command)} at ${cite(via.file, via.line)}` : '';
  return `${code(runScript(input.index, pm, s.data.package, s.data.name))} (runs ${value(s.data.command)}, ${cite(s.data.manifest, s.data.line)}${through})`;
}

/** Migration scripts that run a file of the repository, by `manifest#name`: the command that file runs (as step 4 finds it). */
function scriptVias(input: RecipeInput): Map<string, ScriptVia> {
  const out = new Map<string, ScriptVia>();
  for (const { data: s } of input.facts.of<ScriptFact>('scripts.script')) {
    const via = scriptVia(input.index, s.dir, s.name, s.command, MIGRATION_TOOL);
    if (via) out.set(`${s.manifest}#${s.name}`, via);
  }
  return out;
}

/** DynamoDB tables defined with the AWS CDK. */
function dynamoTable(input: RecipeInput, pm: 'npm' | 'yarn' | 'pnpm' | 'bun'): string {
  const { facts, product, tests } = input;
  const tables = facts.of<CdkTableFact>('cdk.table').filter((t) => product(t.at[0]?.file ?? ''));
  const main = mostCommon(tables, (t) => t.at[0].file);
  if (!main) return '';
  const file = main.key;
  const example = [...main.items].sort((a, b) => (a.at[0].line ?? 0) - (b.at[0].line ?? 0))[0];
  const keys = [example.data.partitionKey?.name, example.data.sortKey?.name].filter(Boolean).map((k) => code(k!));
  const indexes = example.data.gsis.length ? `, ${plural(example.data.gsis.length, 'GSI')}` : '';
  const lambdas = new Map(facts.of<CdkLambdaFact>('cdk.lambda').map((l) => [l.id, l]));
  // How the code learns the table's name: an environment variable set on the functions that use it.
  const envVar = example.data.envVars[0];
  const envFn = envVar ? lambdas.get(envVar.lambda) : undefined;
  const envAt = envFn?.data.environment.find((e) => e.name === envVar?.name)?.at;
  const grant = example.data.grants[0];
  const toCode = [
    envVar && envAt ? `its name reaches the handlers in ${code(envVar.name)} (set at ${cite(envAt)}, on ${plural(new Set(example.data.envVars.filter((e) => e.name === envVar.name).map((e) => e.lambda)).size, 'function')})` : '',
    grant ? `access is granted with ${code(grant.method)} (${grantLabel(grant.method)}) at ${cite(grant.at)}` : '',
  ].filter(Boolean);
  // The deploy script of the package whose stack defines the example table (or the root's): another package's
  // deploy creates another app's stacks, never this table.
  const owner = input.index.packageOf(file);
  const ownDeploy = (s: ScriptFact['data']) => /\bcdk\s+deploy\b/.test(s.command) && (!owner || owner.isRoot || s.dir === owner.dir || s.dir === '');
  const deploy = scriptMatching(input, ownDeploy, owner?.dir);
  return recipe('Add a DynamoDB table (AWS CDK)', [
    `**Definition:** tables are defined in ${cite(file)} (${plural(main.items.length, 'table')}${tables.length > main.items.length ? ` of ${tables.length}` : ''}); copy ${code(example.data.constructId)} at ${lineIn(file, example.at[0].line, file)}${keys.length ? ` (keys ${keys.join(', ')}${indexes})` : ''}.`,
    toCode.length ? `**To the code:** ${toCode.join('; ')}.` : '',
    accessCode(input),
    deploy ? `**Create it:** deploying the stack creates the table: ${runLine(input, pm, deploy)}.` : '',
    tests.step(file, 'table'),
  ]);
}

/** Where the code reads and writes DynamoDB: repository modules when there are, else the files with the most calls. */
function accessCode({ facts, product }: RecipeInput): string {
  const modules = facts.of<DataModuleFact>('backend.data-module').filter((m) => m.data.kind === 'repository' && product(m.data.file));
  if (modules.length > 0) {
    const files = modules.map((m) => m.data.file).sort();
    const dir = commonDir(files);
    const where = files.length > 1 && dir ? `${folder(dir)} (${plural(files.length, 'module')})` : cite(files[0]);
    return `**Access code:** data access goes through the repositories in ${where}; add one like ${cite(files[0])}.`;
  }
  // One fact per table a call reaches (a BatchWrite over four tables is four facts): count call sites, one per line.
  const sites = new Map<string, DbAccessFact>();
  for (const a of facts.of<DbAccessFact>('backend.db-access')) {
    const site = `${a.data.file}:${a.data.line}`;
    if (product(a.data.file) && !sites.has(site)) sites.set(site, a);
  }
  const top = mostCommon([...sites.values()], (c) => c.data.file);
  if (!top) return '';
  const first = [...top.items].sort((a, b) => byFileLine(a.data, b.data))[0];
  return `**Access code:** DynamoDB calls are written where they are needed; ${cite(top.key)} has the most (${plural(top.items.length, 'call site')}), e.g. ${code(first.data.operation)} at ${cite(first.data.file, first.data.line)}.`;
}

const ORM_LABEL: Record<Orm, string> = { prisma: 'Prisma', drizzle: 'Drizzle', typeorm: 'TypeORM', 'mikro-orm': 'MikroORM', mongoose: 'Mongoose' };
const NOUN: Record<Orm, string> = { prisma: 'model', drizzle: 'table', typeorm: 'entity', 'mikro-orm': 'entity', mongoose: 'model' };
/** Commands that apply schema changes to the database (Prisma's `migrate dev` also writes the migration). */
const MIGRATE: Record<Orm, RegExp> = {
  prisma: /\bprisma\s+(migrate|db\s+push)\b/,
  drizzle: /\bdrizzle-kit\s+(migrate|push)\b/,
  typeorm: /\btypeorm\b.*\bmigration:run\b/,
  'mikro-orm': /\bmikro-orm\b.*\bmigration:up\b/,
  mongoose: /^$/,
};
/** Commands that only write migration files from the schema: they change no database. */
const GENERATE: Record<Orm, RegExp> = {
  prisma: /\bprisma\s+migrate\s+dev\b[^&|;]*--create-only\b/,
  drizzle: /\bdrizzle-kit\s+generate\b/,
  typeorm: /\btypeorm\b.*\bmigration:(generate|create)\b/,
  'mikro-orm': /\bmikro-orm\b.*\bmigration:create\b/,
  mongoose: /^$/,
};
/** A script named to apply migrations (`db:migrate`, `migrate`, `migrate:deploy`), whatever it runs (`tsx lib/db/migrate.ts`). */
const MIGRATE_NAME = /(^|[:_-])migrate([:_-](deploy|prod|up|latest|run))?$/;

/** How migrations are made and applied: "generate them with …, then apply them with …", or the one script there is. */
function migrateSteps(input: RecipeInput, pm: 'npm' | 'yarn' | 'pnpm' | 'bun', orm: Orm, pkg: string): string {
  const generate = scriptMatching(input, (s) => GENERATE[orm].test(s.command), pkg);
  // What a script runs: its command, or the migration command of the repository file it runs (`tsx ./cli/db-migrate.ts`).
  const via = scriptVias(input);
  const runs = (s: ScriptFact['data']) => via.get(`${s.manifest}#${s.name}`)?.command ?? s.command;
  // Only a script that applies migrations: never one that resets the database or deletes files (`prisma migrate reset
  // && git clean -fdx`), one that only writes a migration (`--create-only`) or one that reports their status.
  const applies = (s: ScriptFact['data']) => migrationScriptKind(runs(s)) === 'apply' && !GENERATE[orm].test(runs(s));
  // The repository's own script named for it whose code runs the ORM's migrate command first, then any script that
  // runs that command, then one only named for it; `push` (no migration files) last.
  const apply =
    scriptMatching(input, (s) => MIGRATE_NAME.test(s.name) && via.has(`${s.manifest}#${s.name}`) && MIGRATE[orm].test(runs(s)) && applies(s), pkg) ??
    scriptMatching(input, (s) => MIGRATE[orm].test(s.command) && !/\bpush\b/.test(s.command) && applies(s), pkg) ??
    scriptMatching(input, (s) => MIGRATE_NAME.test(s.name) && applies(s), pkg);
  const line = (s: ScriptFact) => runLine(input, pm, s, via.get(`${s.data.manifest}#${s.data.name}`));
  if (generate && apply) return `generate them with ${line(generate)}, then apply them with ${line(apply)}`;
  if (generate) return `generate them with ${line(generate)}`;
  if (apply) return `run them with ${line(apply)}`;
  // No script applies them: a CI step or Dockerfile that does (`npx prisma migrate deploy`), else a script that only
  // pushes the schema (`prisma db push` ignores the migrations folder), said as such.
  const tool = orm === 'prisma' ? 'Prisma Migrate' : orm === 'drizzle' ? 'Drizzle Kit' : '';
  const run = migrationRuns(input.index).find((r) => runTool(r.command) === tool);
  if (run) return `apply them with ${code(run.command)}, as ${cite(run.file, run.line)} does`;
  const push = scriptMatching(input, (s) => MIGRATE[orm].test(s.command) && migrationScriptKind(s.command) === 'apply', pkg);
  return push ? `${runLine(input, pm, push)} pushes the schema without migrations` : '';
}

/** A model of the product's main ORM. */
function ormModel(input: RecipeInput, pm: 'npm' | 'yarn' | 'pnpm' | 'bun'): string {
  const { facts, index, product, tests } = input;
  const models = facts.of<OrmModelFact>('orm.model').map((f) => f.data).filter((m) => product(m.file));
  const orm = mostCommon(models, (m) => m.orm);
  if (!orm) return '';
  // Counts come from every model of the ORM, the list step 4 shows: the product filter only picks what to copy (a
  // product folder named like an example, `src/core/email-template/`, must not make the two steps disagree).
  const all = facts.of<OrmModelFact>('orm.model').map((f) => f.data).filter((m) => m.orm === orm.key);
  const allFiles = new Set(all.map((m) => m.file));
  const files = [...new Set(orm.items.map((m) => m.file))];
  const noun = NOUN[orm.key];
  const nouns = noun === 'entity' ? 'entities' : `${noun}s`;
  // One schema file (Prisma, a Drizzle schema) or one file per model: then the folder that holds the most of them.
  // Base classes are not models to copy.
  const concrete = orm.items.filter((m) => !/^(Base|Abstract)[A-Z]|^(Base|Abstract)$/.test(m.name));
  const byFile = mostCommon(concrete.length ? concrete : orm.items, (m) => (files.length > 3 ? m.file.slice(0, m.file.lastIndexOf('/')) : m.file))!;
  // Not a table an auth library keeps through its adapter (better-auth's `users`): its shape is the library's, and it
  // may sit in the library's own database schema. Of the rest, one the product's code calls.
  const adapters = facts.of<OrmAuthAdapterFact>('orm.auth-adapter').map((f) => f.data);
  const own = byFile.items.filter((m) => !managingAdapter(adapters, m));
  const called = new Set(facts.of<OrmAccessFact>('orm.access').filter((a) => product(a.data.file)).map((a) => `${a.data.model}\0${a.data.modelFile}`));
  const candidates = own.length ? own : byFile.items;
  const usedOwn = candidates.filter((m) => called.has(`${m.name}\0${m.file}`));
  const example = [...(adapters.length && usedOwn.length ? usedOwn : candidates)].sort(byFileLine)[0];
  const where =
    files.length === 1
      ? cite(example.file)
      : files.length <= 3
        ? `${files.map((f) => cite(f)).join(', ')}`
        : `files like those in ${folder(byFile.key)} (${plural(byFile.items.length, noun, nouns)} there; ${plural(all.length, noun, nouns)} in ${plural(allFiles.size, 'file')} in all)`;
  const access = facts.of<OrmAccessFact>('orm.access').map((f) => f.data).filter((a) => a.orm === orm.key && product(a.file));
  const mine = access.filter((a) => a.model === example.name && a.modelFile === example.file).sort(byFileLine);
  const anyAccess = mine[0] ?? [...access].sort(byFileLine)[0];
  const accessFiles = [...new Set(access.map((a) => a.file))];
  const accessDir = commonDir(accessFiles);
  // Counted like step 4's access table: every file of the folder that calls the ORM, product-looking or not.
  const accessCount = new Set(facts.of<OrmAccessFact>('orm.access').filter((a) => a.data.orm === orm.key && a.data.file.startsWith(`${accessDir}/`)).map((a) => a.data.file)).size;
  // Migration files sit in a `migrations` folder of the package that holds the schema.
  const pkg = index.packageOf(example.file)?.dir ?? '';
  const migrations = index.filesUnder(pkg).filter((f) => /(^|\/)migrations?\//.test(f) && product(f) && !/\.(test|spec)\./.test(f));
  const migrationDir = migrations.length ? /^(.*?(^|\/)migrations?)\//.exec(commonDir(migrations) + '/')?.[1] ?? commonDir(migrations) : '';
  const steps = migrateSteps(input, pm, orm.key, pkg);
  const migrate = [
    // Counted as step 4 counts them: a code file there is a migration only with an up/down step (drizzle-kit's
    // introspected `schema.ts` and `relations.ts` beside the SQL files are not).
    migrationDir ? `migrations are in ${folder(migrationDir)} (${plural(migrations.filter((f) => MIGRATION_FILE.test(f) && !notAMigration(f) && isMigrationContent(f, (x) => index.read(x))).length, 'migration file')})` : '',
    steps,
  ].filter(Boolean);
  return recipe(`Add a ${ORM_LABEL[orm.key]} ${noun}`, [
    `**Definition:** ${ORM_LABEL[orm.key]} ${nouns} are defined in ${where}; copy ${code(example.name)} at ${lineIn(example.file, example.line, files.length > 1 ? '' : example.file)}.`,
    anyAccess
      ? `**Access code:** the code calls ${anyAccess.model === example.name ? 'it' : 'the models'} directly${accessFiles.length > 1 && accessDir ? ` from ${folder(accessDir)} (${plural(accessCount, 'file')})` : ''}, e.g. ${code(anyAccess.method)} on ${code(anyAccess.model)} at ${cite(anyAccess.file, anyAccess.line)}.`
      : '',
    migrate.length ? `**Migrations:** ${migrate.join('; ')}.` : '',
    anyAccess ? tests.step(anyAccess.file, 'access code') : '',
  ]);
}
