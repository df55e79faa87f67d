import { describe, expect, it } from 'vitest';
import { testingDetector, type TestSetupData } from '../src/detectors/testing/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { TestFinder } from '../src/steps/parts/recipes/shared.js';
import { tempRepo } from './helpers/temp-repo.js';
import { testBlockArray } from '../src/detectors/testing/vitest-test-block.js';
import { rootRunnerOf } from '../src/detectors/testing/root-runner.js';
import { buildIndex } from '../src/scan/repo-index.js';

describe('what counts as a test file', () => {
  it('setup and support files a config names, dot files and plain files of a test folder under Vitest defaults are not tests', async () => {
    // The shape of remix-run/indie-stack: one Vitest test beside the code, one Cypress spec.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'stack', private: true, scripts: { test: 'vitest', 'test:e2e:run': 'cypress run' }, devDependencies: { vitest: '^2.0.0', cypress: '^13.0.0' } }),
      'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({\n  test: {\n    globals: true,\n    setupFiles: ['./test/setup-test-env.ts'],\n  },\n});\n",
      'cypress.config.ts': "import { defineConfig } from 'cypress';\nexport default defineConfig({ e2e: { supportFile: 'cypress/boot.ts' } });\n",
      'cypress/.eslintrc.cjs': 'module.exports = {};\n',
      'cypress/boot.ts': "import './commands';\n",
      'cypress/e2e/smoke.cy.ts': "describe('smoke', () => { it('loads', () => cy.visit('/')); });\n",
      'test/setup-test-env.ts': "import '@testing-library/jest-dom/vitest';\n",
      'test/render.tsx': 'export const render = () => null;\n',
      'app/utils.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
      'app/utils.ts': 'export const x = 1;\n',
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(2);
    expect(setup.locations).toEqual([
      { dir: 'app', count: 1, colocated: true },
      { dir: 'cypress', count: 1, colocated: false, runner: 'Cypress', within: 'cypress/e2e' },
    ]);
  });

  it('plain files of a test folder stay tests when a script runs another runner over it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'lib', private: true, scripts: { test: 'vitest', 'test:node': 'node --test test/' }, devDependencies: { vitest: '^2.0.0' } }),
      'test/parse.ts': "import test from 'node:test';\ntest('parses', () => {});\n",
      'src/a.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(2);
  });
});

describe('test files named in the hyphenated family, and the helpers beside them', () => {
  it('counts `*.e2e-spec.ts` as tests and the BDD step helpers beside them as helpers', async () => {
    // The shape of Sairyss/domain-driven-hexagon: jest-cucumber specs and shared step definitions under tests/.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'ddh', private: true, scripts: { test: 'mocha' }, devDependencies: { mocha: '^10.0.0' } }),
      'tests/shared/shared-steps.ts': 'export const givenX = () => {};\n',
      'tests/user/user-shared-steps.ts': 'export const givenUser = () => {};\n',
      'tests/user/create-user/create-user.e2e-spec.ts': "it('creates', () => {});\n",
      'tests/user/delete-user/delete-user.e2e-spec.ts': "it('deletes', () => {});\n",
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(2);
    expect(setup.locations).toEqual([{ dir: 'tests', count: 2, colocated: false, within: 'tests/user' }]);
  });

  it('counts by the Jest configs\' testRegex when every Jest script\'s config is readable', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { test: 'jest --config .jestrc.json' }, devDependencies: { jest: '^29.0.0' }, jest: { rootDir: 'src', testRegex: '.*\\.spec\\.ts$' } }),
      '.jestrc.json': JSON.stringify({ rootDir: '.', testRegex: '/tests/.*\\.check\\.ts$' }),
      'tests/orders.check.ts': "it('works', () => {});\n",
      'tests/world.ts': 'export const world = {};\n',
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(1);
    expect(setup.sample).toBe('tests/orders.check.ts');
  });
});

