/**
 * Hand-check round 18: `@fastify/env` with its JSON schema imported from another module (through a barrel) and read
 * as `server.config.X`; env-schema `envSchema({ schema })` with a TypeBox `Type.Object({…})` schema.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe('@fastify/env with an imported schema', () => {
  const root = () =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { fastify: '^5.0.0', '@fastify/env': '^5.0.0' } }),
      'src/lib/env.ts': [
        'export const envSchema = {',
        "  type: 'object',",
        "  required: ['TOKEN_SECRET', 'SERVER_PORT'],",
        '  properties: {',
        "    NODE_ENV: { type: 'string', default: 'development' },",
        "    TOKEN_SECRET: { type: 'string' },",
        "    SERVER_PORT: { type: 'string' },",
        "    SERVER_DOMAIN: { type: 'string' },",
        '  },',
        '} as const;',
        '',
      ].join('\n'),
      'src/lib/index.ts': "export * from './env';\n",
      'src/index.ts': [
        "import Fastify from 'fastify';",
        "import fEnv from '@fastify/env';",
        "import { envSchema } from './lib';",
        'const app = Fastify();',
        "await app.register(fEnv, { confKey: 'config', schema: envSchema, dotenv: true });",
        '// app.config.SERVER_DOMAIN in a comment is no read',
        'await app.listen({ port: Number(app.config.SERVER_PORT) });',
        '',
      ].join('\n'),
      'src/plugins/jwt.ts': 'export default async (server: any) => {\n  server.register(jwt, { secret: server.config.TOKEN_SECRET });\n};\n',
      '.env.example': 'TOKEN_SECRET=\nSERVER_PORT=\nSERVER_DOMAIN=\n',
    });

  it('reads every property at its key, and at `x.config.X` uses; required keys are required in step 9', async () => {
    const dir = root();
    const env = (await modelOf(dir)).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.hasFallback, r.required ?? null]);
    expect(read('TOKEN_SECRET')).toEqual([
      ['src/lib/env.ts', 6, false, 'schema'],
      ['src/plugins/jwt.ts', 2, false, null],
    ]);
    expect(read('SERVER_PORT')).toEqual([
      ['src/index.ts', 7, false, null],
      ['src/lib/env.ts', 7, false, 'schema'],
    ]);
    expect(read('SERVER_DOMAIN')).toEqual([['src/lib/env.ts', 8, true, null]]);
    expect(read('NODE_ENV')?.[0]).toEqual(['src/lib/env.ts', 5, true, null]);
    const step8 = (await section(configurationStep, dir)).markdown;
    expect(step8).not.toMatch(/not read by the code|the env reader does not follow/);
    const step9 = (await section(workflowsStep, dir)).markdown;
    expect(step9).toContain('`TOKEN_SECRET` — required: startup fails if unset (schema `/src/lib/env.ts:6`)');
    expect(step9).toContain('`SERVER_PORT` — required: startup fails if unset (schema `/src/lib/env.ts:7`)');
    expect(step9).not.toMatch(/`SERVER_DOMAIN` — required/);
  });
});

describe('env-schema with a TypeBox schema', () => {
  it('reads each `Type.Object` key at its line; `Type.Optional` and defaults are not required', async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { 'env-schema': '^6.0.0', '@sinclair/typebox': '^0.34.0' } }),
      'src/configs/env.config.ts': [
        "import { Type } from '@sinclair/typebox';",
        "import { envSchema } from 'env-schema';",
        'const TypeEnable = Type.Integer({ maximum: 1, minimum: 0 });',
        'export const CONFIG_SCHEMA = Type.Object(',
        '  {',
        '    ALLOWED_ORIGINS: Type.Optional(Type.String()),',
        '    DATABASE_URL: Type.String(),',
        '    ENABLE_DEBUG: TypeEnable,',
        '    IP: Type.String(),',
        "    LOG_LEVEL: Type.String({ default: 'info' }),",
        '  },',
        '  { additionalProperties: false },',
        ');',
        'export const ENV_CONFIG = envSchema({ dotenv: true, schema: CONFIG_SCHEMA });',
        '',
      ].join('\n'),
      'src/configs/server.config.ts': "import { ENV_CONFIG } from './env.config';\nexport const SERVER = { ip: ENV_CONFIG.IP ?? 'localhost' };\n",
      '.env.example': 'ALLOWED_ORIGINS=\nDATABASE_URL=\nENABLE_DEBUG=\nIP=\nLOG_LEVEL=\n',
    });
    const env = (await modelOf(dir)).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.hasFallback, r.required ?? null]);
    expect(read('ALLOWED_ORIGINS')).toEqual([['src/configs/env.config.ts', 6, true, null]]);
    expect(read('DATABASE_URL')).toEqual([['src/configs/env.config.ts', 7, false, 'schema']]);
    expect(read('ENABLE_DEBUG')).toEqual([['src/configs/env.config.ts', 8, false, 'schema']]);
    expect(read('IP')).toEqual([['src/configs/env.config.ts', 9, false, 'schema']]);
    expect(read('LOG_LEVEL')).toEqual([['src/configs/env.config.ts', 10, true, null]]);
    const step8 = (await section(configurationStep, dir)).markdown;
    expect(step8).not.toMatch(/not read by the code|the env reader does not follow/);
    const step9 = (await section(workflowsStep, dir)).markdown;
    expect(step9).toContain('`IP` — required: startup fails if unset (schema `/src/configs/env.config.ts:9`)');
    expect(step9).not.toMatch(/`ALLOWED_ORIGINS` — required|`LOG_LEVEL` — required/);
  });
});

describe('two-character names in code', () => {
  it('count as named where they are a property key or a member (`IP: …`, `config.IP`), not as a word', async () => {
    const dir = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/settings.ts': "const settings = loadSettings({ IP: { type: 'string' } });\nexport const host = settings.IP;\nexport const PORT = process.env.PORT;\n",
      'src/notes.ts': '// TZ is the time zone\nexport const x = 1;\n',
      '.env.example': 'IP=\nTZ=\nPORT=\n',
    });
    const step8 = (await section(configurationStep, dir)).markdown;
    const unread = step8.split('#### ').find((b) => b.startsWith('Set or declared, but not read')) ?? '';
    expect(unread).toContain('`TZ`');
    expect(unread).not.toContain('`IP`');
    expect(step8).toMatch(/\| `IP` \|[^\n]*`\/src\/settings\.ts:1`/);
  });
});
