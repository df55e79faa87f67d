/**
 * The verdict of the zod schema an env value passes through (hand-check round 16: qaws7791/turbo-hono-next,
 * N0SAFE/nextjs-nestjs-turborepo-template): a read written in the object given to `Schema.parse({…})`, a schema
 * parsing a parameter that receives `process.env`, and `schema.shape.X.parse(process.env.X)`.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const VITE_ENV = [
  'import { z } from "zod";',
  'const ViteEnvSchema = z.object({',
  '  VITE_API_BASE_URL: z',
  '    .string()',
  '    .min(1, "VITE_API_BASE_URL is required")',
  '    .transform((value) => value.replace(/\\/$/, "")),',
  '  VITE_MSW: z.union([z.literal("true"), z.literal("false")]).optional().transform((v) => v === "true"),',
  '  VITE_PAGE_SIZE: z.coerce.number().default(20),',
  '});',
  'export const env = (() => {',
  '  const parsed = ViteEnvSchema.parse({',
  '    VITE_API_BASE_URL: import.meta.env.VITE_API_BASE_URL,',
  '    VITE_MSW: import.meta.env.VITE_MSW,',
  '    VITE_PAGE_SIZE: import.meta.env.VITE_PAGE_SIZE,',
  '  });',
  '  return Object.freeze({ ...parsed });',
  '})();',
  '',
].join('\n');

const CONFIG = (signature: string, call: string) =>
  [
    'import { z } from "zod";',
    'const envSchema = z.object({',
    '  PORT: z.coerce.number().int().default(3001),',
    '  DATABASE_URL: z.string().min(1),',
    '  REDIS_URL: z.string().min(1).optional(),',
    '  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).default(2),',
    '  BASE_URL: z.url().default("http://localhost:3001"),',
    '});',
    `export function loadConfig(${signature}) {`,
    '  const parsed = envSchema.parse(env);',
    '  return { ...parsed, EXTRA: 1 };',
    '}',
    `export const CONFIG = ${call};`,
    '',
  ].join('\n');

describe('a read written in the object a schema parses', () => {
  it('takes the schema key: required without optional/default, a fallback with .optional() or .default()', async () => {
    const root = tempRepo({ 'web/package.json': '{"name":"web","dependencies":{"vite":"5","zod":"3"}}', 'web/src/env.ts': VITE_ENV });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.map((r) => ({ line: r.lines[0], fallback: r.hasFallback, required: r.required ?? null }));
    expect(read('VITE_API_BASE_URL')).toEqual([{ line: 12, fallback: false, required: 'schema' }]);
    expect(read('VITE_MSW')).toEqual([{ line: 13, fallback: true, required: null }]);
    expect(read('VITE_PAGE_SIZE')).toEqual([{ line: 14, fallback: true, required: null }]);
    const step9 = (await section(workflowsStep, root)).markdown;
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(step9).toMatch(/`VITE_API_BASE_URL` — required: startup fails if unset \(schema `\/web\/src\/env\.ts:12`\)/);
    expect(plain).not.toContain('VITE_MSW');
    expect(plain).not.toContain('VITE_API_BASE_URL');
  });
});

describe('a schema parsing a parameter that receives process.env', () => {
  for (const [what, signature, call] of [
    ['called with process.env', 'env: NodeJS.ProcessEnv', 'loadConfig(process.env)'],
    ['defaulting to process.env', 'env = process.env', 'loadConfig()'],
  ] as const) {
    it(`reads every key of the schema at its line (${what})`, async () => {
      const root = tempRepo({ 'src/config.ts': CONFIG(signature, call), 'src/main.ts': 'import { CONFIG } from "./config";\nconsole.log(CONFIG.REDIS_URL, CONFIG.QUEUE_CONCURRENCY);\n' });
      const env = RepoModel.of(new Analysis(await indexOf(root))).env();
      const at = (name: string) => env.get(name)?.reads.filter((r) => r.file === 'src/config.ts').map((r) => ({ line: r.lines[0], fallback: r.hasFallback, required: r.required ?? null }));
      expect(at('PORT')).toEqual([{ line: 3, fallback: true, required: null }]);
      expect(at('DATABASE_URL')).toEqual([{ line: 4, fallback: false, required: 'schema' }]);
      expect(at('REDIS_URL')).toEqual([{ line: 5, fallback: true, required: null }]);
      expect(at('QUEUE_CONCURRENCY')).toEqual([{ line: 6, fallback: true, required: null }]);
      expect(env.get('EXTRA')).toBeUndefined();
      // An api's BASE_URL validated from process.env is the project's, not Vite's `import.meta.env.BASE_URL`.
      expect(at('BASE_URL')).toEqual([{ line: 7, fallback: true, required: null }]);
      expect(env.get('BASE_URL')!.reads.some((r) => r.runtime)).toBe(false);
      expect(env.get('QUEUE_CONCURRENCY')!.sets.some((s) => s.kind === 'schema-default' && s.at.line === 6)).toBe(true);
    });
  }

  it('a parameter no call hands process.env stays unread by name', async () => {
    const root = tempRepo({ 'src/config.ts': CONFIG('env: Record<string, string>', 'loadConfig({ PORT: "1" })') });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    expect(env.get('DATABASE_URL')).toBeUndefined();
  });
});

describe('one member of a schema parsing one read', () => {
  it('takes the member verdict: envSchema.shape.X.parse(process.env.X), the schema imported through a re-export', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/env/package.json': JSON.stringify({ name: '@repo/env', main: 'src/index.ts' }),
      'packages/env/src/index.ts': [
        'import zod from "zod/v4";',
        'export const webEnvSchema = zod.object({',
        '  NEXT_PUBLIC_DEBUG: zod',
        '    .string()',
        '    .optional()',
        '    .default(""),',
        '  NEXT_PUBLIC_APP_URL: zod.url(),',
        '});',
        '',
      ].join('\n'),
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@repo/env': '*' } }),
      'apps/web/env.ts': 'export { webEnvSchema as envSchema } from "@repo/env";\n',
      'apps/web/src/debug.ts': [
        'import { envSchema } from "../env";',
        'const DEBUG = envSchema.shape.NEXT_PUBLIC_DEBUG.parse(process.env.NEXT_PUBLIC_DEBUG);',
        'const APP_URL = envSchema.shape["NEXT_PUBLIC_APP_URL"].parse(process.env.NEXT_PUBLIC_APP_URL);',
        'export { DEBUG, APP_URL };',
        '',
      ].join('\n'),
      // Application code imports the module, so its parse runs.
      'apps/web/src/app/page.tsx': 'import { APP_URL } from "../debug";\nexport default function Page() { return APP_URL; }\n',
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.map((r) => ({ line: r.lines[0], fallback: r.hasFallback, required: r.required ?? null, defaultAt: r.defaultAt ?? null }));
    expect(read('NEXT_PUBLIC_DEBUG')).toEqual([{ line: 2, fallback: true, required: null, defaultAt: { file: 'packages/env/src/index.ts', line: 3 } }]);
    expect(read('NEXT_PUBLIC_APP_URL')).toEqual([{ line: 3, fallback: false, required: 'schema', defaultAt: null }]);
    const step9 = (await section(workflowsStep, root)).markdown;
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(plain).not.toContain('NEXT_PUBLIC_DEBUG');
    expect(step9).toContain('`NEXT_PUBLIC_APP_URL` — required: startup fails if unset (schema `/apps/web/src/debug.ts:3`)');
  });

  it('a project validator running schema.shape[path].parse(input) gives the member named by its literal argument', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/env/package.json': JSON.stringify({ name: '@repo/env', main: 'src/index.ts' }),
      'packages/env/src/index.ts': [
        'import zod from "zod/v4";',
        'export const apiEnvSchema = zod.object({',
        '  AUTH_SECRET: zod.string().min(1, "AUTH_SECRET is required"),',
        '  LOG_LEVEL: zod.string().default("info"),',
        '});',
        'export * from "./validate";',
        '',
      ].join('\n'),
      'packages/env/src/validate.ts': [
        'import { apiEnvSchema } from "./index";',
        'export const validateApiEnvPath = (input: unknown, path: keyof typeof apiEnvSchema.shape) => {',
        '  return apiEnvSchema.shape[path].parse(input);',
        '};',
        '',
      ].join('\n'),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { '@repo/env': '*' } }),
      'apps/api/src/crypto.ts': [
        'import { validateApiEnvPath } from "@repo/env";',
        'const AUTH_SECRET = validateApiEnvPath(process.env.AUTH_SECRET, "AUTH_SECRET");',
        'const LEVEL = validateApiEnvPath(process.env.LOG_LEVEL, "LOG_LEVEL");',
        'export { AUTH_SECRET, LEVEL };',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.map((r) => ({ line: r.lines[0], fallback: r.hasFallback, required: r.required ?? null }));
    expect(read('AUTH_SECRET')).toEqual([{ line: 2, fallback: false, required: 'schema' }]);
    expect(read('LOG_LEVEL')).toEqual([{ line: 3, fallback: true, required: null }]);
  });
});