describe('"run one file" in a package whose Jest configs only its scripts name', () => {
  // The shape of typescript-cdk-serverless-react/space-finder: `test` chains two scripts, each `jest --config <file>`,
  // and there is no jest.config.* nor a "jest" key, so a bare `npx jest <file>` would run with Jest's defaults.
  const files = (services: string) => ({
    'package.json': JSON.stringify({
      name: 'space-finder',
      private: true,
      scripts: { 'test-services': 'jest --config jest.services.config.ts', 'test-infra': 'jest --config jest.infra.config.ts', test: 'npm run test-services && npm run test-infra' },
      devDependencies: { jest: '^30.0.0', 'ts-jest': '^29.0.0' },
    }),
    'package-lock.json': '{}',
    'jest.services.config.ts': services,
    'jest.infra.config.ts': "const dir = '<rootDir>/test/infra';\nexport default { preset: 'ts-jest', testMatch: [`${dir}/**/*.test.ts`] };\n",
    'test/auth.test.ts': "import { login } from './AuthService';\nlogin();\n",
    'test/AuthService.ts': 'export function login() {}\n',
    'test/services/handler.test.ts': "test('a', () => {});\n",
    'test/infra/stack.test.ts': "test('b', () => {});\n",
  });

  it('names the config that is read to match the file', async () => {
    const root = tempRepo(files("export default { preset: 'ts-jest', testMatch: ['<rootDir>/test/services/**/*.test.ts'] };\n"));
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup).toMatchObject({ sample: 'test/services/handler.test.ts', sampleConfig: 'jest.services.config.ts' });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`npx jest --config jest.services.config.ts test/services/handler.test.ts`');
    expect(md).not.toContain('npx jest test/');
  });

  it('offers no file when no config can be read to match one', async () => {
    const root = tempRepo(files("const dir = '<rootDir>/test/services';\nexport default { preset: 'ts-jest', testMatch: [`${dir}/**/*.test.ts`] };\n"));
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.sample).toBeUndefined();
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('npx jest test/');
    expect(md).not.toContain('test/auth.test.ts`');
  });
});

describe('which Jest script runs which test files', () => {
  const nest = () =>
    tempRepo({
      'package.json': JSON.stringify({
        name: 'api',
        private: true,
        scripts: { test: 'jest', 'test:watch': 'jest --watch', 'test:e2e': 'env-cmd -- jest --config ./test/jest-e2e.json' },
        devDependencies: { jest: '^29.0.0' },
        jest: { rootDir: 'src', testRegex: '.*\\.spec\\.ts$' },
      }),
      'package-lock.json': '{}',
      'src/app.module.ts': 'export class AppModule {}\n',
      'test/jest-e2e.json': JSON.stringify({ rootDir: '.', testRegex: '.e2e-spec.ts$', testPathIgnorePatterns: ['/node_modules/', '<rootDir>/generators/'] }),
      'test/admin/auth.e2e-spec.ts': "it('works', () => {});\n",
      'test/user/auth.e2e-spec.ts': "it('works', () => {});\n",
      'test/utils/constants.ts': 'export const A = 1;\n',
    });

  it('the default script whose config matches no test is not offered for them; the one whose config does is', async () => {
    const root = nest();
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup).toMatchObject({ scriptName: 'test:e2e', sample: 'test/admin/auth.e2e-spec.ts', testFileCount: 2 });
    expect(setup.otherScripts).toBeUndefined();
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('| `npm run test:e2e` | `npm run test:e2e -- test/admin/auth.e2e-spec.ts` |');
    expect(md).not.toContain('`npm test -- test/admin/auth.e2e-spec.ts`');
  });

  it('a default config that matches the tests stays the one offered', async () => {
    const withUnit = tempRepo({
      'package.json': JSON.stringify({
        name: 'api',
        private: true,
        scripts: { test: 'jest', 'test:e2e': 'jest --config ./test/jest-e2e.json' },
        devDependencies: { jest: '^29.0.0' },
        jest: { rootDir: 'src', testRegex: '.*\\.spec\\.ts$' },
      }),
      'src/app.spec.ts': "it('works', () => {});\n",
      'test/jest-e2e.json': '{ "testRegex": ".e2e-spec.ts$" }\n',
      'test/app.e2e-spec.ts': "it('works', () => {});\n",
    });
    const setup = (await detect(testingDetector, withUnit))[0].data as TestSetupData;
    expect(setup).toMatchObject({ script: 'jest', sample: 'src/app.spec.ts', otherScripts: ['test:e2e'] });
  });
});

