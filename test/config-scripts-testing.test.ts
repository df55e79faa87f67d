import { describe, expect, it } from 'vitest';
import { configFilesDetector, type ConfigFileData } from '../src/detectors/config-files/index.js';
import { scriptsDetector, type PackageManagerData, type ScriptData, type WorkspaceDepData } from '../src/detectors/scripts/index.js';
import { testingDetector, type TestSetupData } from '../src/detectors/testing/index.js';
import { troubleshootingDetector, type TroubleshootingData } from '../src/detectors/troubleshooting/index.js';
import { detect, section } from './helpers/fixture.js';
import { folderOf, rootRunnerOf } from '../src/detectors/testing/root-runner.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';
import { workflowsStep } from '../src/steps/09-workflows.js';

describe('config-files detector', () => {
  it('says what each config file configures, reading JSONC, JS/TS configs and workspace files without running them', async () => {
    const configs = new Map((await detect(configFilesDetector, 'cfg-env')).map((f) => [f.id, f.data as ConfigFileData]));
    expect([...configs.keys()].sort()).toEqual([
      '.eslintrc.json', '.nvmrc', '.prettierrc.json', 'apps/api/tsconfig.json', 'apps/site/astro.config.mjs', 'apps/web/jest.config.js',
      'apps/web/next.config.mjs', 'packages/ui/vite.config.ts', 'pnpm-workspace.yaml', 'tsconfig.json', 'turbo.json',
    ]);
    expect(configs.get('tsconfig.json')!.items).toEqual(['target ES2022, module NodeNext', 'strict', 'path aliases @acme/ui', 'references ./apps/api']);
    expect(configs.get('packages/ui/vite.config.ts')).toMatchObject({ tool: 'Vite', devPort: 6006, items: ['plugins: react', 'dev server port 6006', 'dev proxy /api', 'build.outDir lib', 'test environment happy-dom'] });
    expect(configs.get('apps/site/astro.config.mjs')).toMatchObject({ devPort: 4000, items: ['integrations: sitemap', 'site https://acme.example', 'dev server port 4000'] });
    expect(configs.get('apps/web/next.config.mjs')!.items).toEqual(['output standalone', 'sets reactStrictMode, env']);
    expect(configs.get('turbo.json')).toMatchObject({ tool: 'Turborepo', items: ['tasks build, dev, test'] });
    expect(configs.get('.nvmrc')!.items).toEqual(['Node 20.11.0']);
    expect(configs.get('.prettierrc.json')!.items).toEqual(['semi: false', 'singleQuote: true', 'printWidth: 120']);
  });
});

describe('scripts detector', () => {
  it('lists every script with its line, the package manager and the links between workspaces', async () => {
    const facts = await detect(scriptsDetector, 'cfg-env');
    const scripts = facts.filter((f) => f.kind === 'scripts.script').map((f) => f.data as ScriptData);
    expect(scripts).toHaveLength(16);
    expect(scripts.find((s) => s.package === '@acme/web' && s.name === 'dev')).toEqual({
      package: '@acme/web', dir: 'apps/web', manifest: 'apps/web/package.json', name: 'dev', command: 'next dev -p 3001', line: 5,
    });
    const pm = facts.find((f) => f.kind === 'scripts.packageManager')!.data as PackageManagerData;
    expect(pm).toEqual({ tool: 'pnpm', lockfile: 'pnpm-lock.yaml', declared: 'pnpm@9.1.0', install: 'pnpm install --frozen-lockfile' });
    const deps = facts.filter((f) => f.kind === 'scripts.workspaceDep').map((f) => f.data as WorkspaceDepData);
    expect(deps.map((d) => `${d.from}->${d.to}`)).toEqual(['@acme/api->@acme/ui', '@acme/web->@acme/ui']);
  });

  it('falls back to npm without a lockfile field and to npm ci with package-lock.json', async () => {
    const pm = (await detect(scriptsDetector, 'cfg-ci')).find((f) => f.kind === 'scripts.packageManager')!.data as PackageManagerData;
    expect(pm).toMatchObject({ tool: 'npm', lockfile: 'package-lock.json', install: 'npm ci' });
  });
});

