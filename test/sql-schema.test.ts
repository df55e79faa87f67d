import { describe, expect, it } from 'vitest';
import { SqlSchema } from '../src/detectors/sql-schema/ddl.js';
import { sqlSchemaDetector, type SqlSourceFact, type SqlTableFact } from '../src/detectors/sql-schema/index.js';
import { blankSql, sqlStatements } from '../src/detectors/sql-schema/statements.js';
import { detect } from './helpers/fixture.js';

const lineAt = (text: string) => (_file: string, offset: number) => text.slice(0, offset).split('\n').length;
function read(...files: [string, string][]): SqlSchema {
  const schema = new SqlSchema();
  for (const [file, text] of files) schema.read(file, text, lineAt(text));
  return schema;
}

describe('SQL statements', () => {
  it('blanks comments, strings and dollar-quoted bodies, keeping offsets', () => {
    const sql = "select 'a;b'; -- create table x (id int);\ncreate function f() as $fn$ create table y (id int); $fn$;";
    const blanked = blankSql(sql);
    expect(blanked).toHaveLength(sql.length);
    expect(blanked).not.toMatch(/create table/);
    expect(sqlStatements(sql).map((s) => s.text.split(/\s+/)[0])).toEqual(['select', 'create']);
  });

  it("reads the statements of a DO block (Drizzle Kit's foreign keys), not of a function body", () => {
    const sql = [
      'CREATE TABLE "User" ("id" uuid PRIMARY KEY NOT NULL);',
      'CREATE TABLE "Chat" ("id" uuid PRIMARY KEY NOT NULL, "userId" uuid NOT NULL);',
      'DO $$ BEGIN',
      ' ALTER TABLE "Chat" ADD CONSTRAINT "Chat_userId_User_id_fk" FOREIGN KEY ("userId") REFERENCES "public"."User"("id") ON DELETE no action ON UPDATE no action;',
      'EXCEPTION',
      ' WHEN duplicate_object THEN null;',
      'END $$;',
      'create function f() returns void as $fn$ begin create table ghost (id int); end $fn$ language plpgsql;',
    ].join('\n');
    const schema = read(['0000_init.sql', sql]);
    expect([...schema.tables.keys()]).toEqual(['User', 'Chat']);
    const chat = schema.tables.get('Chat')!;
    expect(chat.foreignKeys.map((f) => `${f.columns.join()}->${f.table}(${f.refColumns.join()}) :${f.line}`)).toEqual(['userId->User(id) :4']);
  });
});

describe('SqlSchema', () => {
  it('reads columns, inline and table primary keys, and foreign keys', () => {
    const text = 'create table "public"."a" (\n  "id" bigint not null,\n  b_id int references public.b(id),\n  constraint a_pkey primary key (id)\n);';
    const a = read(['x.sql', text]).tables.get('a')!;
    expect(a.columns.map((c) => `${c.name} ${c.type} :${c.line}`)).toEqual(['id bigint :2', 'b_id int :3']);
    expect(a.primaryKey).toEqual(['id']);
    expect(a.foreignKeys.map((f) => `${f.columns.join()}->${f.table}(${f.refColumns.join()})`)).toEqual(['b_id->b(id)']);
  });

  it('replays alter table: add, drop, rename column, change type, rename table, drop table, RLS and policies', () => {
    const schema = read(
      ['1.sql', 'create table users (id serial primary key, email text);\ncreate table tmp (id int);'],
      ['2.sql', 'alter table users add column name varchar(80) not null, drop column email;\nalter table users alter column name type text;\nalter table users rename column name to full_name;\nalter table users rename to accounts;\ndrop table tmp;'],
      ['3.sql', 'alter table accounts enable row level security;\ncreate policy "Own row" on accounts for update using (auth.uid() = id);'],
    );
    expect([...schema.tables.keys()]).toEqual(['accounts']);
    const t = schema.tables.get('accounts')!;
    expect(t.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['id serial', 'full_name text']);
    expect(t.rls).toEqual({ file: '3.sql', line: 1 });
    expect(t.policies).toEqual([{ name: 'Own row', command: 'update', file: '3.sql', line: 2 }]);
    expect(t.changedIn).toEqual(['2.sql', '3.sql']);
  });
});

describe('sql-schema detector', () => {
  it('prefers a Supabase declarative schema to replaying its migrations, and replays other migration folders', async () => {
    const facts = await detect(sqlSchemaDetector, 'be-supabase');
    const sources = facts.filter((f): f is SqlSourceFact => f.kind === 'sql.source').map((f) => f.data);
    expect(sources).toEqual([
      { folder: 'supabase/schemas', kind: 'schema', files: 2, tables: 2, supabase: 'supabase' },
      { folder: 'db/migrations', kind: 'migrations', files: 2, tables: 2 },
      // A loose schema.sql repeating the Supabase project's table: a copy, not a second table.
      { folder: 'schema.sql', kind: 'schema', files: 1, tables: 0 },
    ]);
    const tables = facts.filter((f): f is SqlTableFact => f.kind === 'sql.table');
    const byName = new Map(tables.map((t) => [t.data.name, t.data]));
    // Commented-out DDL, a function body's DDL and the down migration are not read; the supabase migration is not replayed.
    expect([...byName.keys()].sort()).toEqual(['accounts', 'companies', 'notes', 'posts']);
    const companies = byName.get('companies')!;
    expect(tables.filter((t) => t.data.name === 'companies')).toHaveLength(1);
    expect(companies.alsoIn).toEqual([{ file: 'schema.sql', line: 1 }]);
    expect(companies.foreignKeys.map((f) => `${f.columns.join()}->${f.table}`)).toEqual(['sales_id->auth.users']);
    expect(companies.rls).toEqual({ file: 'supabase/schemas/02_policies.sql', line: 1 });
    expect(companies.policies.map((p) => `${p.name} ${p.command} :${p.line}`)).toEqual(['Companies are readable select :2', 'Admins write companies all :3']);
    const notes = byName.get('notes')!;
    expect(notes.primaryKey).toEqual(['id']);
    expect(notes.columns.map((c) => c.name)).toEqual(['id', 'company_id', 'body']);
    expect(byName.get('accounts')!.columns.map((c) => c.name)).toEqual(['id', 'display_name']);
    expect(byName.get('posts')!.columns.map((c) => c.name)).toEqual(['id', 'author_id', 'headline']);
    expect(byName.get('posts')!.foreignKeys.map((f) => `${f.columns.join()}->${f.table}(${f.refColumns.join()})`)).toEqual(['author_id->accounts(id)']);
  });
});