describe('Jest configs written in JavaScript', () => {
  it('reads testMatch and testRegex literals from jest.config.js and a -c config', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { test: 'jest', 'test:int': 'jest -c jest.int.config.js' }, devDependencies: { jest: '^29.0.0' } }),
      'jest.config.js': "module.exports = {\n  testMatch: ['<rootDir>/src/**/*.test.ts'],\n};\n",
      'jest.int.config.js': "module.exports = {\n  testRegex: 'integration/.*\\\\.test\\\\.ts$',\n};\n",
      'integration/orders.test.ts': "it('works', () => {});\n",
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup).toMatchObject({ scriptName: 'test:int', sample: 'integration/orders.test.ts' });
  });
});

describe('the run command of a suite whose script is not named test', () => {
  it('offers `e2e: npx playwright test` (not its --ui mode) when the package has a Playwright config and no test script', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'store', private: true, scripts: { dev: 'vite', e2e: 'npx playwright test', 'e2e:ui': 'npx playwright test --ui' }, devDependencies: { '@playwright/test': '^1.40.0' } }),
      'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: './tests' });\n",
      'tests/cart.test.ts': "import { test } from '@playwright/test';\ntest('cart', async () => {});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`npm run e2e`');
    expect(md).not.toContain('npm run e2e:ui');
  });
});

describe('the "run one file" example', () => {
  it('is not a file the test script excludes (mocha --exclude, jest --testPathIgnorePatterns): naming it would run nothing', async () => {
    // The shape of sahat/hackathon-starter: the link checks have their own script and `npm test` excludes them.
    const mocha = tempRepo({
      'package.json': JSON.stringify({
        name: 'app',
        private: true,
        scripts: { test: 'c8 mocha --timeout=60000 --exit --exclude "test/*links.test.js"', 'test:image-link': 'mocha "test/*links.test.js"' },
        devDependencies: { mocha: '^11.0.0', c8: '^10.0.0' },
      }),
      'test/app-links.test.js': "describe('links', () => { it('resolve', () => {}); });\n",
      'test/app.test.js': "describe('app', () => { it('starts', () => {}); });\n",
    });
    expect(((await detect(testingDetector, mocha))[0].data as TestSetupData).sample).toBe('test/app.test.js');
    expect((await section(workflowsStep, mocha)).markdown).toContain('`npm test -- test/app.test.js`');
    const jest = tempRepo({
      'package.json': JSON.stringify({ name: 'lib', private: true, scripts: { test: 'jest --testPathIgnorePatterns=/a-slow/' }, devDependencies: { jest: '^29.0.0' } }),
      'src/a-slow/x.test.js': "test('slow', () => {});\n",
      'src/b.test.js': "test('fast', () => {});\n",
    });
    expect(((await detect(testingDetector, jest))[0].data as TestSetupData).sample).toBe('src/b.test.js');
  });

  it('is not offered when the script already passes a path pattern: Jest joins the patterns with |, so all would run', async () => {
    const files = (test: string) => ({
      'package.json': JSON.stringify({ name: 'mono', private: true, scripts: { test: "jest --config jest.config.cjs --testPathPattern='(apps/api/src|libs/http/src)'" }, devDependencies: { jest: '^29.0.0' } }),
      'jest.config.cjs': 'module.exports = {};\n',
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'libs/*'\n",
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'apps/api/package.json': JSON.stringify({ name: '@app/api', private: true, scripts: { test }, devDependencies: { jest: '^29.0.0' } }),
      'apps/api/src/a.spec.ts': "test('a', () => {});\n",
      'libs/http/package.json': JSON.stringify({ name: '@shared/http', private: true }),
      'libs/http/src/h.spec.ts': "test('h', () => {});\n",
    });
    const md = (await section(workflowsStep, tempRepo(files('jest --config ../../jest.config.cjs --testPathPattern=apps/api/src')))).markdown;
    expect(md).toContain('| `pnpm --filter @app/api test` | — |');
    // The root script passes one too: a row run from the root offers none either.
    expect(md).not.toContain('`pnpm test libs/http/src/h.spec.ts`');
    // A positional folder is a pattern as well; a config named with `--config` is not.
    expect((await section(workflowsStep, tempRepo(files('jest src/')))).markdown).toContain('| `pnpm --filter @app/api test` | — |');
    expect((await section(workflowsStep, tempRepo(files('jest --config jest.unit.cjs --runInBand')))).markdown).toContain('`pnpm --filter @app/api test src/a.spec.ts`');
  });
});

