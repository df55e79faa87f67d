/**
 * Playwright as a package's only runner runs its `testDir`: a spec outside it (the scaffold's `tests-examples/`) is no
 * test of the package, not one "beside the code" (r25, astro-monorepo apps/dbs: `testDir: './tests'`).
 */
import { describe, expect, it } from 'vitest';
import { testingDetector, type TestSetupData } from '../src/detectors/testing/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const files = (devDependencies: Record<string, string>) => ({
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
  'apps/site/package.json': JSON.stringify({ name: 'site', private: true, devDependencies }),
  'apps/site/playwright.config.ts': "export default { testDir: './tests' };\n",
  'apps/site/tests/example.spec.ts': "import { test } from '@playwright/test';\ntest('home', async () => {});\n",
  'apps/site/tests-examples/demo-todo-app.spec.ts': "import { test } from '@playwright/test';\ntest('todo', async () => {});\n",
  'apps/site/src/pages/index.astro': '<h1>home</h1>\n',
});

const setupOf = async (root: string) => (await detect(testingDetector, root)).map((f) => f.data as TestSetupData).find((d) => d.dir === 'apps/site')!;

describe("Playwright's testDir", () => {
  it('is where the tests of a Playwright-only package live', async () => {
    const setup = await setupOf(tempRepo(files({ '@playwright/test': '^1.28.1' })));
    expect(setup.locations.map((l) => [l.dir, l.count, l.colocated, l.runner ?? null])).toEqual([['apps/site/tests', 1, false, 'Playwright']]);
    expect(setup.testFileCount).toBe(1);
  });

  it('does not hide specs a unit runner of the package would run', async () => {
    const setup = await setupOf(tempRepo(files({ '@playwright/test': '^1.28.1', vitest: '^1.0.0' })));
    expect(setup.locations.map((l) => l.dir)).toEqual(['apps/site/tests', 'apps/site/tests-examples']);
  });
});
