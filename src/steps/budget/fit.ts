/**
 * Fits a step's section in its budget. The step writes everything it knows; this gives up detail in a fixed order
 * until the section fits, and says what it left out:
 *
 *   1. examples, tests and benchmarks (then docs and tooling): their sections shrink to their first lines, their rows
 *      in shared tables go, then their sections fold into one line per folder;
 *   2. the product: long tables and lists keep their first 40, then 15, then 5 rows; subsections shrink; sections fold;
 *   3. whatever still does not fit is cut at the budget with a line saying so (only a section of one huge paragraph
 *      or code block gets here).
 *
 * Who a row or section belongs to comes from the paths it cites (owners.ts), so every step is fitted the same way.
 * With `--focus PATH`, what cites PATH is never shortened and what belongs to other packages always is.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { measure, within, type Budget } from './limits.js';
import { compactions, folds, rowDrops, truncations, type Change } from './changes.js';
import { Layout, measureLines, type Size } from './layout.js';
import { parseMarkdown } from './md-tree.js';
import { leftOutNote } from './summary.js';

export interface FitOptions {
  readonly budget: Budget;
  readonly index: RepoIndex;
  /** `--focus`: a repo-relative file or folder kept in full; other packages are summarised. */
  readonly focus?: string;
  /** What the sections at a heading level are, for their summary (`{ 3: ['app', 'apps'] }`); default: sections. */
  readonly units?: Readonly<Record<number, readonly [string, string]>>;
  /** Tables (by header line) whose product rows are never left out: the section's index, e.g. every package. */
  readonly keepTables?: readonly RegExp[];
}

export interface FitResult {
  readonly markdown: string;
  /** Sections folded or shortened, and rows or items not shown. */
  readonly leftOut: { readonly sections: number; readonly rows: number };
}

/** Room kept for the closing note, so adding it never breaks the budget. */
const NOTE_RESERVE: Size = { lines: 2, bytes: 520 };

export function fitSection(markdown: string, options: FitOptions): FitResult {
  const none = { markdown, leftOut: { sections: 0, rows: 0 } };
  const size = measure(markdown);
  if (!options.focus && within(size, options.budget)) return none;
  return new Fitter(options, markdown).fit();
}

class Fitter {
  private readonly budget: Budget;
  private readonly layout: Layout;

  constructor(
    private readonly options: FitOptions,
    markdown: string,
  ) {
    this.budget = { lines: options.budget.lines - NOTE_RESERVE.lines, bytes: options.budget.bytes - NOTE_RESERVE.bytes };
    this.layout = new Layout(parseMarkdown(markdown), options);
  }

  fit(): FitResult {
    const layout = this.layout;
    const focus = this.options.focus !== undefined;
    // Another package's detail under --focus goes whatever the size; then the usual order, as long as it does not fit.
    for (const tier of focus ? ([3, 2, 1] as const) : ([2, 1] as const)) {
      const force = tier === 3;
      this.apply(compactions(layout, tier, 3), force);
      this.apply(rowDrops(layout, tier), force);
      this.apply(folds(layout, tier), force);
    }
    for (const limit of [40, 15, 5]) this.apply(truncations(layout, limit), false);
    this.apply(compactions(layout, 0, 4), false);
    this.apply(compactions(layout, 0, 3), false);
    this.apply(folds(layout, 0), false);
    this.regrow();
    const leftOut = layout.leftOut();
    let lines = layout.render(layout.root);
    if (leftOut.sections + leftOut.rows > 0) lines.push('', leftOutNote(this.options.budget, layout.focusExample(), this.options.focus));
    lines = cut(lines, this.options.budget);
    return { markdown: `${lines.join('\n')}\n`, leftOut };
  }

  /**
   * Changes made while fitting, latest last, with what each saved when it was made, for `regrow`; forced ones (other
   * packages under --focus) are not kept.
   */
  private readonly changes: { readonly change: Change; readonly saved: Size }[] = [];

  private apply(ops: Iterable<() => Change | undefined>, force: boolean): void {
    for (const op of ops) {
      if (!force && this.fits()) return;
      const before = force ? undefined : { ...this.layout.sizeOf(this.layout.root) };
      const change = op();
      if (!change || !before) continue;
      const after = this.layout.sizeOf(this.layout.root);
      this.changes.push({ change, saved: { lines: before.lines - after.lines, bytes: before.bytes - after.bytes } });
    }
  }

  /**
   * A change that saved more than was needed can leave room: going back from the latest change to the first, each is
   * undone when the section still fits without it (and its target was not changed again since). One that saved more
   * than the room left is not tried: most are not, which keeps this pass cheap on a section of thousands of parts.
   */
  private regrow(): void {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const { change, saved } = this.changes[i];
      const size = this.layout.sizeOf(this.layout.root);
      if (saved.lines > this.budget.lines - size.lines || saved.bytes > this.budget.bytes - size.bytes) continue;
      if (!change.undo()) continue;
      if (!this.fits()) change.redo();
    }
  }

  private fits(): boolean {
    const s = this.layout.sizeOf(this.layout.root);
    return s.lines <= this.budget.lines && s.bytes <= this.budget.bytes;
  }
}

/**
 * The hard limit, for what no summary could shrink (one huge paragraph or code block): the lines that fit, closing an
 * open code fence, and a line saying how much was cut and how to see it.
 */
function cut(lines: string[], budget: Budget): string[] {
  if (within(measureLines(lines), budget)) return lines;
  const note = `(${'…'} The rest of this section did not fit the map's budget; \`project-context --detail full\` writes it.)`;
  const room = { lines: budget.lines - 3, bytes: budget.bytes - Buffer.byteLength(note, 'utf8') - 16 };
  const out: string[] = [];
  let bytes = 0;
  let fence: string | undefined;
  for (const line of lines) {
    const b = Buffer.byteLength(line, 'utf8') + 1;
    if (out.length + 1 > room.lines || bytes + b > room.bytes) break;
    out.push(line);
    bytes += b;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === undefined ? f[1] : undefined;
  }
  if (fence !== undefined) out.push(fence);
  return [...out, '', note];
}
