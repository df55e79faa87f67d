import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

describe('step 8 — Configuration & Environment', () => {
  it('is registered as step 8', () => {
    expect(STEPS[7].definition).toBe(configurationStep);
  });

  it.each(['cfg-env', 'cfg-ci', 'cfg-integrations'])('%s: step heading, the four subsections, only existing paths', async (fixture) => {
    const s = await section(configurationStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 8. Configuration & Environment');
    for (const h of ['### Environment variables', '### Configuration files', '### Secrets management', '### Build and deployment scripts']) expect(s.markdown).toContain(`\n${h}\n`);
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
    expect(s.failures).toEqual([]);
  });

  it('groups variables by package with reads, sets and secret flags, and never prints dotenv values', async () => {
    const md = (await section(configurationStep, 'cfg-env')).markdown;
    expect(md).toContain('#### @acme/api — `/apps/api`');
    expect(md).toContain('| `DATABASE_URL` | `/apps/api/src/server.ts:10` | `/.env.example:2` | **yes** |');
    expect(md).toContain('| `NODE_ENV` | `/apps/api/src/server.ts:11` | set by the tooling (frameworks, bundlers, test runners) or the start script | — |');
    // Production reads first; reads only in tests say so.
    expect(md).toContain('| `TEST_ONLY_FLAG` | tests only: `/apps/api/src/server.test.ts:5` | — | — |');
    expect(md).toContain('| `PUBLIC_GA_ID` | `/apps/site/src/pages/index.astro:2` | typed in `/apps/site/src/env.d.ts:3` | — |');
    expect(md).toContain('| `SESSION_SECRET` | `/.env.example:3`; `/.env:1` | **yes** |');
    // A computed name whose literal part (`_URL`) rules these out, shown as unresolved.
    expect(md).toContain('- `` process.env[`${prefix}_URL`] `` — `/apps/api/src/server.ts:23`');
    expect(md).toContain('**Dotenv files in the repository with real values** (only their variable names are used here): `/.env`.');
    expect(md).not.toContain('fixture-session-value-never-printed');
    expect(md).not.toContain('change-me');
  });

  it('lists every committed dotenv file the env model reads as a set source, in any folder and any name form', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/main.ts': 'export const a = [process.env.AT_SECRET, process.env.PG_PASSWORD, process.env.EMAIL_PASS];\n',
      '.env': 'AT_SECRET=fixture-root-value-never-printed\n',
      'envs/.auth.env': 'PG_PASSWORD=fixture-auth-value-never-printed\n',
      'envs/notification.env': 'EMAIL_PASS=fixture-mail-value-never-printed\n',
      'envs/.auth.env.example': 'PG_PASSWORD=\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('**Dotenv files in the repository with real values** (only their variable names are used here): `/.env`, `/envs/.auth.env`, `/envs/notification.env`.');
    expect(md).not.toContain('value-never-printed');
  });

  it('does not call a prefix-named template (.example.env) or a file of empty values a file with real values', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { isExampleDotenv } = await import('../src/detectors/env/index.js');
    expect(['.example.env', 'example.env', '.sample.env', 'sample.env', '.template.env', 'app/.example.env'].every((f) => isExampleDotenv(f))).toBe(true);
    expect(['.env', 'api.env', 'envs/.auth.env'].some((f) => isExampleDotenv(f))).toBe(false);
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/main.ts': 'export const a = [process.env.AT_SECRET, process.env.DB_URL, process.env.PG_PASSWORD];\n',
      '.example.env': 'BUN_FS_POLLING=1\nAT_SECRET=\nDB_URL=\n',
      'envs/.auth.env': '# fill in\nPG_PASSWORD=\nAT_SECRET=""\n',
      'envs/.db.env': 'DB_URL=fixture-db-value-never-printed\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('**Dotenv files in the repository with real values** (only their variable names are used here): `/envs/.db.env`.');
    expect(md).not.toContain('value-never-printed');
  });

  it('lists config files, CI secrets and variables, and SSM/Secrets Manager names', async () => {
    const env = (await section(configurationStep, 'cfg-env')).markdown;
    expect(env).toContain('| `/packages/ui/vite.config.ts` | Vite | plugins: react; dev server port 6006; dev proxy /api; build.outDir lib; test environment happy-dom |');
    expect(env).toContain('| `lint` | `eslint . --max-warnings 0 \\| tee lint.log` |');
    const ci = (await section(configurationStep, 'cfg-ci')).markdown;
    expect(ci).toContain('| `NPM_TOKEN` | `/.github/workflows/ci.yml:24`, `/.github/workflows/release.yml:19` |');
    expect(ci).toContain('| `REGISTRY_URL` | `/.github/workflows/release.yml:20` |');
    const integrations = (await section(configurationStep, 'cfg-integrations')).markdown;
    expect(integrations).toContain('| SSM Parameter Store | /shop/prod/db-password | read | `GetParameterCommand` | `/apps/server/src/secrets.ts:10` |');
    expect(integrations).toContain('| SSM Parameter Store | /shop/${stage}/flags (unresolved) | read | `Powertools getParameter` | `/apps/server/src/secrets.ts:13` |');
    expect(integrations).toContain('**Plain-text secret values in infrastructure code** (value not shown): `/infra/lib/stack.ts:12`.');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(configurationStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    expect(s.markdown).not.toContain('[redacted]');
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-08.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
