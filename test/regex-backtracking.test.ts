import { describe, expect, it } from 'vitest';
import { isDecorative } from '../src/detectors/readme/parse.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';
import { configurationStep } from '../src/steps/08-configuration.js';

// Regexes that could split their input in exponentially many ways hung the analysis on a long enough line of a
// repository's own text (a README paragraph, a Worker `Env` type). These inputs took seconds to hours before.
const paragraph = (text: string) => ({ kind: 'paragraph' as const, line: 1, text });

describe('README link bars: linear to recognise', () => {
  it('recognises bars of single-word items, glued or spaced, with any of the three separators', () => {
    expect(isDecorative(paragraph('Documentation | Changelog | Discord | Contributing'))).toBe(true);
    expect(isDecorative(paragraph('Documentation · Changelog · Discord · Contributing'))).toBe(true);
    expect(isDecorative(paragraph('Documentation|Changelog|Discord•Contributing'))).toBe(true);
    expect(isDecorative(paragraph('Documentation || Changelog || Discord'))).toBe(true);
  });

  it('does not take a sentence for a bar, and answers at once on a long line that almost is one', () => {
    expect(isDecorative(paragraph('Getting Started | API Reference | Deploying to production'))).toBe(false);
    expect(isDecorative(paragraph('A key-value store for small teams, with a dashboard and an SDK.'))).toBe(false);
    expect(isDecorative(paragraph(`${'alpha|'.repeat(60)}omega and more words`))).toBe(false);
  });
});

describe('Worker Env types: linear to read', () => {
  it('reads a string-literal union of many members and ignores a non-string member after many literals', async () => {
    const literals = Array.from({ length: 40 }, (_, i) => `'stage${i}'`).join('   ');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'edge', devDependencies: { wrangler: '^3.0.0' } }),
      'wrangler.toml': 'name = "edge"\nmain = "src/index.ts"\n',
      'src/index.ts': [
        'export interface Env {',
        `  STAGE: ${Array.from({ length: 40 }, (_, i) => `'stage${i}'`).join(' | ')};`,
        `  ODD: ${literals} Extra;`,
        '  CACHE: KVNamespace;',
        '}',
        'export default { fetch: (_r: Request, env: Env) => new Response(env.STAGE + env.ODD) };',
        '',
      ].join('\n'),
    });
    const { markdown } = await section(configurationStep, root);
    expect(markdown).toContain('STAGE');
  });
});
