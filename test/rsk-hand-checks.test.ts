/**
 * Hand-check of kriasoft/react-starter-kit: a zod env schema imported only as a type (`import type { Env }`) never runs
 * at startup; wrangler's `assets.binding` sets the binding; Astro's `srcDir` moves `pages/`; a table reached through a
 * namespace re-export of the Drizzle schema (`Db.member`) is queried directly.
 */
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const ENV_SCHEMA = [
  "import { z } from 'zod';",
  'export const envSchema = z.object({',
  '  SECRET_KEY: z.string(),',
  '});',
  "export const env = typeof Bun === 'undefined' ? ({} as Env) : envSchema.parse(Bun.env);",
  'export type Env = z.infer<typeof envSchema>;',
  '',
].join('\n');

describe('react-starter-kit hand-check', () => {
  it('does not say "startup fails" for a schema application code imports only as a type', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { zod: '^4.0.0', hono: '^4.0.0' } }),
      'lib/env.ts': ENV_SCHEMA,
      'worker.ts': "import type { Env } from './lib/env.js';\nexport default { fetch(req: Request, env: Env) { return new Response('ok'); } };\n",
      'scripts/gen.ts': "import { env } from '../lib/env';\nconsole.log(Object.keys(env));\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toContain('`SECRET_KEY` — required: startup fails');
    expect(step9).toContain('`SECRET_KEY` — declared required in the schema `/lib/env.ts:3`, which does not run at startup');
  });

  it('still says "startup fails" when application code imports the schema\'s value', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', dependencies: { zod: '^4.0.0' } }),
      'lib/env.ts': ENV_SCHEMA,
      'server.ts': "import { env } from './lib/env';\nconsole.log(env.SECRET_KEY);\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`SECRET_KEY` — required: startup fails if unset (schema `/lib/env.ts:3`)');
  });

  it('takes wrangler `assets.binding` as where the Worker\'s ASSETS binding is set', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', dependencies: { hono: '^4.0.0' }, devDependencies: { wrangler: '^4.0.0' } }),
      'wrangler.jsonc': '{\n  "name": "web",\n  "main": "./worker.ts",\n  "assets": {\n    "directory": "./dist",\n    "binding": "ASSETS"\n  }\n}\n',
      'worker.ts': "import { Hono } from 'hono';\nconst app = new Hono<{ Bindings: { ASSETS: Fetcher } }>();\napp.get('*', (c) => c.env.ASSETS.fetch(c.req.raw));\nexport default app;\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`ASSETS`[^\n]*set nowhere/);
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toMatch(/\| `ASSETS` \|[^\n]*`\/wrangler\.jsonc:4`/);
  });

  it('finds Astro pages under `srcDir` (`srcDir: "."` puts them in `<app>/pages/`)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/web/package.json': JSON.stringify({ name: '@repo/web', scripts: { dev: 'astro dev' }, dependencies: { astro: '^5.0.0' } }),
      'apps/web/astro.config.mjs': 'import { defineConfig } from "astro/config";\nexport default defineConfig({\n  srcDir: ".",\n  output: "static",\n});\n',
      'apps/web/pages/index.astro': '---\nconst title = "Home";\n---\n<h1>{title}</h1>\n',
      'apps/web/pages/about.astro': '---\n---\n<h1>About</h1>\n',
    });
    const step5 = (await section(frontendStep, root)).markdown;
    expect(step5).toMatch(/\| `@repo\/web` \| Astro \|[^\n]*\| 2 \|/);
    expect(step5).toContain('`/apps/web/pages/about.astro');
  });

  it('resolves `Db.member` where Db is a named import of a namespace re-export of the Drizzle schema', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['db', 'api'] }),
      'db/package.json': JSON.stringify({ name: '@repo/db', exports: { '.': './index.ts' }, dependencies: { 'drizzle-orm': '^0.44.0' } }),
      'db/schema/index.ts': "export * from './member';\nexport * from './team';\n",
      'db/schema/member.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const member = pgTable('member', {\n  id: text('id').primaryKey(),\n  role: text('role'),\n});\n",
      'db/schema/team.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const team = pgTable('team', {\n  id: text('id').primaryKey(),\n});\n",
      'db/index.ts': "import * as schema from './schema';\nexport * from './schema';\nexport { schema };\n",
      'api/package.json': JSON.stringify({ name: '@repo/api', dependencies: { '@repo/db': 'workspace:*', 'drizzle-orm': '^0.44.0' } }),
      'api/lib/auth.ts': [
        "import { schema as Db } from '@repo/db';",
        "import { eq } from 'drizzle-orm';",
        'export async function roleOf(db: any, id: string) {',
        '  const [row] = await db',
        '    .select({ role: Db.member.role })',
        '    .from(Db.member)',
        '    .where(eq(Db.member.id, id));',
        '  return row?.role;',
        '}',
        '',
      ].join('\n'),
    });
    const step4 = (await section(databaseSchemaStep, root)).markdown;
    expect(step4).not.toMatch(/No direct calls found in code for[^\n]*`member`/);
    expect(step4).toContain('`/api/lib/auth.ts:');
    expect(step4).toMatch(/No direct calls found in code for `team`/);
  });
});
