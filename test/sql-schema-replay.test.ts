import { describe, expect, it } from 'vitest';
import { SqlSchema } from '../src/detectors/sql-schema/ddl.js';
import { sqlSchemaDetector, type SqlTableFact } from '../src/detectors/sql-schema/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const lineAt = (text: string) => (_file: string, offset: number) => text.slice(0, offset).split('\n').length;
function read(...files: [string, string][]): SqlSchema {
  const schema = new SqlSchema();
  for (const [file, text] of files) schema.read(file, text, lineAt(text));
  return schema;
}

// ClickHouse migrations that rebuild a table: create *_new, copy (an insert whose `;` is missing), swap names, drop.
const CLICKHOUSE = [
  ['migrations/01_init.sql', "CREATE TABLE db.events\n(\n    id UUID,\n    created_at DateTime('UTC'),\n    INDEX idx_id id TYPE minmax GRANULARITY 1\n)\nENGINE = MergeTree ORDER BY id;\n"],
  [
    'migrations/02_rebuild.sql',
    [
      "CREATE TABLE db.events_new\n(\n    id UUID,\n    kind LowCardinality(String),\n    created_at DateTime('UTC'),\n    at Nullable(DateTime64(3, 'UTC'))\n)\nENGINE = MergeTree ORDER BY id;",
      'ALTER TABLE db.events_new\nADD PROJECTION events_by_kind (\nSELECT * ORDER BY kind\n);',
      'ALTER TABLE db.events_new ADD INDEX idx_kind kind TYPE bloom_filter GRANULARITY 1;',
      'ALTER TABLE db.events_new ADD COLUMN "tag" String AFTER "kind";',
      'INSERT INTO db.events_new\nSELECT id, \'x\', created_at, null, \'\'\nFROM db.events\n',
      'RENAME TABLE db.events TO db.events_old;',
      'RENAME TABLE db.events_new TO db.events;',
      ' DROP TABLE db.events_old;',
    ].join('\n'),
  ],
] as [string, string][];

describe('SQL replay of table renames and drops', () => {
  it('applies RENAME TABLE (also after a statement left without its `;`) and DROP TABLE', () => {
    const schema = read(...CLICKHOUSE);
    expect([...schema.tables.keys()]).toEqual(['db.events']);
    const t = schema.tables.get('db.events')!;
    expect(t.file).toBe('migrations/02_rebuild.sql');
    expect(t.changedIn).toEqual([]);
  });

  it('renames by ALTER TABLE … RENAME TO and RENAME TABLE a TO b, c TO d; drops a list of tables', () => {
    const schema = read(
      ['1.sql', 'create table a (id int);\ncreate table b (id int);\ncreate table c (id int references a(id));\ncreate table d (id int);'],
      ['2.sql', 'rename table a to a2, b to b2;\nalter table c rename to c2;\ndrop table if exists d, b2 cascade;'],
    );
    expect([...schema.tables.keys()].sort()).toEqual(['a2', 'c2']);
    expect(schema.tables.get('c2')!.foreignKeys.map((f) => f.table)).toEqual(['a2']);
    expect(schema.tables.get('a2')!.changedIn).toEqual(['2.sql']);
  });
});

describe('SQL column types and ALTER TABLE ADD', () => {
  it('prints a type with its string literals as written, not blanked', () => {
    const t = read(...CLICKHOUSE).tables.get('db.events')!;
    expect(t.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'id UUID',
      'kind LowCardinality(String)',
      "created_at DateTime('UTC')",
      "at Nullable(DateTime64(3, 'UTC'))",
      'tag String',
    ]);
  });

  it('adds columns only for ADD [COLUMN]: projections and indexes are not columns; a column named key still is', () => {
    const schema = read(
      ['1.sql', 'create table t (id int, KEY k_id (id));\nalter table t add key text, add index i_key (key), add column index_no int;\nalter table t modify column index_no bigint comment \'n\';\nalter table t drop index i_key, drop projection p;'],
    );
    expect(schema.tables.get('t')!.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['id int', 'key text', 'index_no bigint']);
  });

  it('keeps a comment after the last column out of its type', () => {
    const t = read(['1.sql', "create table t (\n  id int, -- the id\n  zone text -- 'utc' or local\n);"]).tables.get('t')!;
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['id:int', 'zone:text']);
  });
});

describe('sql-schema detector over ClickHouse migrations', () => {
  it('gives the tables that remain after the renames, with their types as written', async () => {
    const root = tempRepo(Object.fromEntries(CLICKHOUSE.map(([f, t]) => [`db/clickhouse/${f}`, t])));
    const tables = (await detect(sqlSchemaDetector, root)).filter((f): f is SqlTableFact => f.kind === 'sql.table');
    expect(tables.map((t) => `${t.data.name} ${t.at[0].file}:${t.at[0].line}`)).toEqual(['db.events db/clickhouse/migrations/02_rebuild.sql:1']);
    expect(tables[0].data.columns.find((c) => c.name === 'created_at')?.type).toBe("DateTime('UTC')");
  });
});

