/**
 * An exported env object validated by a schema (`export const env = createEnv(…)`) that no code imports: nothing runs the
 * schema, so "required: startup fails" is not what the code shows (turborepo-starter's `@my-app/env/web`).
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const WEB_ENV = [
  "import { createEnv } from '@t3-oss/env-core';",
  "import { z } from 'zod';",
  'export const env = createEnv({',
  "  clientPrefix: 'PUBLIC_',",
  '  client: {',
  '    PUBLIC_SERVER_URL: z.string().min(1),',
  '  },',
  '  runtimeEnv: process.env,',
  '});',
  '',
].join('\n');

describe('an env schema no code imports', () => {
  it('is declared required, not "startup fails", when nothing imports its module', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/env/package.json': JSON.stringify({ name: '@my/env', exports: { './web': './src/web.ts' }, dependencies: { '@t3-oss/env-core': '^0.13.0', zod: '^4.0.0' } }),
      'packages/env/src/web.ts': WEB_ENV,
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@my/env': '*' } }),
      'apps/web/src/server-url.ts': "export const serverUrl = () => process.env.PUBLIC_SERVER_URL ?? 'http://localhost:3000';\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toContain('`PUBLIC_SERVER_URL` — required');
    expect(step9).toContain('`PUBLIC_SERVER_URL` — declared required in the schema `/packages/env/src/web.ts:6`, whose module no code imports');
  });

  it('still says "startup fails" when application code imports it by its package path', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/env/package.json': JSON.stringify({ name: '@my/env', exports: { './web': './src/web.ts' }, dependencies: { '@t3-oss/env-core': '^0.13.0', zod: '^4.0.0' } }),
      'packages/env/src/web.ts': WEB_ENV,
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@my/env': '*' } }),
      'apps/web/src/server-url.ts': "import { env } from '@my/env/web';\nexport const serverUrl = () => env.PUBLIC_SERVER_URL;\n",
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`PUBLIC_SERVER_URL` — required: startup fails if unset (schema `/packages/env/src/web.ts:6`)');
  });
});
