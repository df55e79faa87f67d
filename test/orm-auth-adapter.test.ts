import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// better-auth given the Drizzle client (`drizzleAdapter(db, { schema })`) reads and writes its tables itself.
describe('ORM access: tables an auth library manages through its adapter', () => {
  const files = {
    'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'drizzle-orm': '^0.44.0', 'better-auth': '^1.3.0' } }),
    'src/schema.ts':
      "import { pgTable, serial, text } from 'drizzle-orm/pg-core';\n" +
      "export const users = pgTable('users', { id: serial('id').primaryKey(), email: text('email').notNull() });\n" +
      "export const sessions = pgTable('sessions', { id: serial('id').primaryKey(), token: text('token').notNull() });\n" +
      "export const notes = pgTable('notes', { id: serial('id').primaryKey(), body: text('body').notNull() });\n" +
      "export const tags = pgTable('tags', { id: serial('id').primaryKey(), name: text('name').notNull() });\n",
    'src/db.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nimport * as schema from './schema';\nexport const db = drizzle(process.env.DATABASE_URL!, { schema });\n",
    'src/auth.ts':
      "import { betterAuth } from 'better-auth';\nimport { drizzleAdapter } from 'better-auth/adapters/drizzle';\nimport { db } from './db';\nimport * as schema from './schema';\n\n" +
      "export const auth = betterAuth({\n  database: drizzleAdapter(db, { provider: 'pg', schema, usePlural: true }),\n});\n",
    'src/notes.ts': "import { db } from './db';\nimport { notes } from './schema';\nexport const list = () => db.select().from(notes);\n",
  };

  it('says better-auth reads and writes users and sessions through drizzleAdapter, and no direct calls only of the others', async () => {
    const root = tempRepo(files);
    const s = await section(databaseSchemaStep, root);
    expect(missingCitations(s.markdown, await indexOf(root))).toEqual([]);
    expect(s.markdown).toContain('`users`, `sessions` are read and written by better-auth through `drizzleAdapter` (`/src/auth.ts:7`), with no direct calls in the code.');
    expect(s.markdown).toContain('No direct calls found in code for `tags`.');
  });

  it('does not give a table the auth library keeps as the one to copy for a new table', async () => {
    const md = (await section(workflowsStep, tempRepo(files))).markdown;
    expect(md).toContain('copy `notes` at `:4`.');
    expect(md).not.toContain('copy `users`');
  });
});