describe('a schema file beside a migrations folder', () => {
  const current = "CREATE TABLE db.events\n(\n    id UUID,\n    kind LowCardinality(String),\n    tag String,\n    created_at DateTime('UTC'),\n    at Nullable(DateTime64(3, 'UTC'))\n)\nENGINE = MergeTree ORDER BY id;\n";
  // A rebuild whose drops are left commented out for a person to run: the replay keeps db.events_old and db.join.
  const rebuild = [
    'CREATE TABLE db.join (id UUID) ENGINE = MergeTree ORDER BY id;',
    ...CLICKHOUSE[1][1].split('\n').filter((l) => !/DROP TABLE/.test(l)),
    '/*\n DROP TABLE db.events_old\n DROP TABLE db.join\n */',
  ].join('\n');
  const sources = async (files: Record<string, string>) => {
    const facts = await detect(sqlSchemaDetector, tempRepo(files));
    return facts.filter((f): f is SqlTableFact => f.kind === 'sql.table').map((t) => `${t.data.name} ${t.at[0].file}`);
  };

  it('stands for the migrations when it is current: no temporary tables of a rebuild', async () => {
    const tables = await sources({ 'db/clickhouse/schema.sql': current, 'db/clickhouse/migrations/01_init.sql': CLICKHOUSE[0][1], 'db/clickhouse/migrations/02_rebuild.sql': rebuild });
    expect(tables).toEqual(['db.events db/clickhouse/schema.sql']);
  });

  it('is read beside the replayed migrations when they add what it lacks (a starting or stale schema)', async () => {
    // The migrations alter `users`, which they never create: only the schema file's `users` is there to alter.
    const tables = await sources({
      'db/schema.sql': 'create table users (id int primary key);\n',
      'db/migrations/001_users.sql': 'create table users (id int primary key);\n',
      'db/migrations/002_posts.sql': 'create table posts (id int primary key, user_id int references users(id));\nalter table users add column email text;\n',
    });
    expect(tables).toEqual(['users db/migrations/001_users.sql', 'posts db/migrations/002_posts.sql']);
  });
});

describe('which later migrations change a table', () => {
  it('counts a migration that only alters a column default or nullability, or drops a constraint (Drizzle Kit SQL)', () => {
    // The shape of nextjs-nestjs-turborepo-template: 0001 only sets a default on "session", 0004 drops it again.
    const schema = read(
      ['0000_init.sql', 'CREATE TABLE "session" (\n\t"id" text PRIMARY KEY NOT NULL,\n\t"created_at" timestamp NOT NULL\n);\n--> statement-breakpoint\nCREATE TABLE "account" (\n\t"id" text PRIMARY KEY NOT NULL,\n\t"scope" text\n);\n'],
      ['0001_defaults.sql', 'ALTER TABLE "session" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint\nALTER TABLE "account" ALTER COLUMN "scope" SET NOT NULL;'],
      ['0002_add.sql', 'ALTER TABLE "session" ADD COLUMN "impersonated_by" text;'],
      ['0003_index.sql', 'CREATE INDEX "session_idx" ON "session" USING btree ("id");--> statement-breakpoint\nALTER TABLE "account" OWNER TO app;'],
      ['0004_drop.sql', 'ALTER TABLE "session" ALTER COLUMN "created_at" DROP DEFAULT;--> statement-breakpoint\nALTER TABLE "account" DROP CONSTRAINT "account_scope_check";'],
    );
    expect(schema.tables.get('session')!.changedIn).toEqual(['0001_defaults.sql', '0002_add.sql', '0004_drop.sql']);
    expect(schema.tables.get('account')!.changedIn).toEqual(['0001_defaults.sql', '0004_drop.sql']);
  });
});

describe('a numbered migration whose name ends in "schema"', () => {
  it('is replayed with the later migrations, so their ALTER TABLE … FOREIGN KEY applies to its tables', async () => {
    const facts = await detect(sqlSchemaDetector, tempRepo({
      'db/migrations/0000_initial_schema.sql': 'CREATE TABLE "users" ("id" uuid PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "auth_tokens" ("id" uuid PRIMARY KEY, "user_id" uuid NOT NULL);\n',
      'db/migrations/0001_constraints.sql': 'ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade;\n',
    }));
    const tokens = facts.find((f): f is SqlTableFact => f.kind === 'sql.table' && (f as SqlTableFact).data.name === 'auth_tokens')!;
    expect(tokens.data.foreignKeys.map((k) => `${k.columns.join()} → ${k.table}`)).toEqual(['user_id → users']);
    expect(tokens.data.changedIn).toEqual(['db/migrations/0001_constraints.sql']);
    expect(facts.filter((f) => f.kind === 'sql.source').map((f) => f.id)).toEqual(['migrations db/migrations']);
  });
});

describe('a foreign key added twice', () => {
  it('is one key (two migrations add the same constraint under different names), cited where first added', () => {
    const t = read(
      ['0000_init.sql', 'CREATE TABLE "users" ("id" uuid PRIMARY KEY);\nCREATE TABLE "auth_tokens" ("id" uuid PRIMARY KEY, "user_id" uuid);\n'],
      ['0003_add_constraints.sql', 'ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;\n'],
      ['0003_network.sql', 'ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id");\n'],
    ).tables.get('auth_tokens')!;
    expect(t.foreignKeys.map((k) => `${k.columns.join()} → ${k.table}(${k.refColumns.join()}) ${k.file}`)).toEqual(['user_id → users(id) 0003_add_constraints.sql']);
  });
});