describe('testing detector', () => {
  it('finds frameworks, config files (a Vite config with test: counts) and where tests live, per package', async () => {
    const setups = new Map((await detect(testingDetector, 'cfg-env')).map((f) => [f.id, f.data as TestSetupData]));
    expect(setups.get('@acme/api')).toMatchObject({ frameworks: ['Vitest'], testFileCount: 1, locations: [{ dir: 'apps/api/src', count: 1, colocated: true }], script: 'vitest run' });
    expect(setups.get('@acme/web')).toMatchObject({ frameworks: ['Jest'], configFiles: ['apps/web/jest.config.js'], sample: 'apps/web/src/app/page.test.tsx' });
    expect(setups.get('@acme/ui')).toMatchObject({ configFiles: ['packages/ui/vite.config.ts'], locations: [{ dir: 'packages/ui/src/__tests__', count: 1, colocated: false }] });
    expect(setups.has('@acme/site')).toBe(false);
  });

  it('knows tests the root Jest config runs, Playwright\'s testDir, and helpers in a test folder', async () => {
    const setups = new Map((await detect(testingDetector, 'test-root-runner')).map((f) => [f.id, f.data as TestSetupData]));
    // `projects: ['<rootDir>/packages/*']` runs packages/api's tests; its own `test` script is npm's placeholder.
    expect(setups.get('@fx/api')).toMatchObject({
      frameworks: ['Jest'],
      testFileCount: 1,
      sample: 'packages/api/test/sum.test.ts',
      runBy: { package: 'fx-mono', framework: 'Jest', config: 'jest.config.js', script: 'jest' },
    });
    expect(setups.get('@fx/api')!.script).toBeUndefined();
    // apps/ is outside the projects: no runner, and none is made up.
    expect(setups.get('@fx/admin')!.runBy).toBeUndefined();
    expect(setups.get('@fx/admin')!.frameworks).toEqual([]);
    // Playwright's `testDir: './integration'`: its spec is Playwright's, and "run one file" picks the Vitest test.
    expect(setups.get('@fx/web')).toMatchObject({ frameworks: ['Vitest', 'Playwright'], sample: 'apps/web/src/title.test.ts' });
    expect(setups.get('@fx/web')!.locations).toContainEqual({ dir: 'apps/web/integration', count: 1, colocated: false, runner: 'Playwright' });
    const md = (await section(workflowsStep, 'test-root-runner')).markdown;
    expect(md).toContain('| @fx/api | Jest | `/jest.config.js` (root) | `/packages/api/test` (1) | `npm test` at the root | `npm test -- packages/api/test/sum.test.ts` |');
  });

  it('counts test-folder files by the unit runner\'s include globs, and picks the example from the files that runner runs', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { test: 'vitest run', 'cypress-run': 'cypress run' }, devDependencies: { vitest: '^3.0.0', cypress: '^13.0.0' } }),
      'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({\n  test: {\n    include: ['src/**/*.test.{ts,tsx}'],\n    setupFiles: ['./src/test/setup.ts'],\n  },\n});\n",
      'cypress.config.ts': "import { defineConfig } from 'cypress';\nexport default defineConfig({ e2e: { baseUrl: 'http://localhost:3000' } });\n",
      'cypress/e2e/api-team.cy.ts': "describe('team', () => { it('lists', () => cy.visit('/')); });\n",
      'src/test/render.tsx': 'export const render = () => null;\n',
      'src/test/navigation.ts': 'export const go = () => null;\n',
      'src/lib/format.test.ts': "import { it } from 'vitest';\nit('formats', () => {});\n",
    });
    const setup = (await detect(testingDetector, root))[0].data as TestSetupData;
    // src/test holds helpers only: Vitest runs `src/**/*.test.{ts,tsx}`.
    expect(setup.locations).toEqual([
      { dir: 'cypress', count: 1, colocated: false, runner: 'Cypress', within: 'cypress/e2e' },
      { dir: 'src', count: 1, colocated: true },
    ]);
    expect(setup.sample).toBe('src/lib/format.test.ts');
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`npm test -- src/lib/format.test.ts`');
    expect(md).not.toContain('cypress/e2e/api-team.cy.ts`');
  });

  it('reads which folders a root Jest or Vitest config covers, without running it', async () => {
    expect(folderOf('<rootDir>/packages/*')).toBe('packages/*');
    expect(folderOf('<rootDir>/packages/*/src/**/*.test.ts')).toBe('packages/*/src');
    expect(folderOf('**/*.spec.ts')).toBe('');
    expect(folderOf('packages/a/jest.config.js')).toBe('packages/a');
    const jsonConfig = await buildIndex(tempRepo({
      'package.json': JSON.stringify({ name: 'r', private: true, workspaces: ['packages/*'] }),
      'jest.config.json': JSON.stringify({ preset: 'ts-jest', moduleNameMapper: { '^@r/(.*)$': '<rootDir>/packages/$1/src' } }),
      'packages/a/package.json': JSON.stringify({ name: '@r/a' }),
    }));
    expect(rootRunnerOf(jsonConfig, 'packages/a')).toMatchObject({ framework: 'Jest', config: 'jest.config.json', covers: [''] });
    const rootsOnly = await buildIndex(tempRepo({
      'package.json': JSON.stringify({ name: 'r', private: true, jest: { roots: ['<rootDir>/src'] } }),
      'packages/a/package.json': JSON.stringify({ name: '@r/a' }),
    }));
    expect(rootRunnerOf(rootsOnly, 'packages/a')).toBeUndefined();
    expect(rootRunnerOf(rootsOnly, 'src')).toMatchObject({ config: 'package.json' });
    const vitest = await buildIndex(tempRepo({
      'package.json': JSON.stringify({ name: 'r', private: true }),
      'vitest.config.ts': "export default defineConfig({ test: { projects: ['packages/*', 'apps/web'] } });",
    }));
    expect(rootRunnerOf(vitest, 'packages/b')?.framework).toBe('Vitest');
    expect(rootRunnerOf(vitest, 'apps/docs')).toBeUndefined();
    // Jest projects written as objects: their paths count, not their display names or presets.
    const objects = await buildIndex(tempRepo({
      'package.json': JSON.stringify({ name: 'r', private: true }),
      'jest.config.js': "module.exports = { projects: [{ displayName: 'api', preset: 'ts-jest', testMatch: ['<rootDir>/services/api/**/*.test.ts'] }] };",
    }));
    expect(rootRunnerOf(objects, 'services/api')?.covers).toEqual(['services/api']);
    expect(rootRunnerOf(objects, 'api')).toBeUndefined();
  });
});

