/**
 * Hand-check round 15: a destructured variable checked before use is required (remix-run/blues-stack), and an alias
 * of `process.env` handed to a config function is read there (vincent-queimado/express-prisma-ts-boilerplate).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('a destructured variable checked before use', () => {
  it('is required: invariant(typeof X === "string"), assert(X), if (!X) throw; a plain destructured read is not', async () => {
    const root = tempRepo({
      'app/db.server.ts': [
        'import invariant from "tiny-invariant";',
        'function getClient() {',
        '  const { DATABASE_URL } = process.env;',
        '  invariant(typeof DATABASE_URL === "string", "DATABASE_URL env var not set");',
        '  return new URL(DATABASE_URL);',
        '}',
        'const { CACHE_URL, PLAIN_HOST } = process.env;',
        'if (typeof CACHE_URL !== "string") throw new Error("CACHE_URL");',
        'export const urls = [getClient(), CACHE_URL, PLAIN_HOST];',
        'export const token = () => { invariant(typeof process.env.TOKEN_KEY === "string"); return process.env.TOKEN_KEY; };',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const required = (name: string) => env.get(name)!.reads.map((r) => [r.lines[0], r.required ?? null]);
    expect(required('DATABASE_URL')).toEqual([[3, 'check']]);
    expect(required('CACHE_URL')).toEqual([[7, 'guard']]);
    expect(required('PLAIN_HOST')).toEqual([[7, null]]);
    expect(required('TOKEN_KEY')).toEqual([[10, 'check']]);
    const step9 = (await section(workflowsStep, root)).markdown;
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(plain).not.toContain('`DATABASE_URL`');
    expect(plain).not.toContain('`CACHE_URL`');
    expect(plain).toContain('`PLAIN_HOST`');
    // Cited at the check, not at the destructuring.
    expect(step9).toContain('`DATABASE_URL` — required: the code throws if unset (checked at `/app/db.server.ts:4`)');
    expect(step9).toContain('`CACHE_URL` — required: startup fails if unset (checked at `/app/db.server.ts:8`)');
  });
});

describe('an alias of process.env handed to a function', () => {
  it('reads what the function reads through its parameter (imported or local); an unknown function is a computed read', async () => {
    const root = tempRepo({
      'src/config/app/index.ts': [
        "import envConfigs from './config_app';",
        "import { mailConfig } from './mail';",
        "import { loadAll } from 'some-lib';",
        'const processEnv = process.env;',
        "const nodeEnv = processEnv.NODE_ENV || 'development';",
        'function local(e) {',
        '  return e.LOCAL_TOKEN;',
        '}',
        'export const config = nodeEnv === "test" ? envConfigs.testConfig(processEnv) : envConfigs.devConfig(processEnv);',
        'export const mail = mailConfig(processEnv);',
        'export const other = [local(processEnv), loadAll(processEnv)];',
        '',
      ].join('\n'),
      'src/config/app/config_app.ts': [
        'const testConfig = (env) => ({ secret: env.JWT_SECRET_USER || "" });',
        'const devConfig = (env) => ({',
        '  secret: env.JWT_SECRET_USER,',
        "  rounds: parseInt(env['BCRYPT_SALTROUNDS'] || '10'),",
        '});',
        'const unused = (env) => env.NOT_CALLED_SECRET;',
        'export default { testConfig, devConfig, unused };',
        '',
      ].join('\n'),
      'src/config/app/mail.ts': 'export function mailConfig({ SMTP_PASSWORD, SMTP_HOST = "localhost" }) {\n  return { SMTP_PASSWORD, SMTP_HOST };\n}\n',
      '.env.example': 'JWT_SECRET_USER=\nBCRYPT_SALTROUNDS=\nSMTP_PASSWORD=\nLOCAL_TOKEN=\nNOT_CALLED_SECRET=\nAPI_SECRET_KEY=\n',
    });
    const model = RepoModel.of(new Analysis(await indexOf(root)));
    const env = model.env();
    const readAt = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.lines]);
    expect(readAt('JWT_SECRET_USER')).toEqual([['src/config/app/config_app.ts', [1, 3]]]);
    expect(readAt('BCRYPT_SALTROUNDS')).toEqual([['src/config/app/config_app.ts', [4]]]);
    expect(readAt('SMTP_PASSWORD')).toEqual([['src/config/app/mail.ts', [1]]]);
    expect(readAt('LOCAL_TOKEN')).toEqual([['src/config/app/index.ts', [7]]]);
    // Only the called functions' reads; `loadAll(processEnv)` of a library may read anything: not "not read".
    expect(env.get('NOT_CALLED_SECRET')!.reads).toEqual([]);
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).toMatch(/not read by name \(the code reads variables by a computed name at `\/src\/config\/app\/index\.ts:11`/);
  });
});

describe('process.env itself handed to a function', () => {
  it('reads what the function reads through its parameter, like an alias; a schema parse is still a schema', async () => {
    const root = tempRepo({
      'src/server.ts': [
        "import { loadConfig } from './config';",
        "import { z } from 'zod';",
        'function build(env: NodeJS.ProcessEnv) {',
        '  return { port: Number(env.PORT ?? 3000), host: env.HOST };',
        '}',
        'export const app = build(process.env);',
        'export const config = loadConfig(process.env);',
        'export const parsed = z.object({ SCHEMA_KEY: z.string() }).parse(process.env);',
        "import { loadAll } from 'some-lib';",
        'export const other = loadAll(process.env);',
        '',
      ].join('\n'),
      'src/config.ts': 'export function loadConfig({ API_TOKEN, LOG_LEVEL = "info" }: Record<string, string | undefined>) {\n  return { API_TOKEN, LOG_LEVEL };\n}\n',
      '.env.example': 'PORT=\nHOST=\nAPI_TOKEN=\nLOG_LEVEL=\nSCHEMA_KEY=\n',
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const readAt = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.lines, r.hasFallback]);
    expect(readAt('PORT')).toEqual([['src/server.ts', [4], true]]);
    expect(readAt('HOST')).toEqual([['src/server.ts', [4], false]]);
    expect(readAt('API_TOKEN')).toEqual([['src/config.ts', [1], false]]);
    expect(readAt('LOG_LEVEL')).toEqual([['src/config.ts', [1], true]]);
    expect(readAt('SCHEMA_KEY').map(([f]) => f)).toEqual(['src/server.ts']);
    // A library's function may read anything: a read by a computed name, so nothing is "not read".
    expect(env.dynamic.map((d) => [d.file, d.line])).toEqual([['src/server.ts', 10]]);
  });
});
