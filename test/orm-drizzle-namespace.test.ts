/**
 * Drizzle tables declared through a namespace import (`import * as d from 'drizzle-orm/pg-core'`), the casing builders
 * (`d.snakeCase.table`, `d.snakeCase.schema('auth')` then `authSchema.table`), an aliased `pgTable`, and columns built
 * by a helper object of another module (`id.primaryKey()`); and step 4's intro, which names migrations only when
 * migration files are committed.
 */
import { describe, expect, it } from 'vitest';
import { ormDetector, type OrmEnumData, type OrmModelData } from '../src/detectors/orm/index.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const manifest = JSON.stringify({ name: 'db', scripts: { migrate: 'drizzle-kit migrate' }, dependencies: { 'drizzle-orm': '1.0.0-beta.2', pg: '8' }, devDependencies: { 'drizzle-kit': '1' } }, null, 2);

const schemaRepo = () =>
  tempRepo({
    'package.json': manifest,
    'src/schema-utils.ts': "import * as d from 'drizzle-orm/pg-core';\nexport const id = { primaryKey: () => d.bigint({ mode: 'number' }).primaryKey(), type: () => d.bigint({ mode: 'number' }) };\n",
    'src/schemas/auth.ts': [
      "import * as d from 'drizzle-orm/pg-core';",
      "import { id } from '../schema-utils';",
      "export const authSchema = d.snakeCase.schema('auth');",
      "export const authRoles = authSchema.enum('roles', ['admin', 'user']);",
      "export const users = authSchema.table('users', {",
      '  id: id.primaryKey(),',
      "  email: d.text('email').notNull().unique(),",
      "  role: authRoles('role').notNull(),",
      '});',
      '',
    ].join('\n'),
    'src/schemas/files.ts': [
      "import * as d from 'drizzle-orm/pg-core';",
      "import { pgTable as table } from 'drizzle-orm/pg-core';",
      "import { id } from '../schema-utils';",
      "import { users } from './auth';",
      "export const fileStatus = d.pgEnum('file_status', ['pending', 'active']);",
      "export const files = d.snakeCase.table('files', {",
      '  id: id.primaryKey(),',
      '  ownerId: id.type().references(() => users.id).notNull(),',
      '  key: d.text().notNull(),',
      '  status: fileStatus(),',
      '});',
      "export const tags = d.pgTable('tags', { name: d.text('name').primaryKey() });",
      "export const notes = table('notes', { body: d.text('body') });",
      '',
    ].join('\n'),
  });

describe('Drizzle tables through a namespace import and casing builders', () => {
  it('reads schema.table, snakeCase.table, d.pgTable, an aliased pgTable and their enums', async () => {
    const facts = await detect(ormDetector, schemaRepo());
    const models = facts.filter((f) => f.kind === 'orm.model').map((f) => f.data as OrmModelData);
    const enums = facts.filter((f) => f.kind === 'orm.enum').map((f) => f.data as OrmEnumData);
    expect(models.map((m) => `${m.name}:${m.table}`).sort()).toEqual(['files:files', 'notes:notes', 'tags:tags', 'users:users']);
    expect(enums.map((e) => `${e.name}=${e.values.join('|')}`).sort()).toEqual(['authRoles=admin|user', 'fileStatus=pending|active']);
    const files = models.find((m) => m.name === 'files')!;
    // A helper of another module: named as written, its nullability not claimed.
    expect(files.fields.find((f) => f.name === 'id')).toEqual({ name: 'id', type: 'id.primaryKey', attributes: [] });
    expect(files.fields.find((f) => f.name === 'ownerId')).toEqual({
      name: 'ownerId',
      type: 'id.type',
      attributes: [],
      relation: { model: 'users', kind: 'many-to-one', fields: ['ownerId'] },
    });
    expect(files.fields.find((f) => f.name === 'key')).toEqual({ name: 'key', type: 'text', attributes: [] });
    expect(files.fields.find((f) => f.name === 'status')).toEqual({ name: 'status', type: 'fileStatus', optional: true, attributes: [] });
    expect(models.find((m) => m.name === 'tags')!.primaryKey).toEqual(['name']);
    expect(models.find((m) => m.name === 'users')!.fields.map((f) => f.name)).toEqual(['id', 'email', 'role']);
  });
});

describe('step 4 intro with a migration script but no migration files', () => {
  it('does not say the tables are defined by migrations listed below', async () => {
    const root = tempRepo({
      'package.json': manifest,
      // `out` names a folder that is not committed.
      'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: '@acme/schema', out: './migrations' });\n",
      'src/db/index.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).toContain('drizzle-kit migrate');
    expect(md).not.toContain('defined by the migrations listed below');
    expect(md).toContain('The tables are defined outside the CDK and ORM code this step maps');
  });
});
