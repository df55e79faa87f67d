import { describe, expect, it } from 'vitest';
import { dbAccessDetector, type DataModuleData } from '../src/detectors/backend-code/index.js';
import { supabaseAccessDetector, type SupabaseAccessData, type SupabaseClientData } from '../src/detectors/supabase/access.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'supabase-next';

describe('Supabase query-builder calls (supabase-next)', () => {
  it('finds .from()/.rpc() on clients made by a Supabase factory, a project wrapper or typed SupabaseClient', async () => {
    const facts = await detect(supabaseAccessDetector, FIXTURE);
    const found = facts.filter((f) => f.kind === 'supabase.access').map((f) => f.data as SupabaseAccessData);
    expect(found.map((a) => [a.file, a.line, a.target, a.method, a.access, a.client, a.function])).toEqual([
      // A client from the project's `createClient` wrapper (utils/supabase/server.ts); `Array.from` and the Storage
      // bucket (`supabase.storage.from('avatars')`) are no table.
      ['app/account/page.tsx', 7, 'users', 'update', 'write', 'supabase', 'Account'],
      // Called on the wrapper's result directly.
      ['app/pricing/page.tsx', 4, 'products', 'select', 'read', 'createClient()', 'Pricing'],
      // The service-role client created in the file.
      ['utils/supabase/admin.ts', 11, 'products', 'upsert', 'write', 'supabaseAdmin', 'upsertProductRecord'],
      ['utils/supabase/admin.ts', 17, 'customers', 'select', 'read', 'supabaseAdmin', 'findCustomer'],
      ['utils/supabase/admin.ts', 22, 'customers', 'delete', 'write', 'supabaseAdmin', 'deleteCustomer'],
      ['utils/supabase/admin.ts', 26, 'increment_usage', 'rpc', 'call', 'supabaseAdmin', 'countUsage'],
      // Not a literal: no table name, the expression as written.
      ['utils/supabase/admin.ts', 32, undefined, 'select', 'read', 'supabaseAdmin', 'listPrices'],
      // A parameter typed `SupabaseClient`.
      ['utils/supabase/queries.ts', 6, 'subscriptions', 'select', 'read', 'supabase', 'getSubscription'],
      ['utils/supabase/queries.ts', 14, 'users', 'select', 'read', 'supabase', 'getUserDetails'],
    ]);
    const clients = facts.filter((f) => f.kind === 'supabase.client').map((f) => f.data as SupabaseClientData);
    expect(clients.map((c) => [c.file, c.line, c.factory, c.role, c.name])).toEqual([
      ['utils/supabase/admin.ts', 4, 'createClient', 'instance', 'supabaseAdmin'],
      ['utils/supabase/client.ts', 5, 'createBrowserClient', 'factory', 'createClient'],
      ['utils/supabase/server.ts', 6, 'createServerClient', 'factory', 'createClient'],
    ]);
  });

  it('a file that calls a project wrapper of createClient sets up no client', async () => {
    const modules = (await detect(dbAccessDetector, FIXTURE)).filter((f) => f.kind === 'backend.data-module').map((f) => f.data as DataModuleData);
    expect(modules.map((m) => [m.file, m.kind])).toEqual([['utils/supabase/client.ts', 'client']]);
  });

  it('step 4 shows the tables each file touches, with citations, and the clients where they are created', async () => {
    const { markdown } = await section(databaseSchemaStep, FIXTURE);
    expect(markdown).toContain('#### Access patterns: Supabase');
    expect(markdown).toContain('- `supabaseAdmin` — `createClient` from `@supabase/supabase-js` at `/utils/supabase/admin.ts:4`');
    expect(markdown).toContain('| `products` | write | `upsert` | `upsertProductRecord` | `/utils/supabase/admin.ts:11` |');
    expect(markdown).toContain('| `increment_usage` (RPC) | call | `rpc` | `countUsage` | `/utils/supabase/admin.ts:26` |');
    expect(markdown).toContain('9 calls on 4 tables, 1 Postgres function and 1 name not resolved statically in 4 files');
    expect(markdown).toContain('| `PRICES` (not resolved statically) | read | `select` | `listPrices` | `/utils/supabase/admin.ts:32` |');
    // The module that creates the browser client sets it up; the form helper that calls its wrapper does not.
    expect(markdown).toContain('| `/utils/supabase/client.ts` | client setup |');
    expect(markdown).not.toContain('/utils/auth-helpers/client.ts');
    expect(markdown).not.toContain('avatars');
    expect(missingCitations(markdown, await indexOf(FIXTURE))).toEqual([]);
  });
});
