/**
 * Cloudflare Workers read their env from `cloudflare:workers`, Hono's `c.env` and a module worker's handler
 * parameter; wrangler config sets `vars` (toml and json(c), per environment too) and binds the rest (KV, D1, …).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { indexOf, section } from './helpers/fixture.js';

const envOf = async () => RepoModel.of(new Analysis(await indexOf('env-workers'))).env();
const reads = async (name: string) => ((await envOf()).get(name)?.reads ?? []).map((r) => [r.file, r.lines[0], r.via]);

describe('Cloudflare Workers env', () => {
  it('reads env from cloudflare:workers, Hono c.env (typed app or a Hono context type) and a module worker handler', async () => {
    expect(await reads('BRAIN_URL')).toEqual([['apps/server/src/main.ts', 8, 'worker-env']]);
    expect(await reads('sessions_kv')).toEqual([['apps/server/src/main.ts', 9, 'worker-env']]);
    expect(await reads('APP_URL')).toEqual([
      ['apps/cron/src/index.ts', 14, 'worker-env'],
      ['apps/server/src/main.ts', 6, 'worker-env'],
    ]);
    expect(await reads('COOKIE_DOMAIN')).toEqual([['apps/server/src/cookies.ts', 3, 'worker-env']]);
    expect(await reads('MAILER_TOKEN')).toEqual([['apps/cron/src/index.ts', 9, 'worker-env']]);
    expect(await reads('DB')).toEqual([['apps/cron/src/index.ts', 9, 'worker-env']]);
  });

  it('counts wrangler vars (json(c) and per environment) and bindings as set by the config', async () => {
    const env = await envOf();
    const sets = (name: string) => (env.get(name)?.sets ?? []).map((s) => [s.kind, s.tool ?? null, s.owner ?? null, s.at.file, s.at.line ?? null]);
    expect(sets('APP_URL')).toEqual([
      ['platform', 'Cloudflare Wrangler', null, 'apps/server/wrangler.jsonc', 6],
      ['platform', 'Cloudflare Wrangler', 'production', 'apps/server/wrangler.jsonc', 20],
    ]);
    // Wrangler config serves its own Worker's package: the cron Worker's read of APP_URL is not set by the server's.
    expect(env.setsFor(env.get('APP_URL')!, ['apps/cron/src/index.ts'])).toEqual([]);
    expect(env.setsFor(env.get('APP_URL')!, ['apps/server/src/main.ts'])).toHaveLength(2);
    expect(sets('COOKIE_DOMAIN')).toEqual([['platform', 'Cloudflare Wrangler', 'production', 'apps/server/wrangler.jsonc', 19]]);
    expect(sets('REPORT_EMAIL')).toEqual([['platform', 'Cloudflare Wrangler', null, 'apps/cron/wrangler.toml', 5]]);
    expect(sets('sessions_kv')).toEqual([['platform', 'Cloudflare KV namespace binding', null, 'apps/server/wrangler.jsonc', 9]]);
    expect(sets('HYPERDRIVE')).toEqual([
      ['platform', 'Cloudflare Hyperdrive binding', 'staging', 'apps/server/wrangler.jsonc', 14],
      ['platform', 'Cloudflare Hyperdrive binding', 'production', 'apps/server/wrangler.jsonc', 23],
    ]);
    expect(sets('DB')).toEqual([['platform', 'Cloudflare D1 database binding', null, 'apps/cron/wrangler.toml', 7]]);
    const step8 = (await section(configurationStep, 'env-workers')).markdown;
    expect(step8).toMatch(/`HYPERDRIVE` \| `\/apps\/server\/src\/main\.ts:6` \| Cloudflare Hyperdrive binding/);
    expect(step8).not.toMatch(/`(HYPERDRIVE|DB|sessions_kv|COOKIE_DOMAIN)`[^\n]*set nowhere/);
    // A binding is an object the runtime hands the Worker: not "read without a fallback"; a plain var still is.
    const step9 = (await section(workflowsStep, 'env-workers')).markdown;
    expect(step9).toContain('- `BRAIN_URL` — read without a fallback in `/apps/server/src/main.ts:8`');
    expect(step9).not.toMatch(/`(HYPERDRIVE|DB|sessions_kv)` — read without a fallback/);
    // Step 6 lists a binding declared for two environments once.
    const step6 = (await section(infrastructureStep, 'env-workers')).markdown;
    expect(step6).toContain('| `Hyperdrive` | `HYPERDRIVE` | `/apps/server/wrangler.jsonc:14` |');
  });
});
