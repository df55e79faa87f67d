/**
 * A `wrangler.toml.example` is the Worker config a new engineer copies to wrangler.toml: it declares the `[vars]` and
 * the bindings (`RATE_LIMITER` under `[durable_objects]`) the code reads as `c.env.X`, so step 9 must not call them
 * "set nowhere in the repository". Names only: the values stay in the file.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const repo = () =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'worker', version: '1.0.0', dependencies: { hono: '^4.0.0' } }),
    'wrangler.toml.example': [
      "name = 'worker'",
      "main = 'dist/index.mjs'",
      '',
      '[durable_objects]',
      'bindings = [',
      "  { name = 'RATE_LIMITER', class_name = 'RateLimiter' }",
      ']',
      '',
      '[env.test.vars]',
      "REDIRECT_URL = 'https://sekrit.example.com/login'",
      '',
    ].join('\n'),
    'src/index.ts': [
      "import { Hono } from 'hono';",
      'type Bindings = { RATE_LIMITER: DurableObjectNamespace; REDIRECT_URL: string };',
      'const app = new Hono<{ Bindings: Bindings }>();',
      "app.get('/', (c) => { const id = c.env.RATE_LIMITER.idFromName('x'); return c.text(c.env.REDIRECT_URL + String(id)); });",
      'export default app;',
      '',
    ].join('\n'),
  });

describe('wrangler.toml.example', () => {
  it('declares its binding and var names (cited at their lines), never their values', async () => {
    const root = repo();
    const env = await RepoModel.of(new Analysis(await indexOf(root))).env();
    const sets = (name: string) => (env.get(name)?.sets ?? []).map((s) => [s.kind, s.at.file, s.at.line]);
    expect(sets('RATE_LIMITER')).toEqual([['example', 'wrangler.toml.example', 6]]);
    expect(sets('REDIRECT_URL')).toEqual([['example', 'wrangler.toml.example', 10]]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/set nowhere/);
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toContain('`/wrangler.toml.example:6`');
    expect(step8 + step9).not.toContain('sekrit');
  });
});
