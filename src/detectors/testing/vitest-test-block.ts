/**
 * The keys of a Vitest config's `test: { … }` block itself, read from text. Only `test.include` says which files are
 * tests: `test.coverage.include: ['src/**\/*.ts']` names the files coverage is measured over (every source file), and
 * a Vite config's `optimizeDeps.include` names packages. Read as the test include, either made every source file a
 * test (28 "tests", a source file as the "run one file" example).
 */
import { closingBracket, codeOnly } from '../shared/text-scan.js';

const TEST_BLOCK = /\btest\s*:\s*\{/g;

/**
 * The text of the `test` block's own level: nested objects, arrays and calls emptied (their brackets kept), so a key
 * found in it is a direct key of `test`. Offsets match `text`; undefined without a `test: {` block.
 */
export function testBlockTopLevel(text: string): { code: string; top: string; start: number } | undefined {
  if (!/\btest\s*:/.test(text)) return undefined;
  const code = codeOnly(text);
  TEST_BLOCK.lastIndex = 0;
  const m = TEST_BLOCK.exec(code);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const close = closingBracket(code, open);
  const end = close === -1 ? code.length : close;
  let top = '';
  for (let i = open + 1; i < end; i++) {
    const c = code[i];
    if (c !== '{' && c !== '[' && c !== '(') {
      top += c;
      continue;
    }
    const j = closingBracket(code, i);
    if (j === -1 || j > end) break;
    top += c + code.slice(i + 1, j).replace(/[^\n]/g, ' ') + code[j];
    i = j;
  }
  return { code, top, start: open + 1 };
}

/** The source text inside `test.<key>: [ … ]` (the array's body), when the key sits directly in the `test` block. */
export function testBlockArray(text: string, key: string): string | undefined {
  const block = testBlockTopLevel(text);
  if (!block) return undefined;
  const m = new RegExp(`\\b${key}\\s*:\\s*\\[`).exec(block.top);
  if (!m) return undefined;
  const open = block.start + m.index + m[0].length - 1;
  const close = closingBracket(block.code, open);
  return close === -1 ? undefined : text.slice(open + 1, close);
}

/**
 * The part of a config that says which files run: a Vitest config's `test` block's own keys when it has one
 * (`coverage: { include }`, `typecheck` or `optimizeDeps: { include }` never do), else the whole text (a Jest config,
 * or a `test` block that spreads another object in).
 */
export function patternScope(text: string): string {
  const top = testBlockTopLevel(text)?.top;
  // `test: { ...shared }` may take its include from elsewhere in the file: then the whole text decides.
  return top === undefined || top.includes('...') ? text : top;
}
