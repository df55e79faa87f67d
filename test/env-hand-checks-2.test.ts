/**
 * Env facts hand checks on real repositories found wrong (second round): `@fastify/env` schemas, computed reads over
 * the keys of a same-file object, class-validator env classes, secret names, files a package script preloads with
 * `--import`, and reads guarded by a truthiness check of the same variable.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { configurationStep as configStep } from '../src/steps/08-configuration.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe('@fastify/env', () => {
  const schemaFile = [
    "import env from '@fastify/env'",
    'const schema = {',
    "  type: 'object',",
    "  required: ['MYSQL_HOST', 'COOKIE_SECRET'],",
    '  properties: {',
    "    MYSQL_HOST: { type: 'string', default: 'localhost' },",
    "    COOKIE_SECRET: { type: 'string' },",
    "    RATE_LIMIT_MAX: { type: 'number', default: 100 },",
    "    UPLOAD_DIRNAME: { type: 'string' }",
    '  }',
    '}',
    'export const autoConfig = { confKey: \'config\', schema, dotenv: true, data: process.env }',
    'export default env',
    '',
  ].join('\n');

  it('reads each schema property at its key: required, a default, or optional', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { fastify: '^5.0.0', '@fastify/env': '^5.0.0' } }),
      'src/plugins/env.ts': schemaFile,
      'src/app.ts': "import Fastify from 'fastify'\nimport fastifyEnv from '@fastify/env'\nconst app = Fastify()\napp.register(fastifyEnv, { schema: { type: 'object', required: ['PORT'], properties: { PORT: { type: 'number' } } } })\nexport default app\n",
      '.env.example': 'COOKIE_SECRET=\nRATE_LIMIT_MAX=\n',
    });
    const env = (await modelOf(root)).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.via, r.hasFallback, r.required ?? null]);
    expect(read('MYSQL_HOST')).toEqual([['src/plugins/env.ts', 6, 'schema', true, null]]);
    expect(read('COOKIE_SECRET')).toEqual([['src/plugins/env.ts', 7, 'schema', false, 'schema']]);
    expect(read('RATE_LIMIT_MAX')).toEqual([['src/plugins/env.ts', 8, 'schema', true, null]]);
    expect(read('UPLOAD_DIRNAME')).toEqual([['src/plugins/env.ts', 9, 'schema', true, null]]);
    expect(read('PORT')).toEqual([['src/app.ts', 4, 'schema', false, 'schema']]);
    const step8 = (await section(configStep, root)).markdown;
    expect(step8).not.toMatch(/the env reader does not follow/);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`COOKIE_SECRET` — read without a fallback/);
  });
});

describe('a computed read over the entries of a same-file object', () => {
  it('reads the object\'s keys, with no unresolved read left', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/auth.config.ts': [
        'const PLACEHOLDER_SECRETS = {',
        "  AUTH_JWT_SECRET: 'secret',",
        "  AUTH_REFRESH_SECRET: 'secret_for_refresh',",
        '} as const;',
        'export function placeholders(): string[] {',
        '  return Object.entries(PLACEHOLDER_SECRETS)',
        '    .filter(([envVar, placeholder]) => process.env[envVar] === placeholder)',
        '    .map(([envVar]) => envVar);',
        '}',
        'export function loop(): void {',
        '  for (const [name] of Object.entries(PLACEHOLDER_SECRETS)) console.log(process.env[name]);',
        '}',
        'export function pairs(): void {',
        '  for (const pair of Object.entries(PLACEHOLDER_SECRETS)) console.log(process.env[pair as never]);',
        '}',
        '',
      ].join('\n'),
    });
    const model = await modelOf(root);
    const env = model.env();
    expect(env.get('AUTH_JWT_SECRET')?.reads.map((r) => [r.file, r.lines])).toEqual([['src/auth.config.ts', [7, 11]]]);
    expect(env.get('AUTH_REFRESH_SECRET')?.reads.map((r) => [r.file, r.lines])).toEqual([['src/auth.config.ts', [7, 11]]]);
    expect(env.get('placeholder')).toBeUndefined();
    // The entry itself (`pair`) is no name: that read stays unresolved.
    const step8 = (await section(configStep, root)).markdown;
    expect(step8).toMatch(/process\.env\[pair as never\]/);
    expect(step8).not.toMatch(/process\.env\[envVar\]|process\.env\[name\]/);
  });
});

describe('class-validator env classes', () => {
  it('a decorated key is required, @IsOptional is not, @ValidateIf is claimed neither way', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { '@nestjs/config': '^3.0.0', 'class-validator': '^0.14.0' } }),
      'src/utils/validate-config.ts': "import { plainToClass } from 'class-transformer';\nimport { validateSync } from 'class-validator';\nexport default function validateConfig(config: Record<string, unknown>, cls: any) {\n  const errors = validateSync(plainToClass(cls, config));\n  if (errors.length > 0) throw new Error(errors.toString());\n}\n",
      'src/app.config.ts': [
        "import { registerAs } from '@nestjs/config';",
        "import { IsOptional, IsString, ValidateIf, IsUrl } from 'class-validator';",
        "import validateConfig from './utils/validate-config';",
        'class EnvironmentVariablesValidator {',
        '  @IsString()',
        '  AUTH_JWT_SECRET: string;',
        '  @IsString()',
        '  @IsOptional()',
        '  APP_NAME: string;',
        "  @ValidateIf((envValues) => !envValues.DATABASE_URL)",
        '  @IsString()',
        '  DATABASE_HOST: string;',
        '}',
        "export default registerAs('app', () => {",
        '  validateConfig(process.env, EnvironmentVariablesValidator);',
        '  return { secret: process.env.AUTH_JWT_SECRET, name: process.env.APP_NAME, host: process.env.DATABASE_HOST };',
        '});',
        '',
      ].join('\n'),
      '.env.example': 'AUTH_JWT_SECRET=\nAPP_NAME=\nDATABASE_HOST=\n',
    });
    const env = (await modelOf(root)).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.hasFallback, r.required ?? null]);
    expect(read('AUTH_JWT_SECRET')).toEqual([[false, 'schema']]);
    expect(read('APP_NAME')).toEqual([[true, null]]);
    expect(read('DATABASE_HOST')).toEqual([[true, null]]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toMatch(/`AUTH_JWT_SECRET` — required: startup fails if unset \(schema `\/src\/app\.config\.ts:6`\)/);
    expect(step9).not.toMatch(/`(AUTH_JWT_SECRET|DATABASE_HOST)` — read without a fallback/);
  });
});

describe('a file a package script preloads', () => {
  it('is not test-only code when a non-test script loads it with --import / -r', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'web',
        private: true,
        type: 'module',
        scripts: { 'dev:serve': 'NODE_OPTIONS="--import ./mocks/index.js" remix-serve ./build/index.js', 'test:e2e': 'node -r ./test/setup-env.cjs run.js' },
      }),
      'mocks/index.js': "const origin = process.env.REMIX_DEV_HTTP_ORIGIN;\nconsole.log(origin);\n",
      'test/setup-env.cjs': 'console.log(process.env.E2E_ONLY);\n',
      'mocks/other.js': 'console.log(process.env.MOCK_ONLY);\n',
    });
    const env = (await modelOf(root)).env();
    expect(env.get('REMIX_DEV_HTTP_ORIGIN')?.reads.map((r) => [r.file, r.test])).toEqual([['mocks/index.js', false]]);
    // Preloaded only by a test script, or by nothing: still test code.
    expect(env.get('E2E_ONLY')?.reads.map((r) => r.test)).toEqual([true]);
    expect(env.get('MOCK_ONLY')?.reads.map((r) => r.test)).toEqual([true]);
  });
});

describe('a read guarded by a truthiness check of the same variable', () => {
  it('copes when the read is cast (`as Mode`), like the uncast read beside it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true }),
      'src/pricing.ts': [
        "import { init, type Mode } from './paddle';",
        'export function start(): void {',
        '  if (process.env.NEXT_PUBLIC_PADDLE_CLIENT_TOKEN && process.env.NEXT_PUBLIC_PADDLE_ENV) {',
        '    init({',
        '      token: process.env.NEXT_PUBLIC_PADDLE_CLIENT_TOKEN,',
        '      environment: process.env.NEXT_PUBLIC_PADDLE_ENV as Mode,',
        '    });',
        '  }',
        '  init({ token: process.env.OTHER_TOKEN as string, environment: process.env.OTHER_ENV as Mode });',
        '}',
        '',
      ].join('\n'),
      'src/paddle.ts': "export type Mode = 'sandbox' | 'production';\nexport function init(o: { token: string; environment: Mode }): void { void o; }\n",
    });
    const env = (await modelOf(root)).env();
    expect(env.get('NEXT_PUBLIC_PADDLE_ENV')?.reads.map((r) => r.hasFallback)).toEqual([true]);
    expect(env.get('NEXT_PUBLIC_PADDLE_CLIENT_TOKEN')?.reads.map((r) => r.hasFallback)).toEqual([true]);
    // Unguarded casts stay reads without a fallback.
    expect(env.get('OTHER_ENV')?.reads.map((r) => r.hasFallback)).toEqual([false]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`NEXT_PUBLIC_PADDLE_ENV` — read without a fallback/);
    expect(step9).toMatch(/`OTHER_ENV` — read without a fallback/);
  });
});
