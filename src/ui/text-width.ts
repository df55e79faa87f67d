import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/**
 * Terminal columns a string takes. Nearly every character of a section is one column wide — ASCII, Latin letters,
 * dashes and quotes, arrows, the table's box-drawing lines — and counting those directly is far cheaper than
 * string-width's Unicode segmentation, which made up a third of rendering an 8,000-line section. Any other character
 * (wide CJK, emoji, combining marks, invisible ones) sends the whole string to string-width.
 */
export function textWidth(text: string): number {
  const plain = text.includes('\u001b') ? stripAnsi(text) : text;
  let columns = 0;
  for (let i = 0; i < plain.length; i++) {
    if (!isNarrow(plain.charCodeAt(i))) return stringWidth(plain);
    columns++;
  }
  return columns;
}

/** Columns of one character (a code point as a string). */
export function charWidth(ch: string): number {
  return ch.length === 1 && isNarrow(ch.charCodeAt(0)) ? 1 : stringWidth(ch);
}

/** Characters that are always exactly one column. */
function isNarrow(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0x2ff && code !== 0xad) || // Latin-1 (not the soft hyphen), Latin Extended, modifiers
    (code >= 0x2010 && code <= 0x2027) || // dashes, quotes, bullet, ellipsis
    (code >= 0x2190 && code <= 0x21ff) || // arrows
    (code >= 0x2500 && code <= 0x259f) // box drawing, blocks
  );
}
