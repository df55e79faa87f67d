/**
 * Env reads through copies and keys the reader must follow: a prefix-filtered copy of `import.meta.env`, a helper
 * called with an enum member, and a copied env object with a method added.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async () => RepoModel.of(new Analysis(await indexOf('env-copies')));

describe('env copies and keys', () => {
  it('does not take a method added to a copied env object for a variable', async () => {
    const env = (await modelOf()).env();
    expect(env.get('toJSON')).toBeUndefined();
    expect(env.get('LOG_FORMAT')?.sets.map((s) => [s.kind, s.at.file, s.at.line])).toEqual([['code', 'src/protect-env.ts', 11]]);
  });

  it('reads a helper call whose argument is an enum member naming the variable (same file and namespace import)', async () => {
    const env = (await modelOf()).env();
    expect(env.get('GEMINI_API_KEY')?.reads.map((r) => [r.file, r.lines[0], r.via, r.test, r.hasFallback])).toEqual([['ai/src/models/gemini.ts', 4, 'helper', false, true]]);
    expect(env.get('OPENAI_API_KEY')?.reads.map((r) => [r.file, r.lines[0], r.via, r.hasFallback])).toEqual([['ai/src/models/openai.ts', 3, 'helper', false]]);
  });

  it('reads every variable a prefix-filtered copy of import.meta.env takes, and claims none of them unread', async () => {
    const env = (await modelOf()).env();
    for (const name of ['VITE_APP_API_URL', 'VITE_APP_ENABLE_MOCKING']) {
      expect(env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.via])).toEqual([['web/src/config/env.ts', 9, 'prefix']]);
    }
    expect(env.get('OTHER_THING')?.reads).toEqual([]);
    // Another app's dotenv file does not serve this app: its VITE_APP_ name is not read by this copy.
    expect(env.get('VITE_APP_ADMIN_ONLY')?.reads).toEqual([]);
    const step8 = (await section(configurationStep, 'env-copies')).markdown;
    const unread = step8.split('#### Set or declared, but not read by the code')[1]?.split('####')[0] ?? '';
    expect(unread).toContain('`OTHER_THING`');
    expect(unread).not.toContain('VITE_APP_');
    // It may still read it (the name has the prefix): not claimed unread, not claimed read here.
    expect(step8.split('#### Set or declared, and not read by name')[1]).toContain('`VITE_APP_ADMIN_ONLY`');
    const step5 = (await section(frontendStep, 'env-copies')).markdown;
    expect(step5).not.toMatch(/VITE_APP_API_URL[^\n]*not read/);
  });
});
