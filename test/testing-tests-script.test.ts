/**
 * A package whose test script is called `tests` (`"tests": "npm run build && vitest run"`, and its README says
 * `npm run tests`) has a run command: step 9's Run column must not be "—".
 */
import { describe, expect, it } from 'vitest';
import { testingDetector, type TestSetupData } from '../src/detectors/testing/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('a test script named otherwise than `test`', () => {
  it('`tests` is the run command when there is no `test` script', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'worker',
        private: true,
        scripts: { build: 'tsc', tests: 'npm run build && vitest run', 'tests:coverage': 'npm run build && vitest run --coverage' },
        devDependencies: { vitest: '^2.0.0' },
      }),
      'tests/unit/a.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect([setup.scriptName, setup.script]).toEqual(['tests', 'npm run build && vitest run']);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('npm run tests');
  });
});

describe('a `test` script that runs project files with node', () => {
  it('the files are the tests (run by that script, cited), never "No tests"', async () => {
    // The shape of 0xhdghg/Stablebooks' apps/api: no framework, an empty `test/` folder, two regression runners.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { build: 'tsc', test: 'npm run build && node scripts/test-arc-regressions.js && node scripts/test-webhook-regressions.js' } }, null, 2),
      'scripts/test-arc-regressions.js': "const assert = require('node:assert');\nassert.equal(1, 1);\n",
      'scripts/test-webhook-regressions.js': "function assertEqual(a, b) { if (a !== b) throw new Error('x'); }\nassertEqual(1, 1);\n",
      'scripts/build-docs.js': 'console.log(1);\n',
      'test/.gitkeep': '',
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(2);
    expect(setup.scriptAt).toEqual({ file: 'package.json', line: 6 });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toContain('No tests');
    expect(step9).toContain('`/scripts` (2, run with node by the `test` script)');
    expect(step9).toContain('(`/package.json:6`)');
  });
});

describe('a runner hoisted to the workspace root (round 22, hono-practice)', () => {
  it('a package whose test script runs vitest uses Vitest even without the dependency of its own', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'], scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } }),
      'vitest.config.ts': "export default { test: { include: ['**/apps/admin/**/*.test.tsx', '**/apps/mobile/**/*.test.ts'] } };\n",
      'apps/admin/package.json': JSON.stringify({ name: 'admin', private: true, scripts: { test: 'vitest run --disable-console-intercept' } }),
      'apps/admin/src/App.test.tsx': "import { it } from 'vitest';\nit('works', () => {});\n",
      'apps/mobile/package.json': JSON.stringify({ name: 'mobile', private: true, scripts: { 'test-once': 'pnpm --dir ../.. exec vitest run --config vitest.config.ts apps/mobile' } }),
      'apps/mobile/src/a.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
    });
    const setups = (await detect(testingDetector, root)).map((f) => f.data as TestSetupData);
    const of = (name: string) => setups.find((s) => s.package === name)?.frameworks;
    expect([of('admin'), of('mobile')]).toEqual([['Vitest'], ['Vitest']]);
    // The mobile script runs the root's config from the root: no one-file command started in apps/mobile is offered.
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toContain('cd apps/mobile && npx vitest run');
  });
});
