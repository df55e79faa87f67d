import { describe, expect, it } from 'vitest';
import { databaseRuntimeDetector, type DbEngineFact, type DbMigrationsFact } from '../src/detectors/database-runtime/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('database engine and migrations', () => {
  it("cites the product's mongoose connection, a chained `.connect` too, before a test setup's (r25, fullstack-template)", async () => {
    const pkg = JSON.stringify({ name: 'api', private: true, dependencies: { mongoose: '8.0.0' } });
    const root = tempRepo({
      'package.json': pkg,
      'src/app.ts': "import mongoose from 'mongoose';\nexport async function start() {\n  return mongoose\n    .connect(String(process.env.DATABASE));\n}\n",
      'test/setupFile.ts': "import mongoose from 'mongoose';\nawait mongoose.connect('mongodb://memory');\n",
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('**MongoDB** — mongoose.connect (`/src/app.ts:4`)\n');
    const onlyTests = tempRepo({ 'package.json': pkg, 'test/setupFile.ts': "import mongoose from 'mongoose';\nawait mongoose.connect('mongodb://memory');\n" });
    expect((await section(databaseSchemaStep, onlyTests)).markdown).toContain('**MongoDB** — mongoose.connect in a test (`/test/setupFile.ts:2`)');
  });

  it('reads the engine from the Prisma datasource, the Drizzle dialect and a TypeORM DataSource, each cited', async () => {
    const facts = await detect(databaseRuntimeDetector, 'db-runtime');
    const engines = facts.filter((f): f is DbEngineFact => f.kind === 'db.engine').map((f) => `${f.data.engine} ${f.data.file}:${f.data.line}`);
    expect(engines).toEqual([
      'PostgreSQL packages/analytics/drizzle.config.ts:6',
      'MySQL packages/api/prisma/schema.prisma:6',
      'SQLite packages/legacy/src/data-source.ts:4',
    ]);
  });

  it('finds migration scripts and folders per tool', async () => {
    const facts = (await detect(databaseRuntimeDetector, 'db-runtime')).filter((f): f is DbMigrationsFact => f.kind === 'db.migrations');
    const prisma = facts.find((f) => f.data.tool === 'Prisma Migrate')!.data;
    expect(prisma.scripts.map((s) => s.name)).toEqual(['db:migrate', 'db:dev']);
    expect(prisma.folders).toEqual([{ dir: 'packages/api/prisma/migrations', count: 2 }]);
    expect(facts.find((f) => f.data.tool === 'Drizzle Kit')!.data.folders).toEqual([{ dir: 'packages/analytics/drizzle', count: 1 }]);
    expect(facts.find((f) => f.data.tool === 'TypeORM migrations')!.data.scripts[0].command).toBe('typeorm migration:run -d src/data-source.ts');
  });

  it('counts migrations, not the tests, runner code and __tests__ beside them', async () => {
    // packages/legacy/src/migrations: 2 migrations in list/, a test beside one, a registry with its spec, __tests__/.
    const facts = (await detect(databaseRuntimeDetector, 'db-runtime')).filter((f): f is DbMigrationsFact => f.kind === 'db.migrations');
    expect(facts.find((f) => f.data.tool === 'TypeORM migrations')!.data.folders).toEqual([{ dir: 'packages/legacy/src/migrations', count: 2 }]);
  });

  it('opens step 4 with them', async () => {
    const s = await section(databaseSchemaStep, 'db-runtime');
    expect(s.markdown).toContain('- **MySQL** — Prisma datasource provider "mysql" (`/packages/api/prisma/schema.prisma:6`)');
    expect(s.markdown).toContain('- **Migrations (Prisma Migrate)** — run with `db:migrate` → `prisma migrate deploy` (`/packages/api/package.json:4`)');
    expect(missingCitations(s.markdown, await indexOf('db-runtime'))).toEqual([]);
  });

  it('never says "no migrations" when JavaScript migrations define the tables', async () => {
    const s = await section(databaseSchemaStep, 'db-sequelize');
    expect(s.markdown).not.toContain('No table definitions were found');
    expect(s.markdown).toContain('The tables are defined by the migrations listed below');
    expect(s.markdown).toContain('in `/migrations` (2 migration files)');
  });
});

