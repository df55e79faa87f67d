/**
 * Hand-check round 17 (karmaniverous/serverless-zod-openapi): a plain copy of `process.env` (`{ ...process.env }`)
 * is read like an alias, and a read kept in a local that a type test guards (`typeof portEnv === 'string' && … ? … : 0`)
 * has a fallback.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root))).env();

describe('a copy of process.env', () => {
  it('reads what it holds: spread, Object.assign({}, …), structuredClone; a copy with keys of its own is no alias', async () => {
    const root = tempRepo({
      'src/offline.ts': [
        "import os from 'node:os';",
        'export function childEnv() {',
        '  const baseEnv: NodeJS.ProcessEnv = { ...process.env };',
        '  const tmp = os.tmpdir();',
        '  if (!baseEnv.TMPDIR) baseEnv.TMPDIR = tmp;',
        '  const assigned = Object.assign({}, process.env);',
        '  const cloned = structuredClone(process.env);',
        "  const own = { ...process.env, OWN_FLAG: '1' };",
        '  return [baseEnv, assigned.ASSIGNED_VAR, cloned.CLONED_VAR, own.OWN_FLAG];',
        '}',
        '',
      ].join('\n'),
    });
    const env = await modelOf(root);
    const at = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines, r.hasFallback]);
    expect(at('TMPDIR')).toEqual([['src/offline.ts', [5], true]]);
    expect(at('ASSIGNED_VAR')).toEqual([['src/offline.ts', [9], false]]);
    expect(at('CLONED_VAR')).toEqual([['src/offline.ts', [9], false]]);
    expect(env.get('OWN_FLAG')?.reads ?? []).toEqual([]);
  });
});

describe('a read kept in a local that a type test guards', () => {
  it('has a fallback: typeof portEnv === "string" && portEnv.length > 0 ? Number(portEnv) : 0', async () => {
    const root = tempRepo({
      'src/server.ts': [
        'export function port() {',
        '  const portEnv = process.env.SMOZ_PORT;',
        "  const port = typeof portEnv === 'string' && portEnv.length > 0 ? Number(portEnv) : 0;",
        '  return port;',
        '}',
        'export function host() {',
        '  const hostEnv = process.env.SMOZ_HOST;',
        "  if (typeof hostEnv !== 'string') throw new Error('SMOZ_HOST');",
        '  return hostEnv;',
        '}',
        '',
      ].join('\n'),
    });
    const env = await modelOf(root);
    expect(env.get('SMOZ_PORT')?.reads.map((r) => [r.lines, r.hasFallback])).toEqual([[[2], true]]);
    expect(env.get('SMOZ_HOST')?.reads.map((r) => r.hasFallback)).toEqual([false]);
  });
});
