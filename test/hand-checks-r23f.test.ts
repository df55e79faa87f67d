/**
 * Hand-check round 23 (kaannakiin/turborepo-nestjs-nextjs-ecommerce, wmfarooqi05/aws-serverless-app).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

describe('an env read behind a literal that always wins', () => {
  it('`"table" || process.env.X` is not used, never "without a fallback"; a read on the left is as before', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/tables.ts': [
        'export const WS_TABLE = "websocket_connections" || process.env.WS_TABLE;',
        'export const JOBS = process.env.JOBS_TABLE || "jobs";',
        'export const OTHER = "" || process.env.OTHER_TABLE;',
        'export const NEXT = ("a" ?? process.env.NULLISH_TABLE);',
        'export const BARE = process.env.BARE_TABLE;',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.find((r) => r.file === 'src/tables.ts')!;
    expect(read('WS_TABLE')).toMatchObject({ hasFallback: true, shadowed: true });
    expect(read('NULLISH_TABLE')).toMatchObject({ hasFallback: true, shadowed: true });
    expect(read('JOBS_TABLE')).toMatchObject({ hasFallback: true });
    expect(read('JOBS_TABLE').shadowed).toBeUndefined();
    // An empty string is falsy: `'' || process.env.X` is the read.
    expect(read('OTHER_TABLE')).toMatchObject({ hasFallback: false });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).not.toMatch(/`WS_TABLE` — read without a fallback/);
    expect(md).toContain('`/src/tables.ts:1` (not used: a literal on the left always wins)');
  });
});
