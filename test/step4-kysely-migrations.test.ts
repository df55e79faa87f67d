/**
 * Kysely migrations create the tables in code (`db.schema.createTable('user').addColumn(…)`): step 4 must not say
 * "No table definition or ORM schema this step maps was found" there, but where each table is created.
 */
import { describe, expect, it } from 'vitest';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('step 4 with Kysely migrations', () => {
  it('cites each createTable call instead of claiming no table definition', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'api',
        private: true,
        scripts: { 'migrate:latest': 'node ./scripts/migrate.js latest' },
        dependencies: { kysely: '^0.27.0', '@planetscale/database': '^1.0.0' },
      }),
      'migrations/01_initial.ts': [
        "import { Kysely } from 'kysely'",
        '',
        'export async function up(db: Kysely<any>) {',
        '  await db.schema',
        "    .createTable('user')",
        "    .addColumn('id', 'varchar(21)', (col) => col.primaryKey())",
        '    .execute()',
        "  await db.schema.createTable('authorisations').addColumn('user_id', 'varchar(255)').execute()",
        '}',
        '',
        'export async function down(db: Kysely<any>) {',
        "  await db.schema.dropTable('user').execute()",
        '}',
        '',
      ].join('\n'),
      'scripts/migrate.js': "import { Migrator, FileMigrationProvider } from 'kysely';\nexport const m = Migrator;\n",
    });
    const md = (await section(databaseSchemaStep, root)).markdown;
    expect(md).not.toMatch(/No table definition/);
    expect(md).toContain('Kysely `createTable`, 2 tables');
    expect(md).toContain('- `user` — `/migrations/01_initial.ts:5`');
    expect(md).toContain('- `authorisations` — `/migrations/01_initial.ts:8`');
  });
});