describe('a Jest testMatch that names other suffixes than .test and .spec', () => {
  it('counts every file the pattern matches and names the folders they are split into', async () => {
    // The shape of express-typescript-skeleton: `*.e2e.ts`, `*.int.ts` and `*.unit.ts` under test/, rootDir './'.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'skel', private: true, scripts: { test: 'jest --runInBand' }, devDependencies: { jest: '29.0.0', 'ts-jest': '29.0.0' } }),
      'jest.config.js':
        "module.exports = {\n  rootDir: './',\n  roots: ['<rootDir>'],\n  testMatch: ['<rootDir>/test/**/?(*.)+(unit|int|e2e|spec|test).(ts|js)'],\n  preset: 'ts-jest',\n  setupFilesAfterEnv: ['<rootDir>/test/jest.setup.ts'],\n};\n",
      'test/e2e/health/check.e2e.ts': "it('e2e', () => {});\n",
      'test/e2e/shared/test-server.ts': 'export const server = 1;\n',
      'test/integration/health/check.int.ts': "it('int', () => {});\n",
      'test/unit/health/status.unit.ts': "it('unit', () => {});\n",
      'test/jest.setup.ts': 'export {};\n',
      'src/health.ts': 'export const ok = true;\n',
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(3);
    expect(setup.locations).toEqual([{ dir: 'test', count: 3, colocated: false, folders: ['e2e', 'integration', 'unit'] }]);
    // `rootDir: './'` is the root: the script's config runs the sample.
    expect(setup.sample).toBe('test/e2e/health/check.e2e.ts');
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`/test` (3: e2e, integration, unit)');
    // A recipe's test step names the folders, not the one that holds the sample.
    const finder = new TestFinder(await indexOf(root), [setup]);
    expect(finder.step('src/health.ts', 'route')).toBe(
      "**Test:** this package's tests live in `/test/e2e/`, `/test/integration/` and `/test/unit/` (Jest), as `/test/e2e/health/check.e2e.ts`.",
    );
  });
});

describe('the existing test of a module', () => {
  it('is not a test that mocks the module, and the test named after it comes first', async () => {
    // The shape of express-typescript-swagger-zod-template: auth.service.test.ts imports and vi.mock()s the repository.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'tpl', private: true, scripts: { test: 'vitest run' }, devDependencies: { vitest: '2.0.0' } }),
      'src/api/users/users.repository.ts': 'export class UsersRepository {}\n',
      'src/api/auth/auth.service.ts': "import { UsersRepository } from '../users/users.repository';\nexport class AuthService { constructor(readonly r: UsersRepository) {} }\n",
      'test/unit/api/auth/auth.service.test.ts':
        'import { vi, test } from "vitest";\nimport { AuthService } from "../../../../src/api/auth/auth.service";\nimport { UsersRepository } from "../../../../src/api/users/users.repository";\nvi.mock("../../../../src/api/users/users.repository");\ntest("x", () => new AuthService(new UsersRepository()));\n',
      'test/unit/api/a-mocked-only.test.ts': "import { vi } from 'vitest';\njest.mock('../../../src/api/users/users.repository');\nconst users = 'users.repository';\n",
      'test/unit/api/users/users.repository.test.ts': 'import { test } from "vitest";\nimport { UsersRepository } from "../../../../src/api/users/users.repository";\ntest("x", () => new UsersRepository());\n',
    });
    const finder = new TestFinder(await indexOf(root), []);
    expect(finder.testOf('src/api/users/users.repository.ts')).toBe('test/unit/api/users/users.repository.test.ts');
    expect(finder.testOf('src/api/auth/auth.service.ts')).toBe('test/unit/api/auth/auth.service.test.ts');
  });

  it('is the next test that imports the module without mocking it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'tpl', private: true, devDependencies: { jest: '29.0.0' } }),
      'src/lib/db.ts': 'export const db = 1;\n',
      'src/app.test.ts': "import { db } from './lib/db';\njest.mock('./lib/db');\nit('x', () => db);\n",
      'src/other.test.ts': "import { db } from './lib/db';\nit('x', () => db);\n",
    });
    const finder = new TestFinder(await indexOf(root), []);
    expect(finder.testOf('src/lib/db.ts')).toBe('src/other.test.ts');
  });
});