describe('troubleshooting detector', () => {
  it('quotes the questions of FAQ and Troubleshooting sections with their lines', async () => {
    const docs = (await detect(troubleshootingDetector, 'cfg-env')).map((f) => f.data as TroubleshootingData);
    expect(docs.map((d) => [d.heading, d.line, d.entries.map((e) => [e.text, e.line])])).toEqual([
      ['FAQ', 3, [['Why does pnpm dev fail with EADDRINUSE?', 5], ['Does the API need Redis locally?', 8]]],
      ['Troubleshooting', 10, [["Error: Cannot find module '@acme/ui'", 12], ['Why are my env vars undefined in the browser?', 13]]],
    ]);
  });

  it('cites each question of a numbered FAQ list at its own line, not the list\'s first', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'kit', private: true }),
      'docs/faq.md': [
        '# Frequently Asked questions',
        '',
        '1. Is JSDoc mandatory?',
        '',
        '   - No, it is optional.',
        '',
        '2. How is it recommended to start the project?',
        '',
        '   - Database in docker, server locally.',
        '',
      ].join('\n'),
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    expect(docs.flatMap((d) => d.entries.map((e) => [e.text, e.line]))).toEqual([['Is JSDoc mandatory?', 3], ['How is it recommended to start the project?', 7]]);
  });

  it("AGENTS.md's and CLAUDE.md's Troubleshooting sections count: step 9 never says the docs have none", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true }),
      'AGENTS.md': ['# Agents guide', '', '## Commands', '', 'Run `npm run dev`.', '', '## Troubleshooting', '', '### Build Failures', '', 'Clear the cache.', ''].join('\n'),
      'CLAUDE.md': ['# Claude', '', '## FAQ', '', 'Why is the dev server slow?', ''].join('\n'),
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    expect(docs.map((d) => [d.file, d.heading, d.line, d.entries.map((e) => [e.text, e.line])])).toEqual([
      ['AGENTS.md', 'Troubleshooting', 7, [['Build Failures', 9]]],
      ['CLAUDE.md', 'FAQ', 3, [['Why is the dev server slow?', 5]]],
    ]);
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('no troubleshooting or FAQ section');
    expect(md).toContain('**Troubleshooting** — `/AGENTS.md:7`');
  });

  it('a "**Troubleshooting**" item of a setup list, with the problems nested under it, is a troubleshooting section', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'zero', private: true }),
      'README.md': [
        '# Zero',
        '',
        '## Setup',
        '',
        '1. **Install**',
        '   - run `bun install`',
        '',
        '2. **Troubleshooting**',
        '   - If the container fails, rebuild it',
        '   - **Schema Errors**: check your schema files',
        '',
      ].join('\n'),
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    expect(docs.map((d) => [d.file, d.heading, d.line, d.entries.map((e) => e.text)])).toEqual([
      ['README.md', 'Troubleshooting', 8, ['If the container fails, rebuild it', 'Schema Errors: check your schema files']],
    ]);
  });
});


