/**
 * Alchemy (`alchemy.run.ts`) binds what a Worker reads as `env.<NAME>`; a wrangler config without `main` deploys no
 * Worker; a Worker's env parameter typed by the app's own `…Env` type is read like `env: Env`.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { indexOf, section } from './helpers/fixture.js';

const envOf = async () => RepoModel.of(new Analysis(await indexOf('env-alchemy'))).env();

describe('Alchemy bindings', () => {
  it('sets the names a resource binds, through a spread object filled by assignment, and its env keys', async () => {
    const env = await envOf();
    const sets = (name: string) => (env.get(name)?.sets ?? []).filter((s) => s.tool === 'Alchemy').map((s) => [s.kind, s.owner ?? null, s.at.file, s.at.line ?? null]);
    expect(sets('EMAIL')).toEqual([
      ['iac', "Worker 'api'", 'alchemy.run.ts', 18],
      ['iac', "Vite 'web'", 'alchemy.run.ts', 18],
    ]);
    expect(sets('DB')).toEqual([['iac', "Worker 'api'", 'alchemy.run.ts', 23]]);
    expect(sets('SENDER')).toEqual([['iac', "Worker 'api'", 'alchemy.run.ts', 26]]);
  });

  it('never calls a name an Alchemy resource binds "set nowhere"', async () => {
    const md = (await section(workflowsStep, 'env-alchemy')).markdown;
    expect(md).not.toMatch(/`EMAIL`[^\n]*set nowhere/);
    const config = (await section(configurationStep, 'env-alchemy')).markdown;
    expect(config).toMatch(/\| `EMAIL` \|[^\n]*`\/alchemy\.run\.ts:18`/);
  });
});

describe('Worker env typed by the app', () => {
  it("reads `env.X` of a parameter `env: ApiEnv` in a Worker package's file", async () => {
    const env = await envOf();
    const reads = (name: string) => (env.get(name)?.reads ?? []).map((r) => [r.file, r.lines[0], r.via]);
    expect(reads('MODEL_ID')).toEqual([['apps/api/src/env.ts', 11, 'worker-env']]);
    expect(reads('AI')).toEqual([['apps/api/src/env.ts', 10, 'worker-env']]);
    // The handler's `providerEnv(env)` is followed into the helper; the helper's own hand-on is no computed read.
    expect(env.dynamic.map((d) => `${d.file}:${d.line}`)).toEqual([]);
  });
});

describe('wrangler config without main', () => {
  it('is no Worker: step 6 says so and step 9 gives it no `wrangler deploy`', async () => {
    const infra = (await section(infrastructureStep, 'env-alchemy')).markdown;
    expect(infra).toMatch(/`acme-db` in `\/packages\/db\/wrangler\.jsonc`: provider `cloudflare` — a config other wrangler commands read[^\n]*not a Worker: it names no `main`, assets or site/);
    expect(infra).toMatch(/`acme-api` in `\/apps\/api\/wrangler\.jsonc`: provider `cloudflare`, runtime `Cloudflare Workers`/);
    const md = (await section(workflowsStep, 'env-alchemy')).markdown;
    expect(md).toContain('`cd apps/api && wrangler deploy`');
    expect(md).not.toContain('cd packages/db && wrangler deploy');
  });
});
