import { describe, expect, it } from 'vitest';
import { isDotenvFile, isExampleDotenv } from '../src/detectors/env/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// A build that copies `./env/.env-mx` into `.env`, with `env/env-sample.txt` as the documented sample.
describe('dotenv samples named beyond .env*', () => {
  it('takes env-sample.txt, api.env.example and .env-mx for dotenv only when their lines are dotenv lines', () => {
    const dotenv = () => 'APP_URL=https://x.example\nCOUNTRY_SCOPE=mx\n';
    const prose = () => 'Copy this file and fill in the values.\n';
    expect(['env/env-sample.txt', 'api.env.example', 'env/.env-mx'].map((f) => isDotenvFile(f, dotenv))).toEqual([true, true, true]);
    expect(['env/env-sample.txt', 'api.env.example', 'env/.env-mx'].map((f) => isDotenvFile(f, prose))).toEqual([false, false, false]);
    expect(isDotenvFile('docs/notes.txt', dotenv)).toBe(false);
    expect([isExampleDotenv('env/env-sample.txt'), isExampleDotenv('env/.env-mx')]).toEqual([true, false]);
  });

  it('does not call a variable assigned in env/env-sample.txt "set nowhere"', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, scripts: { 'build-mx': 'cp ./env/.env-mx .env && node build.js' } }),
      'build.js': 'console.log(process.env.COUNTRY_SCOPE, process.env.COLOR_PRIMARY);\n',
      'env/env-sample.txt': 'COUNTRY_SCOPE=mx\nCOLOR_PRIMARY=#000\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`/env/env-sample.txt:1`');
    expect(md).not.toContain('set nowhere');
  });
});