describe('Drizzle Kit output folders', () => {
  it("a drizzle config's `out:` folder holds Drizzle Kit's migrations, not loose ones", async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { 'db:migrate': 'drizzle-kit migrate' }, dependencies: { 'drizzle-orm': '^0.30.0' } }),
      'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: './src/db/schema.ts', out: './migrations' });\n",
      'migrations/0000_init.sql': 'CREATE TABLE users (id uuid PRIMARY KEY);\n',
    });
    const facts = (await detect(databaseRuntimeDetector, root)).filter((f): f is DbMigrationsFact => f.kind === 'db.migrations');
    expect(facts.map((f) => [f.data.tool, f.data.folders])).toEqual([['Drizzle Kit', [{ dir: 'migrations', count: 1 }]]]);
  });
});

describe('up and down migration files', () => {
  it('counts a migration and its down file as one migration', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The shape of @slonik/migrator (Sairyss/domain-driven-hexagon): up files, and their down halves in down/.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { 'migration:up': 'ts-node database/migrate up' }, dependencies: { pg: '^8.0.0' } }),
      'database/migrations/2022.10.07T13.49.19.users.sql': 'CREATE TABLE users (id uuid PRIMARY KEY);\n',
      'database/migrations/2022.10.07T13.49.54.wallets.sql': 'CREATE TABLE wallets (id uuid PRIMARY KEY);\n',
      'database/migrations/down/2022.10.07T13.49.19.users.sql': 'DROP TABLE users;\n',
      'database/migrations/down/2022.10.07T13.49.54.wallets.sql': 'DROP TABLE wallets;\n',
    });
    const facts = (await detect(databaseRuntimeDetector, root)).filter((f): f is DbMigrationsFact => f.kind === 'db.migrations');
    expect(facts.map((f) => f.data.folders)).toEqual([[{ dir: 'database/migrations', count: 4, downs: 2 }]]);
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('in `/database/migrations` (2 migrations, each with a down file)');
    expect(md).not.toContain('4 migration files');
  });
});

describe('code files in a migrations folder', () => {
  it('counts database migrations (up/down steps) and not a codemod that migrates the project\'s own files', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    // The codemod's shape: N0SAFE/nextjs-nestjs-turborepo-template's packages/bin/declarative-routing/migrations/.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'repo', private: true, dependencies: { knex: '^3.0.0' } }),
      'tools/routing/migrations/2026-01-01-unified-info-files.migration.ts':
        "#!/usr/bin/env npx tsx\nimport { renameSync } from 'node:fs';\nfunction migrate(dir: string) {\n  renameSync(`${dir}/page.info.ts`, `${dir}/route.info.ts`);\n}\nmigrate(process.argv[2]);\n",
      'tools/routing/migrations/2026-01-01-unified-info-files.doc.md': '# Migration: unified info files\n',
      'db/migrations/001_users.js': "exports.up = (knex) => knex.schema.createTable('users', (t) => t.increments());\nexports.down = (knex) => knex.schema.dropTable('users');\n",
      'db/migrations/002_orders.ts': "import type { Knex } from 'knex';\nexport async function up(knex: Knex) {\n  await knex.schema.createTable('orders', (t) => t.increments());\n}\n",
      'db/migrations/003_typeorm.ts': "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Init3 implements MigrationInterface {\n  async up(q: QueryRunner) {}\n  async down(q: QueryRunner) {}\n}\n",
    });
    const facts = (await detect(databaseRuntimeDetector, root)).filter((f): f is DbMigrationsFact => f.kind === 'db.migrations');
    expect(facts.flatMap((f) => f.data.folders)).toEqual([{ dir: 'db/migrations', count: 3 }]);
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).not.toContain('tools/routing/migrations');
  });
});
