import wrapAnsi from 'wrap-ansi';
import { diffLines, hunks } from '../../diff/line-diff.js';
import { colorEnabled } from '../color-enabled.js';

const SGR = (code: string) => (text: string) => (colorEnabled() ? `\u001b[${code}m${text}\u001b[0m` : text);
const green = SGR('32');
const red = SGR('31');
const dim = SGR('2');

/**
 * What changed between two texts of a section, as viewport rows: unified-diff hunks of the markdown source, `+` rows
 * added, `-` rows removed, three unchanged rows around each change — the view `git add -p` gives.
 */
export function changeRows(before: string, after: string, width: number): string[] {
  const rows: string[] = [];
  const w = Math.max(20, width);
  for (const h of hunks(diffLines(before, after))) {
    if (rows.length > 0) rows.push('');
    rows.push(dim(`@@ lines ${h.after.start}–${h.after.start + Math.max(0, h.after.count - 1)} (before: ${h.before.start}–${h.before.start + Math.max(0, h.before.count - 1)}) @@`));
    for (const line of h.lines) {
      const sign = line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' ';
      const paint = line.kind === 'added' ? green : line.kind === 'removed' ? red : (s: string) => s;
      const pieces = wrapAnsi(line.text.replace(/\t/g, '  ') || ' ', w - 2, { hard: true, trim: false }).split('\n');
      pieces.forEach((piece, i) => rows.push(paint(`${i === 0 ? sign : sign === ' ' ? ' ' : '·'} ${piece}`)));
    }
  }
  return rows;
}
