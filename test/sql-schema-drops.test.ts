import { describe, expect, it } from 'vitest';
import { sqlSchemaDetector, type SqlTableFact } from '../src/detectors/sql-schema/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// The shape of a Supabase project whose migrations drop and recreate policies and constraints (multi-tenant rework).
const INIT = [
  'create table public.customers (\n  id text not null,\n  constraint customers_pkey primary key (id)\n);',
  'create table public.subs (\n  id text not null,\n  customer_id text not null,\n  constraint subs_pkey primary key (id),',
  '  constraint subs_customer_id_fkey foreign key (customer_id) references customers (id)\n);',
  'create policy "Read customers" on "public"."customers" as PERMISSIVE for SELECT to authenticated using ( true );',
  'create policy "Read subs" on "public"."subs" for SELECT using ( true );\n',
].join('\n');
const TENANT = [
  'ALTER TABLE public.customers ADD COLUMN tenant_id text;\nALTER TABLE public.subs ADD COLUMN tenant_id text;',
  'DROP POLICY IF EXISTS "Read customers" ON public.customers;\nDROP POLICY "Read subs" ON public.subs;',
  `CREATE POLICY "Users can only access their tenant's customers" ON public.customers\nFOR ALL USING (\n  tenant_id = current_setting('app.current_tenant_id', true)\n);`,
  `CREATE POLICY "Users can only access their tenant's subs" ON public.subs\nFOR ALL USING (\n  tenant_id = current_setting('app.current_tenant_id', true)\n);\n`,
].join('\n');
const KEYS = [
  'ALTER TABLE public.subs\nDROP CONSTRAINT IF EXISTS subs_customer_id_fkey;',
  'ALTER TABLE public.customers DROP CONSTRAINT IF EXISTS customers_pkey;',
  'ALTER TABLE public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id, tenant_id);',
  'ALTER TABLE public.subs ADD CONSTRAINT subs_customer_id_fkey\nFOREIGN KEY (customer_id, tenant_id) REFERENCES customers (id, tenant_id);',
  `DROP POLICY IF EXISTS "Users can only access their tenant's customers" ON public.customers;`,
  'CREATE POLICY "Tenant customers" ON public.customers FOR ALL USING (true);',
  'DROP POLICY IF EXISTS "Tenant customers" ON public.customers;',
  'CREATE POLICY "Tenant customers" ON public.customers FOR ALL USING (true);\n',
].join('\n');

async function tables(files: Record<string, string>): Promise<Map<string, SqlTableFact['data']>> {
  const facts = await detect(sqlSchemaDetector, tempRepo(files));
  return new Map(facts.filter((f): f is SqlTableFact => f.kind === 'sql.table').map((f) => [f.data.name, f.data]));
}

describe('SQL replay of DROP POLICY, DROP CONSTRAINT and quoted names', () => {
  const files = {
    'supabase/migrations/20240101_init.sql': INIT,
    'supabase/migrations/20240102_tenant.sql': TENANT,
    'supabase/migrations/20240103_keys.sql': KEYS,
  };

  it('reads a quoted policy name holding an apostrophe as one name', async () => {
    const t = await tables({ 'supabase/migrations/20240102_tenant.sql': `create table customers (id text);\ncreate table subs (id text);\n${TENANT}` });
    expect(t.get('customers')!.policies.map((p) => p.name)).toEqual(["Users can only access their tenant's customers"]);
    expect(t.get('subs')!.policies.map((p) => `${p.name} (${p.command}) ${p.file}:${p.line}`)).toEqual([
      "Users can only access their tenant's subs (all) supabase/migrations/20240102_tenant.sql:11",
    ]);
  });

  it('drops policies by name, and a policy created again under its name is one policy', async () => {
    const customers = (await tables(files)).get('customers')!;
    expect(customers.policies.map((p) => `${p.name} ${p.file}:${p.line}`)).toEqual(['Tenant customers supabase/migrations/20240103_keys.sql:10']);
  });

  it('drops a foreign key and a primary key by constraint name, named or by Postgres default', async () => {
    const t = await tables({
      ...files,
      'supabase/migrations/20240104_inline.sql': 'create table notes (id int primary key, sub_id text references subs (id));\nalter table notes drop constraint notes_sub_id_fkey, drop constraint notes_pkey;\n',
    });
    expect(t.get('subs')!.foreignKeys.map((k) => `${k.columns.join()} → ${k.table}(${k.refColumns.join()})`)).toEqual(['customer_id,tenant_id → customers(id,tenant_id)']);
    expect(t.get('customers')!.primaryKey).toEqual(['id', 'tenant_id']);
    expect(t.get('notes')!.foreignKeys).toEqual([]);
    expect(t.get('notes')!.primaryKey).toEqual([]);
  });
});
