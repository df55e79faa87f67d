/**
 * Hand-checks on real repositories (issue #13): figue/convict setting definitions (`{ doc, schema, default, env: 'PORT' }`)
 * are reads; an env helper that fails when the variable is unset makes it required; Vite's `import.meta.env.MODE` is
 * provided by Vite, a `process.env.MODE` read of the same name is not.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'env-config-defs';
const envOf = async () => RepoModel.of(new Analysis(await indexOf(FIXTURE))).env();
const block = (md: string, start: string, end = '####') => md.split(start)[1]?.split(end)[0] ?? '';

describe('config-definition env keys (figue, convict)', () => {
  it('reads each `env:` name of a setting definition, with its default as the fallback', async () => {
    const env = await envOf();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.hasFallback]);
    expect(read('NODE_ENV')).toEqual([['src/config/config.ts', 12, true]]);
    expect(read('PORT')).toEqual([['src/config/config.ts', 18, true]]);
    // `v.optional(…)` copes when unset; no default, no fallback otherwise (convict's `default: null` is no value).
    expect(read('APP_BASE_URL')).toEqual([['src/config/config.ts', 23, true]]);
    expect(read('TASKS_WORKER_ID')).toEqual([['src/config/config.ts', 28, false]]);
    expect(read('FLY_MACHINE_ID')).toEqual([['src/config/config.ts', 28, false]]);
    expect(read('AUTO_TAGGING_MODEL')).toEqual([['src/config/config.ts', 34, true]]);
    // The name in an imported constant is resolved in its module.
    expect(read('AI_DEFAULT_MODEL')).toEqual([['src/config/config.ts', 34, true]]);
    expect(read('DB_HOST')).toEqual([['src/config/convict.ts', 5, false]]);
    // figue validates each setting: no default and a schema that needs a value, startup fails when unset.
    expect(env.get('TASKS_WORKER_ID')!.reads.map((r) => r.required ?? null)).toEqual(['schema']);
    expect(env.get('DB_HOST')!.reads.map((r) => r.required ?? null)).toEqual([null]);
    // A parameter defaulting to `process.env` is the environment inside its function.
    expect(read('APP_CONFIG_DIR')).toEqual([['src/config/load.ts', 5, true]]);
    expect(env.get('PORT')!.sets.map((s) => [s.kind, s.at.file, s.at.line])).toContainEqual(['schema-default', 'src/config/config.ts', 17]);
    // `overrideConfig({ env: 'test' })` is no definition.
    expect(env.get('test')).toBeUndefined();
    expect(env.get('production')).toBeUndefined();
    expect(env.dynamic).toEqual([]);
  });

  it('does not list a defined setting as "not read by the code"', async () => {
    const md = (await section(configurationStep, FIXTURE)).markdown;
    const unread = block(md, '#### Set or declared, but not read') + block(md, '#### Set or declared, and named in code');
    for (const name of ['PORT', 'APP_BASE_URL', 'AI_DEFAULT_MODEL', 'DB_HOST', 'APP_CONFIG_DIR']) expect(unread).not.toContain(`\`${name}\``);
  });
});

describe('runtime-provided variables by the kind of read', () => {
  it('Vite provides `import.meta.env.MODE`, not a `process.env.MODE` read of the same name', async () => {
    const env = await envOf();
    const mode = env.get('MODE')!;
    expect(mode.runtime).toBeUndefined();
    expect(mode.reads.map((r) => [r.file, r.runtime?.label ?? null])).toEqual([
      ['scripts/hook.mjs', null],
      ['src/client/main.ts', 'Vite (`import.meta.env`)'],
    ]);
    expect(env.runtimeFor(mode, ['scripts/hook.mjs'])).toBeUndefined();
    expect(env.runtimeFor(mode, ['src/client/main.ts'])).toBe('Vite (`import.meta.env`)');
    expect(env.get('DEV')!.builtin).toBe(true);
    const md = (await section(configurationStep, FIXTURE)).markdown;
    expect(md).toMatch(/\| `MODE` \| `\/scripts\/hook\.mjs:1` \| — \|/);
    expect(md).toMatch(/\| `MODE` \(`import\.meta\.env`\) \| `\/src\/client\/main\.ts:1`[^|]*\| set by Vite/);
    const plain = (await section(workflowsStep, FIXTURE)).markdown.split('**Environment variables read without a fallback**')[1] ?? '';
    expect(plain).toContain('`MODE` — read without a fallback in `/scripts/hook.mjs:1` — **set nowhere in the repository**');
    expect(plain).not.toContain('`DEV`');
  });
});

describe('env helpers that fail when the variable is unset', () => {
  it('a call without a fallback to a helper that throws (or flags and throws at load) is required', async () => {
    const env = await envOf();
    const read = (name: string) => env.get(name)!.reads.map((r) => [r.file, r.hasFallback, r.required ?? null, r.requiredAt ?? null]);
    // `if (!value && !optional) { ok = false }` … `if (!ok) throw`: startup fails.
    expect(read('DATABASE_URL')).toEqual([['src/env.server.ts', false, 'guard', 12]]);
    expect(read('WEB_BASE_URL')).toEqual([['src/env.server.ts', true, null, null]]);
    // `if (!value) throw`: at startup for a module-level call, when the function runs otherwise.
    expect(read('STRIPE_KEY')).toEqual([['src/secrets.ts', false, 'guard', 7]]);
    expect(read('MAILER_KEY')).toEqual([['src/secrets.ts', false, 'check', 10]]);
    const step9 = (await section(workflowsStep, FIXTURE)).markdown;
    const required = block(step9, '**Environment variables the code requires**', '**Environment variables read without');
    expect(required).toContain('`DATABASE_URL` — required: startup fails if unset (checked by `getEnv`, called at `/src/env.server.ts:12`)');
    expect(required).toContain('`MAILER_KEY` — required: the code throws if unset (checked by `requireEnv`, called at `/src/secrets.ts:10`)');
    const plain = step9.split('**Environment variables read without a fallback**')[1] ?? '';
    for (const name of ['DATABASE_URL', 'STRIPE_KEY', 'MAILER_KEY']) expect(plain).not.toContain(`\`${name}\``);
  });
});
