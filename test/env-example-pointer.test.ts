/**
 * Step 9's "(names are listed in step 8)" after the env files to copy: step 8 gives up the tables of example, test
 * and tooling packages first, so the pointer is kept only for the product's files (r25, fullstack-template, whose every
 * package sits under examples/ and whose step 8 named them all on one "Left out here" line).
 */
import { describe, expect, it } from 'vitest';
import { tempRepo } from './helpers/temp-repo.js';
import { section } from './helpers/fixture.js';
import { workflowsStep } from '../src/steps/09-workflows.js';

const pkg = (name: string) => JSON.stringify({ name, private: true, scripts: { start: 'node app.js' } });

describe('the pointer from the env files to step 8', () => {
  it('is kept for the product package', async () => {
    const root = tempRepo({
      'package.json': pkg('app'),
      'package-lock.json': '{}',
      '.env.example': 'SESSION_SECRET=\n',
      'app.js': 'console.log(process.env.SESSION_SECRET);\n',
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('copy `/.env.example` → `.env` and fill in values (names are listed in step 8).');
  });

  it('is left out when the files belong to example packages, whose tables step 8 leaves out first', async () => {
    const root = tempRepo({
      'examples/a/package.json': pkg('a'),
      'examples/a/package-lock.json': '{}',
      'examples/a/env.example': 'SESSION_SECRET=\n',
      'examples/a/app.js': 'console.log(process.env.SESSION_SECRET);\n',
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`/examples/a/env.example` → `examples/a/.env` and fill in values.');
    expect(step9).not.toContain('names are listed in step 8');
  });
});
