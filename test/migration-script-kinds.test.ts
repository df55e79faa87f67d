import { describe, expect, it } from 'vitest';
import { migrationScriptKind } from '../src/detectors/database-runtime/migration-script-kind.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const schema = [
  'datasource db {',
  '  provider = "postgresql"',
  '  url      = env("DATABASE_URL")',
  '}',
  '',
  'generator client {',
  '  provider = "prisma-client-js"',
  '}',
  '',
  'model User {',
  '  id    Int    @id @default(autoincrement())',
  '  email String @unique',
  '}',
  '',
].join('\n');
const migration = 'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n';
const user = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nexport const users = () => prisma.user.findMany();\n";

describe('migration scripts are said for what their command does', () => {
  it('classifies commands', () => {
    expect(migrationScriptKind('yarn workspace database prisma migrate reset && git clean -fdx')).toBe('destructive');
    expect(migrationScriptKind('prisma migrate dev --create-only')).toBe('create');
    expect(migrationScriptKind('prisma migrate status')).toBe('status');
    expect(migrationScriptKind('prisma migrate deploy')).toBe('apply');
    expect(migrationScriptKind('prisma migrate dev')).toBe('apply');
  });

  // The shape of nextjs-nestjs-prisma-docker: the only script naming `prisma migrate` resets the database and runs `git clean -fdx`.
  it('never offers a script that resets the database or deletes files as the way to run migrations', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'shop',
        private: true,
        scripts: { clean: 'prisma migrate reset && git clean -fdx', 'db:push': 'prisma db push' },
        dependencies: { '@prisma/client': '^5.0.0' },
        devDependencies: { prisma: '^5.0.0' },
      }, null, 2),
      'prisma/schema.prisma': schema,
      'prisma/migrations/20240101000000_init/migration.sql': migration,
      'src/users.ts': user,
    });
    const step4 = (await section(databaseSchemaStep, root)).markdown;
    expect(step4).not.toMatch(/run with `clean`/);
    expect(step4).toContain('not for applying migrations to a database whose data you keep: `clean` → `prisma migrate reset && git clean -fdx` (`/package.json:5`) drops all data and re-applies every migration, and deletes files');
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toContain('npm run clean');
  });

  // The shape of template-hono-prisma-kysely: `db:create` only writes a migration; `db:migrate` runs a CLI file that runs
  // `prisma migrate dev` through a command module it imports.
  it('says a --create-only script creates without applying, and follows a migrate script into the file it runs', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'api',
        private: true,
        scripts: { 'db:migrate': 'tsx ./cli/db-migrate.ts', 'db:create': 'prisma migrate dev --create-only', 'db:status': 'prisma migrate status' },
        dependencies: { '@prisma/client': '^5.0.0' },
        devDependencies: { prisma: '^5.0.0', tsx: '^4.0.0' },
      }, null, 2),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'cli/db-migrate.ts': "import { applyMigrations } from './commands/apply';\n\napplyMigrations();\n",
      'cli/commands/apply.ts': "import { execSync } from 'node:child_process';\n\nexport function applyMigrations() {\n  // prisma migrate reset is never run here\n  execSync('pnpm prisma migrate dev', { stdio: 'inherit' });\n}\n",
      'prisma/schema.prisma': schema,
      'prisma/migrations/20240101000000_init/migration.sql': migration,
      'src/users.ts': user,
    });
    const step4 = (await section(databaseSchemaStep, root)).markdown;
    expect(step4).toContain('run with `db:migrate` → `tsx ./cli/db-migrate.ts` (`/package.json:5`), which runs `pnpm prisma migrate dev` (`/cli/commands/apply.ts:5`)');
    expect(step4).toContain('`db:create` → `prisma migrate dev --create-only` (`/package.json:6`) creates a migration without applying it');
    expect(step4).toContain('`db:status` → `prisma migrate status` (`/package.json:7`) reports which migrations are applied');
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('generate them with `pnpm db:create`');
    expect(step9).toContain('then apply them with `pnpm db:migrate` (runs `tsx ./cli/db-migrate.ts`, `/package.json:5`, which runs `pnpm prisma migrate dev` at `/cli/commands/apply.ts:5`)');
  });
});

describe('what is not destructive', () => {
  it('a build that clears its output folder and then migrates still applies migrations', () => {
    expect(migrationScriptKind('rm -rf dist && prisma migrate deploy && tsc')).toBe('apply');
    expect(migrationScriptKind('pnpm db:reset')).toBe('destructive');
    expect(migrationScriptKind('drizzle-kit drop')).toBe('destructive');
  });
});
