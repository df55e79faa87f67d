/**
 * The bare module names a file imports (`from 'x'`, `import('x')`, `require('x')`, a side-effect `import 'x'` at the
 * start of a line), read from text: exactly the matches of
 * `/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"./][^'"]*)['"]/gm`, found by looking for
 * the three keywords and reading what follows each. That alternation tried four branches at every character of every
 * source file; the keyword search finds the few places worth a look (3-4x faster over 27 MB of code).
 */
const KEYWORD = /\b(?:from|import|require)/g;
const AFTER_FROM = /\s*['"]([^'"./][^'"]*)['"]/y;
const AFTER_CALL = /\s*\(\s*['"]([^'"./][^'"]*)['"]/y;
const AFTER_IMPORT = /\s+['"]([^'"./][^'"]*)['"]/y;
/** `\s` as JavaScript patterns define it, apart from the line terminators (they end the search in `atLineStart`). */
const SPACE = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/;

export function bareImports(text: string): string[] {
  const names: string[] = [];
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(text); m; m = KEYWORD.exec(text)) {
    const after = m.index + m[0].length;
    let re = m[0] === 'from' ? AFTER_FROM : AFTER_CALL;
    re.lastIndex = after;
    let found = re.exec(text);
    if (!found && m[0] === 'import' && atLineStart(text, m.index)) {
      re = AFTER_IMPORT;
      re.lastIndex = after;
      found = re.exec(text);
    }
    if (found) {
      names.push(found[1]);
      KEYWORD.lastIndex = re.lastIndex;
    }
  }
  return names;
}

/** Whether only white space stands between `at` and the start of its line (`^\s*` in multiline mode). */
function atLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return true;
    if (!SPACE.test(c)) return false;
  }
  return true;
}
