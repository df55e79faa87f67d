import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const SCHEMA = [
  "import { pgTable, uuid, text } from 'drizzle-orm/pg-core';",
  "export const user = pgTable('User', { id: uuid('id').primaryKey(), email: text('email').notNull() });",
].join('\n');

function repo(scripts: Record<string, string>, more: Record<string, string> = {}): string {
  return tempRepo({
    ...more,
    'package.json': JSON.stringify({ name: 'chat', private: true, scripts, dependencies: { 'drizzle-orm': '0.34.0' }, devDependencies: { 'drizzle-kit': '0.25.0' } }, null, 2),
    'lib/db/schema.ts': SCHEMA,
    'lib/db/migrate.ts': "import { migrate } from 'drizzle-orm/postgres-js/migrator';\nexport const run = () => migrate;\n",
    'lib/db/migrations/0000_init.sql': 'CREATE TABLE "User" ("id" uuid PRIMARY KEY NOT NULL, "email" text NOT NULL);\n',
  });
}

const migrations = async (root: string) => /\*\*Migrations:\*\*[^\n]*/.exec((await section(workflowsStep, root)).markdown)?.[0] ?? '';

describe('step 9 "Add a Drizzle table": migrations are generated, then applied', () => {
  it('names the script that applies them (a db:migrate running a custom file) after the one that generates them', async () => {
    const line = await migrations(repo({ 'db:generate': 'drizzle-kit generate', 'db:migrate': 'npx tsx lib/db/migrate.ts', 'db:studio': 'drizzle-kit studio' }));
    expect(line).toContain('generate them with `npm run db:generate` (runs `drizzle-kit generate`');
    expect(line).toContain('then apply them with `npm run db:migrate` (runs `npx tsx lib/db/migrate.ts`');
    expect(line).not.toContain('run them with `npm run db:generate`');
  });

  it('says only "generate" when no script applies them, and prefers drizzle-kit migrate to push', async () => {
    expect(await migrations(repo({ 'db:generate': 'drizzle-kit generate' }))).toMatch(/generate them with `npm run db:generate` \(runs `drizzle-kit generate`, `\/package\.json:\d+`\)\.$/);
    const both = await migrations(repo({ 'db:generate': 'drizzle-kit generate', 'db:push': 'drizzle-kit push', 'db:apply': 'drizzle-kit migrate' }));
    expect(both).toContain('then apply them with `npm run db:apply` (runs `drizzle-kit migrate`');
  });

  it('counts only the migrations in the folder, not the schema drizzle-kit introspected beside them', async () => {
    const line = await migrations(repo({ 'db:generate': 'drizzle-kit generate' }, {
      'lib/db/migrations/0001_next.sql': 'ALTER TABLE "User" ADD COLUMN "name" text;\n',
      'lib/db/migrations/meta/_journal.json': '{"entries":[{"idx":0,"tag":"0000_init"},{"idx":1,"tag":"0001_next"}]}\n',
      'lib/db/migrations/schema.ts': SCHEMA,
      'lib/db/migrations/relations.ts': "import { relations } from 'drizzle-orm/relations';\nexport const r = relations;\n",
    }));
    expect(line).toContain('(2 migration files)');
  });
});
