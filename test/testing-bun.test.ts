import { describe, expect, it } from 'vitest';
import { testingDetector, type TestSetupData } from '../src/detectors/testing/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const TEST = "import { describe, expect, it } from 'bun:test';\ndescribe('x', () => it('works', () => expect(1).toBe(1)));\n";

describe("Bun's test runner", () => {
  it('is the framework of tests that import bun:test, run by a `bun test` script', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, scripts: { test: 'bun test --preload ./tests/preload.ts ./tests' } }),
      'tests/preload.ts': "process.env.NODE_ENV = 'test';\n",
      'tests/api.test.ts': TEST,
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.frameworks).toEqual(['Bun test']);
    expect(setup.testFileCount).toBe(1);
  });

  it('is named by the bun:test import alone, with no script', async () => {
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'lib', private: true }), 'src/sum.test.ts': TEST });
    expect(((await detect(testingDetector, root))[0].data as TestSetupData).frameworks).toEqual(['Bun test']);
  });

  it('is not `bun run test`, which runs a script of that name', async () => {
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'app', private: true, scripts: { test: 'bun run test:unit', 'test:unit': 'vitest run' }, devDependencies: { vitest: '^2.0.0' } }), 'src/a.test.ts': "import { it } from 'vitest';\nit('a', () => {});\n" });
    expect(((await detect(testingDetector, root))[0].data as TestSetupData).frameworks).toEqual(['Vitest']);
  });

  it("has the package's bunfig.toml with a [test] table as its config, and not one of install settings only", async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'apps/server/package.json': JSON.stringify({ name: '@x/server', private: true, scripts: { test: 'bun test' } }),
      'apps/server/tests/api.test.ts': TEST,
    };
    const withTest = tempRepo({ ...files, 'apps/server/bunfig.toml': '[install]\nexact = true\n\n[test]\nroot = "tests"\npreload = [\'./tests/setup.ts\']\n' });
    const server = (await detect(testingDetector, withTest)).find((f) => (f.data as TestSetupData).package === '@x/server')!.data as TestSetupData;
    expect(server.configFiles).toEqual(['apps/server/bunfig.toml']);
    const installOnly = tempRepo({ ...files, 'apps/server/bunfig.toml': '[install]\nexact = true\n' });
    const other = (await detect(testingDetector, installOnly)).find((f) => (f.data as TestSetupData).package === '@x/server')!.data as TestSetupData;
    expect(other.configFiles).toEqual([]);
  });
});
