import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// `pnpm deploy` and `yarn add` are the package manager's own commands, not the scripts of those names.
describe('a script named like a package-manager command', () => {
  it('runs `pnpm run deploy` in a pnpm folder outside any workspace', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'space', private: true }),
      'cdk-app/package.json': JSON.stringify({ name: 'space-cdk', private: true, scripts: { deploy: 'cdk deploy --all', build: 'tsc' }, devDependencies: { 'aws-cdk': '^2.0.0' } }),
      'cdk-app/pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('cd cdk-app && pnpm run deploy');
    expect(md).not.toContain('pnpm deploy');
  });

  it('adds `run` to the --filter and `yarn workspace` forms', async () => {
    const pnpmRoot = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n",
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'apps/api/package.json': JSON.stringify({ name: 'api', private: true, scripts: { deploy: 'serverless deploy', dev: 'tsx watch src/index.ts' } }),
      'apps/api/src/index.ts': 'export {};\n',
    });
    const pnpmMd = (await section(workflowsStep, pnpmRoot)).markdown;
    expect(pnpmMd).toContain('pnpm --filter api run deploy');
    expect(pnpmMd).toContain('pnpm --filter api dev');
    const yarnRoot = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'yarn.lock': '',
      'apps/api/package.json': JSON.stringify({ name: 'api', private: true, scripts: { deploy: 'serverless deploy', publish: 'serverless deploy --stage prod', dev: 'tsx watch src/index.ts' } }),
      'apps/api/src/index.ts': 'export {};\n',
    });
    const yarnMd = (await section(workflowsStep, yarnRoot)).markdown;
    expect(yarnMd).toContain('yarn workspace api dev');
    // `deploy` is no yarn command; `publish` is.
    expect(yarnMd).toContain('`yarn workspace api deploy`');
    expect(yarnMd).toContain('`yarn workspace api run publish`');
  });
});