describe('a folder named test in a package nothing tests', () => {
  it('holds tests only when its files use a test API: an API module called "test" is code, a mocha-style folder is tests', async () => {
    // The shape of nextjs-nestjs-turborepo-template: @repo/api-contracts has modules/test/*.ts (the oRPC contracts of
    // the API's "test" module), no runner and no test script; the root Vitest config's defaults would not run them.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'r', private: true, workspaces: ['packages/*'], scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } }),
      'vitest.config.mts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { projects: ['packages/**/vitest.config.mts'] } });\n",
      'packages/contracts/package.json': JSON.stringify({ name: '@r/contracts', private: true, scripts: { build: 'tsc' } }),
      'packages/contracts/modules/test/authenticated.ts': "import { route } from './route';\nexport const testAuthenticatedContract = route({ method: 'GET', path: '/test/auth' });\n",
      'packages/contracts/modules/test/crud.ts': "export const crud = { test: (x: RegExp) => x.test('a') };\n",
      'packages/contracts/modules/test/route.ts': 'export const route = (r: object) => r;\n',
      'packages/legacy/package.json': JSON.stringify({ name: '@r/legacy', private: true }),
      'packages/legacy/test/parse.js': "describe('parse', () => {\n  it('parses', () => {});\n});\n",
      'packages/tapped/package.json': JSON.stringify({ name: '@r/tapped', private: true }),
      'packages/tapped/test/run.js': "const t = require('tap');\nt.test('runs', (t) => t.end());\n",
      'packages/mocha/package.json': JSON.stringify({ name: '@r/mocha', private: true, scripts: { test: 'mocha --recursive' }, devDependencies: { mocha: '^10.0.0' } }),
      'packages/mocha/test/plain.js': 'require("assert").ok(true);\n',
    });
    const facts = (await detect(testingDetector, root)).map((f) => f.data as TestSetupData);
    const of = (name: string) => facts.find((f) => f.package === name);
    expect(of('@r/contracts')).toBeUndefined();
    expect(of('@r/legacy')).toMatchObject({ testFileCount: 1, sample: 'packages/legacy/test/parse.js' });
    expect(of('@r/tapped')).toMatchObject({ testFileCount: 1 });
    expect(of('@r/mocha')).toMatchObject({ testFileCount: 1, sample: 'packages/mocha/test/plain.js' });
  });
});

describe('which files a Vitest config runs: test.include only', () => {
  const config = [
    "import { defineConfig } from 'vitest/config';",
    'export default defineConfig({',
    "  optimizeDeps: { include: ['lodash'] },",
    '  test: {',
    "    coverage: { provider: 'v8', include: ['src/**/*.ts'], exclude: ['src/**/*.test.ts'] },",
    '  },',
    '});',
  ].join('\n');

  it('coverage.include (every source file) makes no source file a test, nor the "run one file" example', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'caps', private: true, scripts: { test: 'vitest run' }, devDependencies: { vitest: '^3.0.0' } }),
      'vitest.config.ts': config,
      'src/developer-platform/api-token-registry.ts': 'export const registry = 1;\n',
      'src/developer-platform/webhook-url.test.ts': "import { it } from 'vitest';\nit('parses', () => {});\n",
      'src/index.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
      'src/test/layers.ts': 'export const layers = [];\n',
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    expect(setup.testFileCount).toBe(2);
    expect(setup.sample).toMatch(/\.test\.ts$/);
  });

  it('reads test.include itself, not a nested or neighbouring include; a root config with coverage.include only covers everything', async () => {
    expect(testBlockArray(config, 'include')).toBeUndefined();
    const stated = "export default { test: { coverage: { include: ['x/**'] }, include: ['src/**/*.{test,spec}.[jt]s'] } };\n";
    expect(testBlockArray(stated, 'include')?.trim()).toBe("'src/**/*.{test,spec}.[jt]s'");
    const index = await buildIndex(tempRepo({ 'package.json': JSON.stringify({ name: 'r', private: true, workspaces: ['packages/*'] }), 'vitest.config.ts': config, 'packages/a/package.json': JSON.stringify({ name: '@r/a' }) }));
    expect(rootRunnerOf(index, 'packages/a')).toMatchObject({ framework: 'Vitest', covers: [''] });
  });
});
