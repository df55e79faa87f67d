import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

describe('step 9 — Common Workflows', () => {
  it('is registered as step 9', () => {
    expect(STEPS[8].definition).toBe(workflowsStep);
  });

  it.each(['cfg-env', 'cfg-ci', 'cfg-integrations'])('%s: step heading and only existing paths', async (fixture) => {
    const s = await section(workflowsStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 9. Common Workflows');
    for (const h of ['### Development workflow', '### Testing', '### Deployment', '### CI workflows', '### Troubleshooting']) expect(s.markdown).toContain(`\n${h}\n`);
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
    expect(s.failures).toEqual([]);
  });

  it('uses the repository package manager, dev ports from configs and commands, build order and tests per package', async () => {
    const md = (await section(workflowsStep, 'cfg-env')).markdown;
    expect(md).toContain('2. **Install:** `pnpm install --frozen-lockfile` at the repository root (pnpm `pnpm@9.1.0`, lockfile `/pnpm-lock.yaml`, pnpm workspaces: `apps/*`, `packages/*`).');
    expect(md).toContain('| @acme/web | `pnpm --filter @acme/web dev` | `next dev -p 3001` | 3001 (`/apps/web/package.json:5`) |');
    expect(md).toContain('| @acme/site | `pnpm --filter @acme/site dev` | `astro dev` | 4000 (`/apps/site/astro.config.mjs`) |');
    expect(md).toContain('1. @acme/site, @acme/ui\n2. @acme/api, @acme/web   (needs @acme/ui)');
    expect(md).toContain('| @acme/web | Jest | `/apps/web/jest.config.js` | `/apps/web/src` (1, beside the code) | `pnpm --filter @acme/web test` | `pnpm --filter @acme/web test src/app/page.test.tsx` |');
    expect(md).toContain('- Why does pnpm dev fail with EADDRINUSE? (`/README.md:5`)');
    expect(md).toContain('- `REDIS_URL` — read without a fallback in `/apps/api/src/server.ts:11`');
  });

  it('orders CI jobs by needs and lists deploy workflows with their commands', async () => {
    const md = (await section(workflowsStep, 'cfg-ci')).markdown;
    expect(md).toContain('test  →  publish  →  deploy');
    expect(md).toContain('3. `deploy` (environment `production`): `./scripts/deploy.sh --prod`');
    expect(md).toContain('`/.gitlab-ci.yml` · stages `install` → `test` → `deploy`');
    expect(md).toContain('| `deploy-prod` (`/.gitlab-ci.yml:17`) | `unit` | environment `production`; if `$CI_COMMIT_BRANCH == "main"` | `npm ci` · `npm run build` · `npx cdk deploy --all` |');
    expect(md).toContain('`/.github/workflows/release.yml` · on `push` (tags: v\\*), `schedule` (cron 0 3 \\* \\* 1), `workflow_dispatch` (inputs: dry-run)');
  });

  it('names the deploy and dev commands of SST, Serverless and SAM projects instead of "no deploy commands"', async () => {
    const sst = await section(workflowsStep, 'deploy-sst');
    expect(sst.markdown).not.toContain('No deploy scripts');
    expect(sst.markdown).toContain(
      '- `sst deploy` — SST app `/sst.config.ts:2`; the README runs `npx sst deploy --stage production` (`/README.md:14`)',
    );
    expect(sst.markdown).toContain('**Run locally (SST app `/sst.config.ts:2`):** `npx sst dev` — as the README runs it (`/README.md:8`).');
    expect((sst.claims ?? []).map((c) => c.topic)).not.toContain('deploy');
    const evidence = RepoModel.of(new Analysis(await indexOf('deploy-sst'))).evidence('deploy');
    expect(evidence).toContainEqual({ what: 'SST app (deployed with sst deploy)', at: { file: 'sst.config.ts', line: 2 } });
    expect(missingCitations(sst.markdown, await indexOf('deploy-sst'))).toEqual([]);

    const sls = (await section(workflowsStep, 'be-serverless')).markdown;
    expect(sls).toContain('- `cd services/users && serverless deploy` — Serverless Framework service `/services/users/serverless.yml:1`');
    expect(sls).toContain('- `cd services/hello && serverless deploy` — Serverless Framework service `/services/hello/serverless.ts:');
    const sam = (await section(workflowsStep, 'infra-sam')).markdown;
    expect(sam).toContain('- `sam build && sam deploy` — AWS SAM template `/template.yaml:');
    expect(sam).not.toContain('No deploy scripts');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(workflowsStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    expect(s.markdown).not.toContain('[redacted]');
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-09.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('build order from TypeScript project references', () => {
  it('packages linked only by tsconfig references are not said to "build independently"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['infra', 'services'] }),
      'infra/package.json': JSON.stringify({ name: 'infra', private: true }),
      'infra/tsconfig.json': '{\n  // the services are compiled first\n  "references": [{ "path": "../services" }]\n}\n',
      'services/package.json': JSON.stringify({ name: 'services', private: true }),
      'services/tsconfig.json': '{ "compilerOptions": { "composite": true } }',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('they build independently');
    expect(md).toContain('TypeScript project references link them: `/infra/tsconfig.json` → `/services`');
  });
});

describe('running one test file', () => {
  it('a test script that chains other scripts gets the runner named directly, not `npm test -- file`', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { test: 'npm run lint && npm run coverage', coverage: 'jest --coverage' }, devDependencies: { jest: '^29.0.0' } }),
      'jest.config.js': 'module.exports = {};',
      'src/app.js': 'module.exports = {};',
      'test/app.test.js': "test('x', () => {});",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`npx jest test/app.test.js`');
    expect(md).not.toContain('npm test -- test/app.test.js');
  });
});

describe('running it locally', () => {
  it('prefers the dev script over a start script that runs the production process manager', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { start: 'pm2 start ecosystem.config.json --no-daemon', dev: 'nodemon src/index.js' } }),
      'package-lock.json': '{}',
      'src/index.js': 'module.exports = {};',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('**Run locally:** `npm run dev` — runs `nodemon src/index.js`');
  });
});
