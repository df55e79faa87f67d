/**
 * Env facts a hand check on tanstack-router-hono-vite-starter found wrong: a read held in a local variable whose
 * every use copes with unset (`const envMax = process.env.X; return envMax ? parseInt(envMax, 10) : 100`) has a
 * fallback.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe('a read held in a local variable', () => {
  it('has a fallback when every use of the variable copes with unset, and none when one use does not', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/limits.ts': [
        'export function maxFiles(): number {',
        '  const envMax = process.env.DEV_ERROR_MAX_FILES;',
        '  return envMax ? parseInt(envMax, 10) : 100;',
        '}',
        'export function limit(): string {',
        '  const raw = process.env.PAGE_LIMIT;',
        "  const value = raw ?? '20';",
        '  return value;',
        '}',
        'export function port(): number {',
        '  const p = Number(process.env.LISTEN_PORT);',
        '  if (!p) return 3000;',
        '  return p;',
        '}',
        'export function key(send: (k: string | undefined) => void): void {',
        '  const k = process.env.API_KEY_NAME;',
        "  if (k) console.log('key set');",
        '  send(k);',
        '}',
        'export function token(): string {',
        '  const t = process.env.AUTH_TOKEN;',
        "  if (!t) throw new Error('AUTH_TOKEN');",
        '  return t;',
        '}',
        'export const shared = process.env.SHARED_URL;',
        "export const sharedOr = shared || 'http://localhost';",
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    const fallback = (n: string) => [n, env.get(n)?.reads.map((r) => r.hasFallback)];
    for (const n of ['DEV_ERROR_MAX_FILES', 'PAGE_LIMIT', 'LISTEN_PORT']) expect(fallback(n)).toEqual([n, [true]]);
    // One use hands the value on as it is; a check that throws makes it required; an exported holder is used elsewhere.
    for (const n of ['API_KEY_NAME', 'AUTH_TOKEN', 'SHARED_URL']) expect(fallback(n)).toEqual([n, [false]]);
    expect(env.get('AUTH_TOKEN')?.reads[0].required).toBe('check');
  });
});
