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
  });
});
