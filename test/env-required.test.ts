/**
 * A variable a schema requires (t3 `createEnv`, zod, Joi `.required()`) or a check guards (`invariant`, `if (!X)
 * throw`) makes startup fail when unset: it is not "the code gets undefined". A schema default is a fallback, and
 * where the value comes from when nothing sets it.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const envOf = async () => RepoModel.of(new Analysis(await indexOf('env-required'))).env();

describe('required and defaulted variables', () => {
  it('marks schema-required and guarded reads as required, and schema defaults as fallbacks set in the schema', async () => {
    const env = await envOf();
    const read = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.hasFallback, r.required ?? null, r.requiredAt ?? null]);
    expect(read('AUTH_SECRET')).toEqual([['env.mjs', false, 'schema', 6]]);
    expect(read('NEXTAUTH_URL')).toEqual([['env.mjs', true, null, null]]);
    expect(read('SESSION_SECRET')).toEqual([['app/session.server.ts', false, 'guard', 3]]);
    expect(read('STRIPE_KEY')).toEqual([['app/session.server.ts', false, 'guard', 7]]);
    expect(read('PLAIN_URL')).toEqual([['app/session.server.ts', false, null, null]]);
    expect(read('MAILER_KEY')).toEqual([['app/session.server.ts', false, 'check', 15]]);
    // Joi keys are optional unless `.required()` (the schema copes when unset); NestJS validates process.env at startup.
    // The schema's keys are cited where it declares them (the module only hands it to the framework).
    expect(read('JWT_SECRET_KEY')).toEqual([['src/config/jwt.config.ts', false, null, null], ['src/config/validation.ts', false, 'schema', 6]]);
    expect(read('MONGODB_URI')).toEqual([['src/config/jwt.config.ts', false, null, null]]);
    const sets = (name: string) => env.get(name)!.sets.map((s) => [s.kind, s.at.file, s.at.line]);
    expect(sets('EMAIL_FROM')).toEqual([['schema-default', 'env.mjs', 8]]);
    expect(sets('JWT_EXPIRES_IN')).toEqual([['schema-default', 'src/config/validation.ts', 7]]);
    // A renamed copy validated by a schema: `APP_URL: process.env.NEXT_PUBLIC_URL` takes the schema's default.
    expect(sets('NEXT_PUBLIC_URL')).toEqual([['schema-default', 'other/src/env.ts', 4], ['schema-default', 'src/config/env.ts', 5]]);
    expect(read('NEXT_PUBLIC_URL')).toEqual([['other/src/env.ts', true, null, null], ['src/config/env.ts', true, null, null]]);
    // A schema's default serves its own package only.
    expect(env.setsFor(env.get('NEXT_PUBLIC_URL')!, ['src/config/env.ts']).map((s) => s.at.file)).toEqual(['src/config/env.ts']);
    expect(read('NEXT_PUBLIC_API_URL')).toEqual([['src/config/env.ts', false, 'schema', 9]]);
  });

  it('says "startup fails" for required variables and "gets undefined" only for plain reads', async () => {
    const step9 = (await section(workflowsStep, 'env-required')).markdown;
    const required = step9.split('**Environment variables the code requires**')[1]?.split('**Environment variables read without')[0] ?? '';
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(required).toContain('`AUTH_SECRET` — required: startup fails if unset (schema `/env.mjs:6`)');
    expect(required).toContain('`SESSION_SECRET` — required: startup fails if unset (checked at `/app/session.server.ts:3`)');
    expect(required).toContain('`JWT_SECRET_KEY` — required: startup fails if unset (schema `/src/config/validation.ts:6`)');
    // A check inside a function throws when that code runs, not at startup.
    expect(required).toContain('`MAILER_KEY` — required: the code throws if unset (checked at `/app/session.server.ts:15`)');
    // `const p = process.env.X || ""; if (!p) throw …` at module level (scripts/migrate.ts).
    expect(required).toContain('`MIGRATE_PEPPER` — required');
    expect(plain).toContain('`PLAIN_URL`');
    expect(plain).toContain('`MONGODB_URI`');
    for (const name of ['AUTH_SECRET', 'SESSION_SECRET', 'STRIPE_KEY', 'EMAIL_FROM', 'JWT_EXPIRES_IN', 'NEXT_PUBLIC_URL', 'NEXTAUTH_URL']) expect(plain).not.toContain(`\`${name}\``);
    const step8 = (await section(configurationStep, 'env-required')).markdown;
    expect(step8).toMatch(/`JWT_EXPIRES_IN` \|[^\n]*\| default in the schema `\/src\/config\/validation\.ts:7`/);
    // A default for a name nothing else reads: the schema names it, so it is not "never named".
    const unread = step8.split('#### Set or declared, but not read by the code')[1]?.split('####')[0] ?? '';
    expect(unread).not.toContain('`PORT`');
    expect(step8).toMatch(/`PORT` \| default in the schema `\/src\/config\/validation\.ts:4` \| `\/src\/config\/validation\.ts:4`/);
  });
});

describe('what an unset check means', () => {
  it('requires a variable only when every unset value fails (throw, exit non-zero); exit(0), opt-in switches and defaults cope', async () => {
    const env = await envOf();
    const read = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.hasFallback, r.required ?? null, r.requiredAt ?? null]);
    // `if (!X) { console.log('skipping'); process.exit(0) }`: unset is a success, not a failure.
    expect(read('MIGRATE_DB_URL')).toEqual([['scripts/migrate.ts', true, null, null]]);
    // `if (process.env.VERCEL && !X) exit(0)`, `if (!X && state !== cookie) throw`: other conditions decide.
    expect(read('BUILD_ASSETS')).toEqual([['scripts/migrate.ts', true, null, null]]);
    expect(read('LAMBDA_NOT_SECURED')).toEqual([['src/lambda/origins.ts', true, null, null]]);
    // `if (!A || !B) exit(1)`: each one alone fails.
    expect(read('MIGRATE_TOKEN')).toEqual([['scripts/migrate.ts', false, 'guard', 12]]);
    expect(read('MIGRATE_USER')).toEqual([['scripts/migrate.ts', false, 'guard', 12]]);
    // Through a variable: `let url = process.env.X; if (!url) { url = … }` copes; `if (!mirror) throw` requires.
    expect(read('MIGRATE_SOURCE_URL')).toEqual([['scripts/migrate.ts', true, null, null]]);
    expect(read('MIGRATE_MIRROR')).toEqual([['scripts/migrate.ts', false, 'guard', 26]]);
    // `const p = process.env.X || ""; if (!p) throw`: the empty stand-in is rejected, so X is required (at load, or
    // when the function runs); `?? ""` then a test for undefined never fails, and the default stands.
    expect(read('MIGRATE_PEPPER')).toEqual([['scripts/migrate.ts', false, 'guard', 41]]);
    expect(read('MIGRATE_KEY')).toEqual([['scripts/migrate.ts', false, 'check', 48]]);
    expect(read('MIGRATE_LABEL')).toEqual([['scripts/migrate.ts', true, null, null]]);
    expect(read('MIGRATE_CONN')).toEqual([['scripts/migrate.ts', false, 'guard', 57]]);
    expect(read('MIGRATE_POOL')).toEqual([['scripts/migrate.ts', true, null, null]]);
    // `process.env.X?.split(',').map(…) ?? []`: the optional chain is undefined when unset, and `??` gives the default.
    expect(read('LAMBDA_ORIGINS')).toEqual([['src/lambda/origins.ts', true, null, null]]);
    expect(read('LAMBDA_KEYS')).toEqual([['src/lambda/origins.ts', true, null, null]]);
    // `if (!X) { …; return }` then a read of X: past the early return X is set.
    expect(read('RUN_DB_URL')).toEqual([['scripts/migrate.ts', true, null, null]]);
    const step9 = (await section(workflowsStep, 'env-required')).markdown;
    const required = step9.split('**Environment variables the code requires**')[1]?.split('**Environment variables read without')[0] ?? '';
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(required).toContain('`MIGRATE_MIRROR` — required: startup fails if unset (checked at `/scripts/migrate.ts:26`)');
    for (const name of ['MIGRATE_DB_URL', 'BUILD_ASSETS', 'LAMBDA_NOT_SECURED', 'MIGRATE_SOURCE_URL', 'LAMBDA_ORIGINS', 'LAMBDA_KEYS', 'RUN_DB_URL']) {
      expect(required).not.toContain(`\`${name}\``);
      expect(plain).not.toContain(`\`${name}\``);
    }
  });
});

describe('env helpers whose unset branch does not fail', () => {
  it('a helper that exits 0 or throws only under another condition does not make its calls required', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'src/env.ts': [
        'const isProd = process.env.NODE_ENV === "production";',
        'export function soft(name: string): string {',
        '  const value = process.env[name];',
        '  if (!value) { console.log(`skipping ${name}`); process.exit(0); }',
        '  return value;',
        '}',
        'export function prodOnly(name: string): string {',
        '  const value = process.env[name];',
        '  if (!value && isProd) throw new Error(name);',
        '  return value ?? "";',
        '}',
        'export function hard(name: string, optional = false): string {',
        '  const value = process.env[name];',
        '  if (!value && !optional) process.exit(2);',
        '  return value ?? "";',
        '}',
        'export const a = soft("SOFT_VAR");',
        'export const b = prodOnly("PROD_VAR");',
        'export const c = hard("HARD_VAR");',
        '',
      ].join('\n'),
    });
    const { indexOf } = await import('./helpers/fixture.js');
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const required = (name: string) => env.get(name)!.reads.map((r) => r.required ?? null);
    expect(required('SOFT_VAR')).toEqual([null]);
    expect(required('PROD_VAR')).toEqual([null]);
    expect(required('HARD_VAR')).toEqual(['guard']);
  });
});

describe('Prisma datasource env()', () => {
  it('a variable only read by schema.prisma env() is required for Prisma, not "the code gets undefined"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@prisma/client': '^5.0.0' }, devDependencies: { prisma: '^5.0.0' } }),
      'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\nmodel User {\n  id String @id\n}\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`DATABASE_URL` — required: Prisma fails to connect if unset (`/prisma/schema.prisma:3`)');
    expect(md).not.toMatch(/`DATABASE_URL` — read without a fallback/);
  });

  it('read by schema.prisma and by code: schema.prisma joins the required line; only the code\'s own bare reads can get undefined', async () => {
    // The shape of remix-run/blues-stack: schema.prisma env() and an invariant in db.server.ts; plus a script's bare read.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@prisma/client': '^5.0.0', 'tiny-invariant': '^1.0.0' }, devDependencies: { prisma: '^5.0.0' } }),
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\ndatasource shadow {\n  provider = "postgresql"\n  url      = env("SHADOW_URL")\n}\nmodel User {\n  id String @id\n}\n',
      'app/db.server.ts': [
        'import invariant from "tiny-invariant";',
        'export function url() {',
        '  const { DATABASE_URL } = process.env;',
        '  invariant(typeof DATABASE_URL === "string", "DATABASE_URL env var not set");',
        '  return new URL(DATABASE_URL);',
        '}',
        'export const shadow = process.env.SHADOW_URL;',
        '',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    const [requires, plain = ''] = md.split('**Environment variables read without a fallback**');
    expect(requires).toContain('`DATABASE_URL` — required: the code throws if unset (checked at `/app/db.server.ts:4`); Prisma fails to connect if unset (`/prisma/schema.prisma:3`)');
    expect(plain).not.toContain('`DATABASE_URL`');
    // Prisma needs it; the code's own bare read still gets undefined, and only that read is listed as such.
    expect(requires).toContain('`SHADOW_URL` — required: Prisma fails to connect if unset (`/prisma/schema.prisma:7`)');
    expect(plain).toContain('`SHADOW_URL` — read without a fallback in `/app/db.server.ts:7`');
    expect(plain).not.toContain('schema.prisma');
  });
});

describe("env-var's `.required()`", () => {
  it('is required (fails at load), `.default(x)` a fallback, a bare `get(X).asString()` gets undefined; a direct read elsewhere stays listed', async () => {
    // The shape of Sairyss/domain-driven-hexagon: env-var at module level, and a migration script reading process.env.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'ddh', private: true, dependencies: { 'env-var': '^7.0.0' } }),
      'src/configs/database.config.ts': [
        "import { get } from 'env-var';",
        'export const databaseConfig = {',
        "  host: get('DB_HOST').required().asString(),",
        "  port: get('DB_PORT').required().asIntPositive(),",
        "  pool: get('DB_POOL').default('5').asIntPositive(),",
        "  schema: get('DB_SCHEMA').asString(),",
        "  ssl: get('DB_SSL').required(false).asBool(),",
        '};',
        '',
      ].join('\n'),
      'database/getMigrator.ts': 'export const uri = `postgres://${process.env.DB_HOST}/x`;\n',
    });
    const env = await RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.hasFallback, r.required ?? null]);
    expect(read('DB_PORT')).toEqual([['src/configs/database.config.ts', false, 'guard']]);
    expect(read('DB_POOL')).toEqual([['src/configs/database.config.ts', true, null]]);
    expect(read('DB_SCHEMA')).toEqual([['src/configs/database.config.ts', false, null]]);
    expect(read('DB_SSL')).toEqual([['src/configs/database.config.ts', false, null]]);
    const step9 = (await section(workflowsStep, root)).markdown;
    const required = step9.split('**Environment variables the code requires**')[1]?.split('**Environment variables read without')[0] ?? '';
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(required).toContain('`DB_PORT` — required: startup fails if unset (checked at `/src/configs/database.config.ts:4`)');
    expect(required).toContain('`DB_HOST` — required: startup fails if unset (checked at `/src/configs/database.config.ts:3`)');
    expect(plain).not.toContain('`DB_PORT`');
    // The migration script reads it directly, without the check: there it does get undefined.
    expect(plain).toContain('`DB_HOST` — read without a fallback in `/database/getMigrator.ts:1` —');
    expect(plain).not.toContain('database.config.ts:3');
    expect(plain).toContain('`DB_SCHEMA`');
    expect(plain).not.toContain('`DB_POOL`');
  });
});

describe('a check in one function, a guard elsewhere', () => {
  it('says the variable is required only where checked, and where other code copes with unset', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true }),
      'src/seed.ts': ['export function seed() {', '  const url = process.env.SNAPSHOT_URL;', "  if (!url) throw new Error('SNAPSHOT_URL is not set');", '  return url;', '}'].join('\n'),
      'src/repo.ts': ['export function snapshot() {', '  const base = process.env.SNAPSHOT_URL;', '  if (!base) return null;', '  return fetch(base);', '}'].join('\n'),
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`SNAPSHOT_URL` — required only where checked: the code throws if unset (checked at `/src/seed.ts:2`); read with a fallback or a guard in `/src/repo.ts:2`');
  });
});
