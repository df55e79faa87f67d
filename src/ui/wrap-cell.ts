import { charWidth } from './text-width.js';

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/y;

interface Glyph {
  readonly ch: string;
  /** SGR sequences in force for this character. */
  readonly style: string;
  readonly width: number;
}

/**
 * Wraps styled text to `width` columns, preferring to break after spaces, then after `/`, `.`, `-`, `_` or before a
 * capital, so a path in a narrow table column reads `/packages/api/src/` + `handlers/get.ts`, not `/packages/api/src/ha`
 * + `ndlers/get.ts`. Styles (colours in code spans) are carried onto every row.
 */
export function wrapStyled(text: string, width: number): string[] {
  const glyphs = toGlyphs(text);
  const rows: Glyph[][] = [];
  let row: Glyph[] = [];
  let used = 0;
  for (const g of glyphs) {
    if (used + g.width > width && row.length > 0) {
      const cut = breakPoint(row);
      const carried = cut > 0 ? row.slice(cut) : [];
      rows.push(cut > 0 ? row.slice(0, cut) : row);
      row = trimStart(carried);
      used = row.reduce((n, x) => n + x.width, 0);
      if (g.ch === ' ' && row.length === 0) continue;
    }
    row.push(g);
    used += g.width;
  }
  if (row.length > 0 || rows.length === 0) rows.push(row);
  return rows.map((r) => render(trimEnd(r)));
}

/** Index after the best break opportunity in a full row (0: none, break anywhere). */
function breakPoint(row: readonly Glyph[]): number {
  // Any space will do: a word is never split while the row has a space to break at.
  for (let i = row.length - 1; i > 0; i--) if (row[i].ch === ' ') return i + 1;
  // Any punctuation break beats cutting a word, even one that leaves a lone `/` on the row.
  const minimum = 0;
  // After a slash first: `…/community/` + `route.ts:12` reads better than `…/community/route.` + `ts:12`.
  for (let i = row.length - 1; i > minimum; i--) if (row[i - 1].ch === '/' && row[i].ch !== ' ') return i;
  for (let i = row.length - 1; i > minimum; i--) if ('.-_,:'.includes(row[i - 1].ch) && row[i].ch !== ' ') return i;
  for (let i = row.length - 1; i > minimum; i--) if (/[A-Z]/.test(row[i].ch) && /[a-z]/.test(row[i - 1].ch)) return i;
  return 0;
}

/**
 * The widest piece of `text` that wrapStyled cannot break: a word, or the part of a path between two slashes (paths
 * break after `/`, `.`, `-`, `_`). A table column narrower than this would cut a word in two.
 */
export function longestUnbreakable(text: string): number {
  let widest = 0;
  // eslint-disable-next-line no-control-regex
  for (const word of text.replace(/\u001b\[[0-9;]*m/g, '').split(/\s+/)) {
    for (const piece of word.split(/(?<=[/.\-_,:])/)) widest = Math.max(widest, [...piece].length);
  }
  return widest;
}

/** Columns `from` to `from + width` of styled text (for rows wider than the screen, scrolled sideways). */
export function sliceStyled(text: string, from: number, width: number): string {
  const out: Glyph[] = [];
  let column = 0;
  for (const g of toGlyphs(text)) {
    if (column >= from && column + g.width <= from + width) out.push(g);
    column += g.width;
    if (column >= from + width) break;
  }
  return render(out);
}

function toGlyphs(text: string): Glyph[] {
  const out: Glyph[] = [];
  let style: string[] = [];
  for (let i = 0; i < text.length; ) {
    SGR.lastIndex = i;
    const m = SGR.exec(text);
    if (m) {
      const code = m[0].slice(2, -1);
      if (code === '' || code === '0') style = [];
      else if (/^(22|23|24|27|29|39|49)$/.test(code)) style = style.filter((s) => !closes(code, s));
      else style = [...style, m[0]];
      i += m[0].length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 32);
    out.push({ ch, style: style.join(''), width: charWidth(ch) });
    i += ch.length;
  }
  return out;
}

function render(row: readonly Glyph[]): string {
  let out = '';
  let current = '';
  for (const g of row) {
    if (g.style !== current) {
      out += current ? `\u001b[0m${g.style}` : g.style;
      current = g.style;
    }
    out += g.ch;
  }
  return current ? `${out}\u001b[0m` : out;
}

function trimStart(row: Glyph[]): Glyph[] {
  let i = 0;
  while (i < row.length && row[i].ch === ' ') i++;
  return row.slice(i);
}

function trimEnd(row: Glyph[]): Glyph[] {
  let end = row.length;
  while (end > 0 && row[end - 1].ch === ' ') end--;
  return row.slice(0, end);
}

function closes(closeCode: string, open: string): boolean {
  const code = Number(open.slice(2, -1).split(';')[0]);
  if (closeCode === '22') return code === 1 || code === 2;
  if (closeCode === '23') return code === 3;
  if (closeCode === '24') return code === 4;
  if (closeCode === '27') return code === 7;
  if (closeCode === '29') return code === 9;
  if (closeCode === '39') return (code >= 30 && code <= 38) || (code >= 90 && code <= 97);
  return (code >= 40 && code <= 48) || (code >= 100 && code <= 107);
}
