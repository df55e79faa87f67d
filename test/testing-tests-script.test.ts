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