describe('troubleshooting pages in a docs site', () => {
  it('a numbered page in a nested docs folder, titled only in its front matter, is a troubleshooting section', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'papra', private: true }),
      'apps/docs/src/content/docs/04-resources/01-troubleshooting.mdx': '---\ntitle: Troubleshooting\ndescription: Fixes\n---\n\n## Documents fail to upload\n\nCheck the size limit.\n\n## Why is OCR slow?\n\nIt runs locally.\n',
    });
    const docs = (await detect(troubleshootingDetector, root)).map((f) => f.data as TroubleshootingData);
    expect(docs.map((d) => [d.file, d.heading, d.entries.map((e) => e.text)])).toEqual([
      ['apps/docs/src/content/docs/04-resources/01-troubleshooting.mdx', 'Troubleshooting', ['Documents fail to upload', 'Why is OCR slow?']],
    ]);
  });
});

describe('tests in other languages', () => {
  it('a Python test folder keeps step 9 from saying there are no tests', async () => {
    const root = tempRepo({
      'frontend/package.json': JSON.stringify({ name: 'web', private: true, dependencies: { vue: '^2.6.0' } }),
      'backend/cart/tests/test_cart.py': 'def test_add():\n    assert True\n',
      'backend/cart/add.py': 'def handler(event, context):\n    return {}\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No tests or test framework found');
    expect(md).toContain('Test files exist outside the test setups this step maps:\n\n- test file — `/backend/cart/tests/test_cart.py`');
  });
});

describe('dotenv files a script writes', () => {
  it('set the variables it names or builds from a prefix, so none reads "set nowhere"', async () => {
    const root = tempRepo({
      'frontend/package.json': JSON.stringify({ name: 'web', private: true, scripts: { fetchConfig: 'node scripts/fetchconfig.js' }, dependencies: { vue: '^2.6.0' } }),
      'frontend/scripts/fetchconfig.js': [
        "var fs = require('fs');",
        'var output = [];',
        'for (const p of params) output.push("VUE_APP_" + p.name + \'=\' + p.value);',
        'output.push("VUE_APP_AWS_REGION=" + region);',
        "fs.writeFileSync('.env', output.join('\\n'));",
      ].join('\n'),
      'frontend/src/config.js': 'export default { region: process.env.VUE_APP_AWS_REGION, api: process.env.VUE_APP_CART_API_URL, other: process.env.OTHER_URL };\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toMatch(/VUE_APP_AWS_REGION[^\n]*set nowhere/);
    expect(md).not.toMatch(/VUE_APP_CART_API_URL[^\n]*set nowhere/);
    expect(md).toContain('`VUE_APP_CART_API_URL` — read without a fallback in `/frontend/src/config.js:1` — the code sets variables by a computed name at `/frontend/scripts/fetchconfig.js:3`, which may include it');
    expect(md).toMatch(/OTHER_URL[^\n]*set nowhere/);
  });
});

describe('hosting platform config', () => {
  it('a vercel.json keeps step 9 from saying nothing deploys the app', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'chat', private: true, scripts: { dev: 'next dev', build: 'next build' }, dependencies: { next: '^15.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } }),
      'vercel.json': JSON.stringify({ framework: 'nextjs' }),
      'app/page.tsx': 'export default function Page() { return null; }\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No deploy scripts, deploy targets');
    expect(md).toContain('No deploy script or workflow is mapped, but these deploy it:\n\n- Vercel project config — `/vercel.json`');
  });
});

describe('test configs that are not config files', () => {
  it('Jest\'s "jest" key in package.json and a config a test script names are the Config', async () => {
    const root = tempRepo({
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
    const setups = (await detect(testingDetector, root)).map((f) => f.data as TestSetupData);
    expect(setups[0].configFiles).toEqual(['package.json', 'test/jest-e2e.json']);
  });
});

describe('dotenv text a program writes from a multi-line template', () => {
  it('sets each NAME= line', async () => {
    const { writtenDotenv } = await import('../src/detectors/env/sets-written.js');
    const source = "import fs from 'fs';\nlet content = `\n# Auth\nAUTH_SECRET=\"\"\nGITHUB_CLIENT_ID=\"\"\n`;\nfs.writeFileSync('.env', content);\n";
    expect(writtenDotenv('cli/env.ts', source).sets.map((s) => `${s.name}:${s.line}`)).toEqual(['AUTH_SECRET:4', 'GITHUB_CLIENT_ID:5']);
  });
});

describe('test scripts not named test', () => {
  it('test-unit is what runs the tests, and test-e2e is named too', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { 'test-unit': 'vitest', 'test-e2e': 'playwright test' }, devDependencies: { vitest: '^1.0.0' } }),
      'package-lock.json': '{}',
      'src/post.test.ts': "import { it } from 'vitest';\nit('works', () => {});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`npm run test-unit`; also `npm run test-e2e`');
    expect(md).toContain('`npm run test-unit -- src/post.test.ts`');
  });

  it('a production compose file or a pm2 ecosystem file keeps step 9 from saying nothing deploys the app', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { start: 'pm2 start ecosystem.config.json --no-daemon', dev: 'nodemon src/index.js' } }),
      'ecosystem.config.json': JSON.stringify({ apps: [{ name: 'app', script: 'src/index.js' }] }),
      'docker-compose.yml': 'services:\n  app:\n    build: .\n',
      'docker-compose.prod.yml': 'services:\n  app:\n    command: yarn start\n',
      'src/index.js': 'module.exports = {};\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No deploy scripts, deploy targets');
    expect(md).toContain('- production compose file — `/docker-compose.prod.yml`');
    expect(md).toContain('- pm2 process file (production start) — `/ecosystem.config.json`');
  });
});
