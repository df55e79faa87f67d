/**
 * A README's fenced `.env` block (`PAGINATION_LIMIT = 8`) is where users are told to set a variable: it is not "set
 * nowhere", and the map says "documented in README" (the name and line, never the value). Prose naming a variable is
 * no such instruction.
 */
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';
import { section } from './helpers/fixture.js';

const repo = (devDependencies: Record<string, string> = {}) =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'shop', private: true, scripts: { start: 'node backend/server.js', server: 'nodemon backend/server.js' }, dependencies: { express: '^4.18.2' }, devDependencies: { nodemon: '^2.0.21', ...devDependencies } }),
    'readme.md': ['# Shop', '', 'Create a `.env` file with:', '', '```', 'PAGINATION_LIMIT = 8', 'SHOP_SECRET=abc123', 'NODE_ENV = development', '```', '', 'You may also set PROSE_ONLY_VAR.', ''].join('\n'),
    'backend/server.js': [
      "const express = require('express');",
      'const app = express();',
      'const limit = process.env.PAGINATION_LIMIT;',
      'const secret = process.env.SHOP_SECRET;',
      'const prose = process.env.PROSE_ONLY_VAR;',
      'app.listen(3000, () => console.log(limit, secret, prose));',
      "if (process.env.NODE_ENV === 'production') app.use(express.static('frontend/build'));",
      'console.log(`mode ${process.env.NODE_ENV}`);',
      '',
    ].join('\n'),
  });

describe('variables documented in a README code block', () => {
  it('are not "set nowhere" and are shown as documented, without their values', async () => {
    const root = repo();
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`PAGINATION_LIMIT` — read without a fallback in `/backend/server.js:3` — not set in the repository; documented in README `/readme.md:6`');
    expect(step9).not.toMatch(/`PAGINATION_LIMIT`[^\n]*set nowhere/);
    expect(step9).toMatch(/`PROSE_ONLY_VAR`[^\n]*\*\*set nowhere in the repository\*\*/);
    // The comparison on line 7 copes with unset; the template on line 8 does not: that is the line cited.
    expect(step9).toContain('`NODE_ENV` — read without a fallback in `/backend/server.js:8` — not set in the repository; documented in README `/readme.md:8`');
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toMatch(/\| `SHOP_SECRET` \| `\/backend\/server\.js:4` \| documented in README `\/readme\.md:7` \|/);
    for (const md of [step8, step9]) expect(md).not.toContain('abc123');
  });

  it('NODE_ENV is set by the tooling only where a framework, bundler, test runner or script sets it', async () => {
    const tooling = 'set by the tooling (frameworks, bundlers, test runners) or the start script';
    const plain = (await section(configurationStep, repo())).markdown;
    expect(plain).toMatch(/\| `NODE_ENV` \| `\/backend\/server\.js:7` \| documented in README `\/readme\.md:8` \|/);
    expect(plain).not.toContain(tooling);
    const withJest = (await section(configurationStep, repo({ jest: '^29.0.0' }))).markdown;
    expect(withJest).toContain(`| \`NODE_ENV\` | \`/backend/server.js:7\` | ${tooling} |`);
  });
});

describe('variables a deploy guide sets in a docker run command', () => {
  it('are not "set nowhere": `--env NAME=…` and `-e NAME=…` in a fenced block of any Markdown file count, without their values', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { start: 'node src/server.js' }, dependencies: { express: '^4.18.2' } }),
      'deploy/README.md': [
        '# Deploy',
        '',
        '```bash',
        'docker run -p 8080:8080 \\',
        '  --env DATABASE_URL="postgresql://postgres:hunter2@db:5432/app" \\',
        '  -e CLIENT_URL=http://localhost:8080 --env=SESSION_KEY=s3cr3t starter-app',
        '```',
        '',
        'Set NOT_IN_A_BLOCK with `--env` too.',
        '',
      ].join('\n'),
      'src/server.js': [
        'const db = process.env.DATABASE_URL;',
        'const client = process.env.CLIENT_URL;',
        'const key = process.env.SESSION_KEY;',
        'const prose = process.env.NOT_IN_A_BLOCK;',
        'module.exports = { db, client, key, prose };',
        '',
      ].join('\n'),
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`DATABASE_URL` — read without a fallback in `/src/server.js:1` — not set in the repository; documented in README `/deploy/README.md:5`');
    expect(step9).toContain('`CLIENT_URL` — read without a fallback in `/src/server.js:2` — not set in the repository; documented in README `/deploy/README.md:6`');
    expect(step9).toContain('`SESSION_KEY` — read without a fallback in `/src/server.js:3` — not set in the repository; documented in README `/deploy/README.md:6`');
    expect(step9).toMatch(/`NOT_IN_A_BLOCK`[^\n]*\*\*set nowhere in the repository\*\*/);
    const step8 = (await section(configurationStep, root)).markdown;
    for (const md of [step8, step9]) for (const value of ['hunter2', 's3cr3t', 'localhost:8080']) expect(md).not.toContain(value);
  });
});

describe('the "Add an environment variable" recipe', () => {
  it('counts every file that reads a variable, one reading only NODE_ENV included', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { start: 'node src/server.js', test: 'jest' }, dependencies: { express: '^4.18.2' }, devDependencies: { jest: '^29.0.0' } }),
      'src/server.js': "const port = process.env.API_PORT;\nmodule.exports = port;\n",
      'src/db.js': "const url = process.env.MONGO_URI;\nmodule.exports = url;\n",
      'src/errors.js': "const stack = process.env.NODE_ENV === 'production' ? null : 'stack';\nmodule.exports = stack;\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('3 production files read variables directly');
  });

  it('leaves every test file out of the count, a test-runner config at the root as much as a spec under tests/', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, devDependencies: { '@playwright/test': '^1.40.0' } }),
      'playwright.config.ts': "export default { forbidOnly: !!process.env.CI, retries: process.env.CI ? 2 : 0 };\n",
      'tests/realtime.spec.ts': "const url = process.env.SST_DEV_URL ?? 'http://localhost:5173';\nexport default url;\n",
      'src/lib/repo.ts': 'export const base = import.meta.env.VITE_SNAPSHOT_URL;\n',
      'src/mqtt.ts': 'export const endpoint = import.meta.env.VITE_REALTIME_ENDPOINT;\n',
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('2 production files read variables directly');
  });
});
