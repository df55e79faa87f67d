/**
 * Env helpers imported through a barrel (`lib/env/index.ts` re-exporting `utils.ts`) and helpers that call other
 * helpers: `getOsEnv` throws on `typeof process.env[key] === 'undefined'` (startup fails), `getOsEnvArray` ends in
 * `|| []` and `getOsPaths` wraps it (a fallback), `getOsPath` wraps `getOsEnv` (required), `getOsEnvOptional` gives
 * undefined.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf } from './helpers/fixture.js';

const utils = [
  "import { join } from 'path';",
  'export function getOsEnv(key: string): string {',
  "  if (typeof process.env[key] === 'undefined') {",
  '    throw new Error(`Environment variable ${key} is not set.`);',
  '  }',
  '  return process.env[key] as string;',
  '}',
  'export function getOsEnvOptional(key: string): string | undefined {',
  '  return process.env[key];',
  '}',
  'export function getPath(path: string): string { return join(process.cwd(), path); }',
  'export function getPaths(paths: string[]): string[] { return paths.map((p) => getPath(p)); }',
  'export function getOsPath(key: string): string {',
  '  return getPath(getOsEnv(key));',
  '}',
  'export function getOsPaths(key: string): string[] {',
  '  return getPaths(getOsEnvArray(key));',
  '}',
  "export function getOsEnvArray(key: string, delimiter: string = ','): string[] {",
  '  return process.env[key] && process.env[key].split(delimiter) || [];',
  '}',
  'export function envWith(key: string, def?: string): string {',
  '  const value = process.env[key] ?? def;',
  '  if (value === undefined) throw new Error(key);',
  '  return value;',
  '}',
  'export function portOr(key: string, def: string): number {',
  '  return Number(envWith(key, def));',
  '}',
  '',
].join('\n');

describe('env helpers through a barrel and helpers of helpers', () => {
  it('classifies each helper call: throws (required), falls back, or gives undefined', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/lib/env/utils.ts': utils,
      'src/lib/env/index.ts': "export * from './utils';\n",
      'src/env.ts': [
        "import { envWith, getOsEnv, getOsEnvOptional, getOsPath, getOsPaths, portOr } from './lib/env';",
        'export const env = {',
        "  name: getOsEnv('APP_NAME'),",
        "  dir: getOsPath('MIGRATIONS_DIR'),",
        "  controllers: getOsPaths('CONTROLLERS'),",
        "  user: getOsEnvOptional('DB_USER'),",
        "  key: envWith('API_KEY'),",
        "  port: portOr('WEB_PORT', '80'),",
        '};',
        'export function later() {',
        "  return getOsEnv('LATE_VAR');",
        '}',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.hasFallback, r.required ?? null]);
    expect(read('APP_NAME')).toEqual([['src/env.ts', false, 'guard']]);
    expect(read('MIGRATIONS_DIR')).toEqual([['src/env.ts', false, 'guard']]);
    expect(read('CONTROLLERS')).toEqual([['src/env.ts', true, null]]);
    expect(read('DB_USER')).toEqual([['src/env.ts', false, null]]);
    // A check that a caller's default can satisfy is still a check; a wrapper passing its own default stays a helper.
    expect(read('API_KEY')).toEqual([['src/env.ts', false, 'guard']]);
    expect(read('WEB_PORT')).toEqual([['src/env.ts', true, null]]);
    expect(read('LATE_VAR')).toEqual([['src/env.ts', false, 'check']]);
  });

  it('names the helper whose check fails in step 9', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/lib/env/utils.ts': utils,
      'src/lib/env/index.ts': "export * from './utils';\n",
      'src/env.ts': "import { getOsEnv, getOsPaths } from './lib/env';\nexport const env = { name: getOsEnv('APP_NAME'), controllers: getOsPaths('CONTROLLERS') };\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`APP_NAME` — required: startup fails if unset (checked by `getOsEnv`, called at `/src/env.ts:2`)');
    expect(md).not.toMatch(/`CONTROLLERS` — read without a fallback/);
  });
});
