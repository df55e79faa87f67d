import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

const FIXTURES = ['cdk-v1', 'cdk-http-api', 'cdk-helpers', 'cdk-websocket', 'cdk-none'];

describe('step 6 — Infrastructure & CDK', () => {
  it('is registered as step 6', () => {
    expect(STEPS[5].definition).toBe(infrastructureStep);
  });

  it.each(FIXTURES)('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(infrastructureStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 6. Infrastructure & CDK');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
  });

  it('maps the app, the stacks with their dependencies, configuration and deployment', async () => {
    const md = (await section(infrastructureStep, EXAMPLE)).markdown;
    expect(md).toContain('An AWS CDK app in `/packages/infrastructure` with 5 stacks.');
    expect(md).toContain('- `/packages/infrastructure/cdk.json`: `npx ts-node --prefer-ts-exts bin/kv-store.ts`');
    expect(md).toContain('- Entry: `/packages/infrastructure/bin/kv-store.ts`');
    expect(md).toMatch(/```text\n┌─+┐\n│ +DatabaseStack +│/);
    expect(md).toContain('- `ApiStack` uses `AuthStack`, `DatabaseStack`');
    expect(md).toContain('| `DatabaseStack` | `` `KvDatabase-${stage}` `` (`/packages/infrastructure/bin/kv-store.ts:18`) | 4 tables, 4 outputs | `/packages/infrastructure/lib/stacks/database-stack.ts:20` |');
    expect(md).toContain('| DynamoDB table | `KVStore` | `/packages/infrastructure/lib/stacks/database-stack.ts:33` |');
    expect(md).toContain('| `stage` | command line (`-c stage=…`) | `/packages/infrastructure/bin/kv-store.ts:14` |');
    expect(md).toContain('| `ApiStack` | `userPool` | `AuthStack` | `auth.userPool` | `/packages/infrastructure/bin/kv-store.ts:40` |');
    expect(md).toContain('| `deploy` | `cdk deploy --all --require-approval never` | `@kv/infrastructure` | `/packages/infrastructure/package.json:10` |');
    expect(md).toContain('- `/.github/workflows/deploy.yml:50` — job `deploy-infra` (after `test`)');
  });

  it('reads CI steps that run the CDK CLI directly and dependencies from addDependency', async () => {
    const md = (await section(infrastructureStep, 'cdk-http-api')).markdown;
    expect(md).toContain('- `/.github/workflows/release.yml:13` — job `deploy`, on push (tags: v\\*): `npx cdk deploy --all --require-approval never`');
    expect(md).toContain('- `HttpStack` uses `DataStack`');
    expect(md).toContain('| `deploy` | `npm run deploy -w infra` | `items-platform` | `/package.json:6` |');
  });

  it('says CDK v1 and lists the stacks of a single-stack app without a diagram', async () => {
    const md = (await section(infrastructureStep, 'cdk-v1')).markdown;
    expect(md).toContain('- AWS CDK v1 (`@aws-cdk/*` packages)');
    expect(md).not.toContain('```text');
    expect(md).toContain('| `OrdersStack` | `OrdersStack` (`/bin/orders.ts:6`) |');
  });

  it('says plainly when there is no infrastructure code', async () => {
    const md = (await section(infrastructureStep, 'cdk-none')).markdown;
    expect(md).toBe('## 6. Infrastructure & CDK\n\nNo infrastructure code found: no AWS CDK app, no serverless.yml, SST, CloudFormation/SAM template or Terraform configuration, no Docker Compose file, Dockerfile, Kubernetes manifest, Makefile, justfile or Procfile.\n');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(infrastructureStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-06.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('CDK deployment through a program of its own', () => {
  it('a deploy script that runs a runner (ts-node bin/cdk-runner.ts) is not told "no script runs the CDK CLI"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { infrastructureStep } = await import('../src/steps/06-infrastructure.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, scripts: { deploy: 'ts-node bin/cdk-runner.ts deploy' }, dependencies: { 'aws-cdk-lib': '^2.0.0', constructs: '^10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { App, Stack } from 'aws-cdk-lib';\nconst app = new App();\nnew Stack(app, 'Main');\n",
      'bin/cdk-runner.ts': "import { execSync } from 'child_process';\nexecSync(`npx cdk ${process.argv[2]}`, { stdio: 'inherit' });\n",
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toContain('No package.json script, Make or just target, CI workflow or shell script in the repository runs the CDK CLI');
    expect(md).toContain('No package.json script or CI workflow names the CDK CLI itself, but these may run it:');
    expect(md).toContain('script deploy');
  });
});

describe('CDK context read all at once', () => {
  it('keys of cdk.json read by app.node.getAllContext() are not "not read in the code read"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { infrastructureStep } = await import('../src/steps/06-infrastructure.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'genu', private: true, dependencies: { 'aws-cdk-lib': '^2.0.0', constructs: '^10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts', context: { ragEnabled: false, modelRegion: 'us-east-1' } }),
      'bin/app.ts': "import { App, Stack } from 'aws-cdk-lib';\nconst app = new App();\nconst params = app.node.getAllContext();\nnew Stack(app, 'Main');\n",
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toContain('not read in the code read');
    expect(md).toContain('| `ragEnabled` | cdk.json | with every key, by `getAllContext()` at `/bin/app.ts:3` |');
  });
});
