import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { charWidth, textWidth } from '../src/ui/text-width.js';

describe('textWidth', () => {
  it('agrees with string-width, taking the fast count only for one-column characters', () => {
    const samples = [
      '',
      'plain ascii',
      '│ `/packages/api/src/handler.ts:12` │ GET /v1/kv ─┼─',
      '\u001b[1mbold\u001b[22m and \u001b[90mdim\u001b[39m',
      'café → naïve • “quoted” … – —',
      '日本語のテキスト',
      'e\u0301 combining',
      '👍 ok ✅ ⭐ ⌚',
      'zero\u200bwidth',
      '\u001b[31m表\u001b[39m',
    ];
    for (const s of samples) expect(textWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
  });

  it('counts every character of the fast ranges as string-width does', () => {
    const ranges: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x2027], [0x2190, 0x21ff], [0x2500, 0x259f]];
    for (const [from, to] of ranges) {
      for (let code = from; code <= to; code++) {
        const ch = String.fromCharCode(code);
        expect(charWidth(ch), `U+${code.toString(16)}`).toBe(stringWidth(ch));
      }
    }
  });
});
