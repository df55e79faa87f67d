/**
 * Reading code from its text, without a parse tree, for the few questions that a tree would answer at many times the
 * cost: what a file exports, and the calls chained after a given call (`middy(h).use(a()).use(b())`).
 * Strings, template literals and comments are skipped when matching brackets, so their contents never count as code.
 */
// The import scanner lives in import-text.ts; re-exported for callers that import it from here.
export { importsFromText } from './import-text.js';

/** Index just past the string, template or comment starting at `i`, or `i` when none starts there. */
function skipQuoted(text: string, i: number): number {
  const c = text[i];
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  if (c !== '"' && c !== "'" && c !== '`') return i;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === c) return j + 1;
    else if (c !== '`' && text[j] === '\n') return j;
  }
  return text.length;
}

const BRACKETS = /['"`/()[\]{}]/g;

/** The index of the bracket closing the one at `open`, or -1. */
export function closingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  BRACKETS.lastIndex = open;
  for (let m = BRACKETS.exec(text); m; m = BRACKETS.exec(text)) {
    const i = m.index;
    const c = text[i];
    if (c === '"' || c === "'" || c === '`' || c === '/') {
      const skipped = skipQuoted(text, i);
      if (skipped !== i) BRACKETS.lastIndex = skipped;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    const skipped = text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*') ? skipQuoted(text, i) : i;
    if (skipped === i) return i;
    i = skipped;
  }
}

/** Top-level comma-separated parts of an argument list's text, each with its offset in `text`. */
const ARGUMENT_MARKS = /['"`/([{,]/g;

export function splitArguments(text: string, start: number, end: number): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let from = start;
  ARGUMENT_MARKS.lastIndex = start;
  for (let m = ARGUMENT_MARKS.exec(text); m && m.index < end; m = ARGUMENT_MARKS.exec(text)) {
    const i = m.index;
    const c = text[i];
    if (c === ',') {
      out.push({ text: text.slice(from, i), offset: from });
      from = i + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      const close = closingBracket(text, i);
      if (close === -1) break;
      ARGUMENT_MARKS.lastIndex = close + 1;
    } else {
      const skipped = skipQuoted(text, i);
      if (skipped !== i) ARGUMENT_MARKS.lastIndex = skipped;
    }
  }
  if (text.slice(from, end).trim() !== '') out.push({ text: text.slice(from, end), offset: from });
  return out;
}

export interface ChainedCall {
  /** `use` in `.use(x())`. */
  readonly method: string;
  readonly args: { text: string; offset: number }[];
  /** Offset of the method name. */
  readonly offset: number;
}

/** The calls chained after each call of `callee` (`middy(h).use(a()).before(f)` → use, before), in text order. */
export function chainsAfterCalls(text: string, callee: string): ChainedCall[][] {
  const out: ChainedCall[][] = [];
  const escaped = callee.replace(/[$]/g, '\\$');
  // Type arguments may come between the callee and its call (`middy<Event, Result>(handler)`), nested one level.
  const typeArgs = String.raw`(?:<(?:[^<>;]|<(?:[^<>;]|<[^<>;]*>)*>)*>\s*)?`;
  for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\s*${typeArgs}\\(`, 'g'))) {
    let close = closingBracket(text, m.index + m[0].length - 1);
    const chain: ChainedCall[] = [];
    while (close !== -1) {
      let i = skipSpace(text, close + 1);
      if (text[i] !== '.') break;
      i = skipSpace(text, i + 1);
      const name = /^[\w$]+/.exec(text.slice(i, i + 64))?.[0];
      if (!name) break;
      const open = skipSpace(text, i + name.length);
      if (text[open] !== '(') break;
      close = closingBracket(text, open);
      if (close === -1) break;
      chain.push({ method: name, args: splitArguments(text, open + 1, close), offset: i });
    }
    out.push(chain);
  }
  return out;
}

/** 1-based line of an offset; the line starts of the last text asked about are kept (callers ask many in a row). */
export function lineAt(text: string, offset: number): number {
  if (text !== lastText) {
    lastText = text;
    lastStarts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lastStarts.push(i + 1);
  }
  let lo = 0;
  let hi = lastStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lastStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

let lastText = '';
let lastStarts: number[] = [0];

const START = /['"`/]/g;

/**
 * The text with every string, template and comment blanked out (lengths and line breaks kept), for regexes over
 * code. Strings keep their quotes, so brackets still pair up. One forward scan; a regex literal or a division can
 * mislead it, which code rarely makes matter.
 */
export function codeOnly(text: string): string {
  return blanked(text, true);
}

/**
 * The text with every comment blanked out (lengths and line breaks kept) and strings left as they are: for regexes
 * that read module names from import text, so `// import { X } from 'y'` and a `/* … *\/` block never count as imports.
 */
export function withoutComments(text: string): string {
  if (!text.includes('//') && !text.includes('/*')) return text;
  return blanked(text, false);
}

/** One forward scan over strings, templates and comments: comments always blanked, string contents when `strings`. */
function blanked(text: string, strings: boolean): string {
  const parts: string[] = [];
  let from = 0;
  START.lastIndex = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) {
    const i = m.index;
    const end = skipQuoted(text, i);
    if (end === i) continue;
    const c = text[i];
    const quoted = c !== '/';
    if (quoted && !strings) {
      START.lastIndex = end;
      continue;
    }
    // A string keeps its quotes, so brackets still pair up; a comment is blanked whole.
    const closes = quoted && end > i + 1 && text[end - 1] === c;
    const innerStart = quoted ? i + 1 : i;
    const innerEnd = closes ? end - 1 : end;
    parts.push(text.slice(from, innerStart), blank(text, innerStart, innerEnd));
    from = innerEnd;
    START.lastIndex = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Spaces for `text[start, end)`, its line breaks kept. */
function blank(text: string, start: number, end: number): string {
  const nl = text.indexOf('\n', start);
  if (nl === -1 || nl >= end) return ' '.repeat(end - start);
  return text.slice(start, end).replace(/[^\n]/g, ' ');
}

/**
 * The code with the bodies of `namespace` / `module` blocks blanked: `export function handler` inside
 * `export module Util { … }` is `Util.handler`, not an export of the file. Exported namespaces are added to `out`.
 */
function withoutNamespaceBodies(code: string, out: Set<string>): string {
  let result = code;
  const block = /(?:^|;)[ \t]*(export\s+)?(?:declare\s+)?(?:module|namespace)\s+([\w$]+|(['"])\s*\3)[\w$.]*\s*\{/gm;
  let end = -1; // a namespace nested in one already blanked is not the file's
  for (const m of code.matchAll(block)) {
    const open = m.index + m[0].length - 1;
    const close = closingBracket(code, open);
    if (close === -1 || open < end) continue;
    end = close;
    if (m[1] && !m[3]) out.add(m[2]);
    result = result.slice(0, open + 1) + blank(result, open + 1, close) + result.slice(close);
  }
  return result;
}

/**
 * What a module exports, as `exportedNames` reads it from a tree: declarations (`export const a`, `export function f`,
 * `export class C`), lists (`export { a, b as c }`), `export default x` (its local name, else `default`) and CommonJS
 * (`module.exports = { a }`, `exports.b = …`) and namespaces (`export namespace Util { … }` is `Util`). Types are not
 * values and are left out.
 */
export function exportedNamesFromText(text: string): string[] {
  const out = new Set<string>();
  const code = withoutNamespaceBodies(codeOnly(text), out);
  const decl = /(?:^|;)[ \t]*export\s+(default\s+)?(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:const\s+enum|const|let|var|function\s*\*?|class|enum)\s+([\w$]+)/gm;
  for (const m of code.matchAll(decl)) out.add(m[1] ? 'default' : m[2]);
  // `export default router` reads better under its local name; anything else (a call, a function) is `default`.
  for (const m of code.matchAll(/(?:^|;)[ \t]*export\s+default\s+(?:([\w$]+)\s*(?:;|$))?/gm)) out.add(m[1] ?? 'default');
  for (const m of code.matchAll(/(?:^|;)[ \t]*export\s+(type\s+)?\{([^}]*)\}/gm)) {
    if (m[1]) continue;
    for (const part of m[2].split(',')) {
      if (/^\s*type\s/.test(part)) continue;
      const name = part.split(/\s+as\s+/).pop()?.trim();
      if (name) out.add(name);
    }
  }
  for (const m of code.matchAll(/(?:^|;)[ \t]*(?:module\.)?exports\.([\w$]+)\s*=[^=]/gm)) out.add(m[1]);
  for (const m of code.matchAll(/(?:^|;)[ \t]*module\.exports\s*=\s*([\w$]+\s*;?\s*$|\{)?/gm)) {
    if (!m[1]) out.add('default');
    else if (m[1] !== '{') out.add(m[1].replace(/[\s;]/g, ''));
    else {
      const open = m.index + m[0].length - 1;
      const close = closingBracket(code, open);
      for (const part of close === -1 ? [] : splitArguments(code, open + 1, close)) {
        const key = /^\s*(?:\.\.\.)?\s*([\w$]+)|^\s*\[/.exec(part.text);
        // Quoted keys were blanked out: take them from the original text.
        const quoted = /^\s*(['"])(.*?)\1/.exec(text.slice(part.offset, part.offset + part.text.length));
        if (quoted) out.add(quoted[2]);
        else if (key?.[1] && !part.text.trimStart().startsWith('...')) out.add(key[1]);
      }
    }
  }
  out.delete('');
  return [...out].sort();
}
