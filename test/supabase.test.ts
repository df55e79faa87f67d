import { describe, expect, it } from 'vitest';
import { detectComponents } from '../src/detectors/stack/components.js';
import { supabaseDetector, type SupabaseFunctionFact, type SupabaseProjectFact } from '../src/detectors/supabase/index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'be-supabase';

describe('supabase detector', () => {
  it('reads config.toml: project id, ports, auth', async () => {
    const project = (await detect(supabaseDetector, FIXTURE)).find((f): f is SupabaseProjectFact => f.kind === 'supabase.project')!.data;
    expect(project).toMatchObject({ dir: 'supabase', config: 'supabase/config.toml', projectId: 'crm-supa', functions: 3 });
    expect(project.ports).toEqual([{ service: 'api', port: 54321, line: 5 }, { service: 'db', port: 54322, line: 8 }, { service: 'studio', port: 54323, line: 22 }]);
    expect(project.auth).toEqual({ enabled: true, siteUrl: 'http://localhost:5173', signup: false, line: 10 });
  });

  it('finds one Edge Function per folder with its serve line, JWT verification as written or defaulted, and callers', async () => {
    const fns = (await detect(supabaseDetector, FIXTURE)).filter((f): f is SupabaseFunctionFact => f.kind === 'supabase.function').map((f) => f.data);
    // `_shared` is shared code, not a function.
    expect(fns.map((f) => f.name)).toEqual(['hello', 'report', 'users']);
    const [hello, report, users] = fns;
    // The `Deno.serve(` in a comment on line 3 is not the serve call.
    expect(users).toMatchObject({ entry: 'supabase/functions/users/index.ts', line: 4, serve: 'Deno.serve', verifyJwt: false, jwtFrom: 'config', jwtAt: { file: 'supabase/config.toml', line: 16 } });
    expect(users.invokedFrom).toEqual([{ file: 'src/dataProvider.ts', line: 4, how: 'invoke' }]);
    expect(hello).toMatchObject({ line: 3, serve: 'serve', verifyJwt: true, jwtFrom: 'default' });
    expect(hello.invokedFrom).toEqual([{ file: 'src/dataProvider.ts', line: 11, how: 'url' }]);
    // The commented-out invoke of `report` is not a caller.
    expect(report).toMatchObject({ line: 1, verifyJwt: true, jwtFrom: 'default', invokedFrom: [] });
  });
});

describe('Supabase in the steps', () => {
  it('step 6 summarises config.toml: project id, local ports, auth and which Edge Functions skip JWT verification', async () => {
    const s = await section(infrastructureStep, FIXTURE);
    expect(s.markdown).toContain('### Supabase project');
    expect(s.markdown).toContain('- **Project id:** `crm-supa` (`/supabase/config.toml:1`)');
    expect(s.markdown).toContain('- **Local ports** (`supabase start`): `api` 54321 (`/supabase/config.toml:5`), `db` 54322 (`/supabase/config.toml:8`), `studio` 54323 (`/supabase/config.toml:22`)');
    expect(s.markdown).toContain('- **Auth:** enabled, site URL `http://localhost:5173`, sign-up off (`/supabase/config.toml:10`)');
    expect(s.markdown).toContain('- **Edge Functions:** 3 in `/supabase/functions`; JWT verification off (`verify_jwt = false`) for `users`; on for the other 2');
    expect(missingCitations(s.markdown, await indexOf(FIXTURE))).toEqual([]);
  });

  it('step 3 maps the Edge Functions and does not say there is no backend', async () => {
    const s = await section(backendApiStep, FIXTURE);
    expect(s.markdown).not.toContain('no backend API to map');
    expect(s.markdown).toContain('the API is defined with Supabase Edge Functions — 3 functions.');
    expect(s.markdown).toContain('### API: Supabase Edge Functions');
    expect(s.markdown).toContain('| `users` | `/supabase/functions/users/index.ts:4` (Deno.serve) | off (`verify_jwt = false` `/supabase/config.toml:16`) | `functions.invoke` `/src/dataProvider.ts:4` |');
    expect(s.markdown).toContain("| `hello` | `/supabase/functions/hello/index.ts:3` (serve) | on (Supabase's default) | its `functions/v1/hello` URL `/src/dataProvider.ts:11` |");
    expect(missingCitations(s.markdown, await indexOf(FIXTURE))).toEqual([]);
  });

  it('step 4 maps SQL tables with keys, RLS and policies, on PostgreSQL, and does not say no table definition was found', async () => {
    const s = await section(databaseSchemaStep, FIXTURE);
    expect(s.markdown).not.toContain('No table definition');
    expect(s.markdown).toContain("4 tables defined in SQL in `/supabase/schemas` (Supabase's declarative schema), `/db/migrations` (2 migrations replayed in name order)");
    expect(s.markdown).toContain('- **PostgreSQL** — Supabase project config (`/supabase/config.toml:1`)');
    expect(s.markdown).toContain('**Migrations (Supabase migrations)** — in `/supabase/migrations` (1 migration file)');
    expect(s.markdown).toContain(
      '| `companies` | `id` | `sales_id` → `auth.users(id)` | on (`/supabase/schemas/02_policies.sql:1`); 2 policies: "Companies are readable" (select), "Admins write companies" (all) — `/supabase/schemas/02_policies.sql:2` | `/supabase/schemas/01_tables.sql:2`; also created in `/schema.sql:1` |',
    );
    expect(s.markdown).toContain('| `accounts` | `id` | — | — | `/db/migrations/001_init.sql:1` (changed by 1 later migration) |');
    expect(s.markdown).toContain('- `notes`: `id` bigint, `company_id` bigint, `body` text');
    expect(missingCitations(s.markdown, await indexOf(FIXTURE))).toEqual([]);
  });

  it('step 1 counts Supabase from ra-supabase-core and the supabase/ project folder', async () => {
    const supabase = detectComponents(await indexOf(FIXTURE)).find((c) => c.title === 'Supabase');
    expect(supabase?.evidence.map((e) => `${e.file} ${e.what}`)).toEqual(['package.json ra-supabase-core dependency', 'supabase/config.toml Supabase project config']);
    // The architecture says a component was known from a project file, not only from dependencies.
    expect((await section(overviewStep, FIXTURE)).markdown).toContain('Components detected from package.json dependencies and project files (');
  });
});
