import { describe, expect, it } from 'vitest';
import { bareImports } from '../src/detectors/integrations/bare-imports.js';

/** The pattern the keyword search replaces: every result must equal its matches. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"./][^'"]*)['"]/gm;
const reference = (text: string) => [...text.matchAll(REFERENCE)].map((m) => m[1]);

describe('bare imports read from text', () => {
  it('finds from-clauses, dynamic imports, requires and side-effect imports at a line start, in order', () => {
    const text = [
      "import React from 'react';",
      "  import 'side-effect';",
      "const z = await import ( \"zod\" );",
      "const fs = require('node:fs'), x = require('./local');",
      "export * from '@scope/pkg/sub';",
      "foo(); import 'not-at-line-start';",
      "\r import 'after-a-carriage-return';",
      "const s = '$from \"dollar\"';",
      "fromage 'cheese'; imports('no'); requireX('no');",
    ].join('\n');
    expect(bareImports(text)).toEqual(['react', 'side-effect', 'zod', 'node:fs', '@scope/pkg/sub', 'after-a-carriage-return', 'dollar']);
    expect(bareImports(text)).toEqual(reference(text));
  });

  it('agrees with the pattern on random text made of its pieces', () => {
    const pieces = ['import', 'from', 'require', '(', ' ', '\n', '\r', "'", '"', 'a', '.', '/', '\t', '$', '\u2028', '\u00a0', 'x'];
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(next() * 12); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      expect(bareImports(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
