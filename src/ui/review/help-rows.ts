import wrapAnsi from 'wrap-ansi';
import { RAIL_LEGEND } from '../StepRail.js';

const KEYS: readonly (readonly [string, string])[] = [
  ['a  Enter', 'accept: write this section to the output file and go to the next step'],
  ['e', 'edit the section in your editor ($VISUAL, $EDITOR, or vi), then review it again'],
  ['r', 'regenerate from the code (re-reads files that changed); asks first if you edited the section'],
  ['s', 'skip this step; nothing is written for it'],
  ['u', 'undo the last accept or skip: the section comes out of the file again and is shown for review'],
  ['d', 'switch between the section and its changes (after r, or against the section already in the file)'],
  ['/  n  N', 'search the section; next and previous match'],
  ['x', 'dismiss the notices (they are repeated when the wizard ends)'],
  ['q', 'save progress and quit; run the same command to resume here'],
  ['↑ ↓  j k', 'scroll one line (the mouse wheel too)'],
  ['PgUp PgDn  b Space', 'scroll one page'],
  ['Ctrl+U  Ctrl+D', 'scroll half a page'],
  ['← →  h l', 'scroll wide lines (diagrams, folder trees) sideways'],
  ['Home End  g G', 'go to the top or the bottom'],
  ['?  Esc', 'close this help'],
  ['Ctrl+Z', 'suspend to the shell; fg comes back'],
  ['Ctrl+C', 'stop now; progress is saved'],
];

const KEY_COLUMN = 20;

/**
 * The help as viewport rows, so it scrolls like a section on a small terminal. Decision keys are ignored while it is
 * open: it covers the section they would decide.
 */
export function helpRows(width: number): string[] {
  const rows = ['Keys', ''];
  const text = Math.max(20, width - KEY_COLUMN);
  for (const [key, what] of KEYS) {
    const lines = wrapAnsi(what, text, { hard: true }).split('\n');
    rows.push(key.padEnd(KEY_COLUMN) + lines[0], ...lines.slice(1).map((l) => ' '.repeat(KEY_COLUMN) + l));
  }
  rows.push('', ...wrapAnsi(`Steps: ${RAIL_LEGEND}`, Math.max(20, width), { hard: true }).split('\n'));
  rows.push('', ...wrapAnsi('A key that decides (a, Enter, s, u, e, r) is ignored until the section has been on screen for a moment: nothing is accepted unseen.', Math.max(20, width), { hard: true }).split('\n'));
  return rows;
}
