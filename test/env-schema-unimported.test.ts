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
    // The schema never runs and the one read has a fallback: the variable is in neither list (round 24 recheck).
    expect(step9).not.toContain('`PUBLIC_SERVER_URL` —');
  });

  it('names the unimported schema beside a read that has no fallback', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/env/package.json': JSON.stringify({ name: '@my/env', exports: { './web': './src/web.ts' }, dependencies: { '@t3-oss/env-core': '^0.13.0', zod: '^4.0.0' } }),
      'packages/env/src/web.ts': WEB_ENV,
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@my/env': '*' } }),
      'apps/web/src/server-url.ts': 'export const serverUrl = () => process.env.PUBLIC_SERVER_URL;\n',
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain(
      '`PUBLIC_SERVER_URL` — read without a fallback in `/apps/web/src/server-url.ts:1`; declared required in the schema `/packages/env/src/web.ts:6`, whose module no code imports',
    );
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

describe('a read of a schema\'s parsed output', () => {
  it('makes no "without a fallback" claim for `env.X` when `env` is typed `z.infer<typeof schema>` and the schema declares X', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mail-worker', dependencies: { zod: '^4.0.0' }, devDependencies: { wrangler: '^4.0.0' } }),
      'wrangler.toml': 'name = "mail-worker"\nmain = "src/index.ts"\n',
      'src/env.ts': [
        "import { z } from 'zod';",
        'const workerEnvSchema = z.object({',
        '  MAIL_ALLOWED: z.string().default(""),',
        '  MAIL_SECRET: z.string().min(1),',
        '});',
        'export type WorkerEnv = z.infer<typeof workerEnvSchema>;',
        'export const parseWorkerEnv = (env: unknown): WorkerEnv => workerEnvSchema.parse(env);',
        '',
      ].join('\n'),
      'src/index.ts': [
        "import { parseWorkerEnv, type WorkerEnv } from './env';",
        'export default {',
        '  async email(message: unknown, rawEnv: unknown) {',
        '    const env = parseWorkerEnv(rawEnv);',
        '    return forward(env);',
        '  },',
        '};',
        'function forward(env: WorkerEnv) {',
        '  return [env.MAIL_SECRET, env.MAIL_ALLOWED, env.MAIL_OTHER];',
        '}',
        '',
      ].join('\n'),
    });
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`MAIL_SECRET` — read without a fallback/);
    expect(step9).not.toMatch(/`MAIL_ALLOWED` — read without a fallback/);
    // Not a key of the schema: zod drops it, so the read still gets undefined.
    expect(step9).toMatch(/`MAIL_OTHER` — read without a fallback in `\/src\/index\.ts:9`/);
  });
});
