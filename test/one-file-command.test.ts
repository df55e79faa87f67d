import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function repo(lockfile: string): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'one', version: '1.0.0', scripts: { test: 'jest' }, devDependencies: { jest: '^29' } }),
    [lockfile]: '\n',
    'src/sum.test.ts': "test('adds', () => expect(1 + 1).toBe(2));\n",
  });
}

describe('the command that runs one test file', () => {
  // pnpm and yarn pass a `--` on to the script literally; npm needs it.
  it('is `yarn test file` and `pnpm test file` without `--`, and `npm test -- file` with it', async () => {
    expect((await section(workflowsStep, repo('yarn.lock'))).markdown).toContain('`yarn test src/sum.test.ts`');
    expect((await section(workflowsStep, repo('pnpm-lock.yaml'))).markdown).toContain('`pnpm test src/sum.test.ts`');
    expect((await section(workflowsStep, repo('package-lock.json'))).markdown).toContain('`npm test -- src/sum.test.ts`');
  });
});

describe('a test script that runs built output', () => {
  it('suggests no source file to pass along (`node --test ./dist` runs compiled tests)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'one', version: '1.0.0', scripts: { test: 'node --experimental-test-coverage --test ./dist' } }),
      'yarn.lock': '\n',
      'server/sum.test.ts': "import test from 'node:test';\ntest('adds', () => {});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`yarn test`');
    expect(md).not.toContain('yarn test server/sum.test.ts');
  });
});
