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
import { parseMarkdown, type Block, type MdSection, type Row } from './md-tree.js';
import { Owners, type Owner } from './owners.js';
import { foldedBullets, hiddenRowsNote, leftOutNote, type FoldedUnit } from './summary.js';

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

/** Priority of a row or section: -1 focused (never shortened), 0–2 its owner's tier, 3 another package under --focus. */
type Priority = -1 | 0 | 1 | 2 | 3;

interface RowState {
  readonly row: Row;
  readonly priority: Priority;
  readonly owner?: Owner;
  dropped: boolean;
}

interface BlockState {
  readonly block: Block;
  readonly rows: RowState[];
  /** At most this many rows that may be shortened are shown (focused rows always are). */
  limit: number;
}

interface Node {
  readonly md: MdSection;
  readonly parent?: Node;
  readonly children: Node[];
  readonly blocks: BlockState[];
  priority: Priority;
  owner?: Owner;
  state: 'full' | 'compact' | 'folded';
  /** Cached sizes: the whole subtree, the heading and lead blocks alone, and the summary of folded children. */
  size?: Size;
  ownSize?: Size;
  summarySize?: Size;
}

interface Size {
  lines: number;
  bytes: number;
}

/** One step of fitting, undone by `regrow` when the section fits without it. `undo` is false when it no longer applies. */
interface Change {
  undo(): boolean;
  redo(): void;
}

/** Room kept for the closing note, so adding it never breaks the budget. */
const NOTE_RESERVE: Size = { lines: 2, bytes: 520 };
const COMPACT_ROWS = 3;

export function fitSection(markdown: string, options: FitOptions): FitResult {
  const none = { markdown, leftOut: { sections: 0, rows: 0 } };
  const size = measure(markdown);
  if (!options.focus && within(size, options.budget)) return none;
  return new Fitter(options).fit(markdown);
}

class Fitter {
  private readonly owners: Owners;
  private readonly budget: Budget;
  private root!: Node;

  constructor(private readonly options: FitOptions) {
    this.owners = Owners.of(options.index);
    this.budget = { lines: options.budget.lines - NOTE_RESERVE.lines, bytes: options.budget.bytes - NOTE_RESERVE.bytes };
  }

  fit(markdown: string): FitResult {
    this.root = this.build(parseMarkdown(markdown), undefined);
    const focus = this.options.focus !== undefined;
    // Another package's detail under --focus goes whatever the size; then the usual order, as long as it does not fit.
    for (const tier of focus ? ([3, 2, 1] as const) : ([2, 1] as const)) {
      const force = tier === 3;
      this.apply(this.compactions(tier, 3), force);
      this.apply(this.rowDrops(tier), force);
      this.apply(this.folds(tier), force);
    }
    for (const limit of [40, 15, 5]) this.apply(this.truncations(limit), false);
    this.apply(this.compactions(0, 4), false);
    this.apply(this.compactions(0, 3), false);
    this.apply(this.folds(0), false);
    this.regrow();
    const leftOut = this.leftOut();
    let lines = this.render(this.root);
    if (leftOut.sections + leftOut.rows > 0) lines.push('', leftOutNote(this.options.budget, this.focusExample(), this.options.focus));
    lines = cut(lines, this.options.budget);
    return { markdown: `${lines.join('\n')}\n`, leftOut };
  }

  // ---- the tree and who owns what -------------------------------------------------------------------------------

  private build(md: MdSection, parent: Node | undefined): Node {
    const node: Node = { md, parent, children: [], blocks: [], priority: 0, state: 'full' };
    const own: string[] = [];
    for (const block of md.lead) {
      own.push(...block.cites);
      for (const r of block.rows) own.push(...r.cites);
    }
    node.owner = own.length ? this.owners.of(own[0]) : undefined;
    const base = this.priorityOf(own, parent?.priority ?? 0);
    node.priority = base;
    for (const child of md.children) node.children.push(this.build(child, node));
    if (own.length === 0 && node.children.length) {
      // A heading over subsections only: as important as its most important part, owned like its first.
      node.priority = Math.min(...node.children.map((c) => c.priority)) as Priority;
      node.owner = node.children.find((c) => c.owner)?.owner;
    }
    for (const block of md.lead) {
      const keep = block.kind === 'table' && (this.options.keepTables ?? []).some((re) => re.test(block.head[0] ?? ''));
      const rows = block.rows.map((row) => {
        let priority = row.cites.length ? this.priorityOf(row.cites, base) : base;
        if (keep && priority === 0) priority = -1;
        return { row, priority, owner: row.cites.length ? this.owners.of(row.cites[0]) : undefined, dropped: false };
      });
      node.blocks.push({ block, rows, limit: Infinity });
    }
    // What holds a row or subsection that is never shortened (focused, or an index row) is never folded either.
    if (node.children.some((c) => c.priority === -1) || node.blocks.some((b) => b.rows.some((r) => r.priority === -1))) node.priority = -1;
    return node;
  }

  private priorityOf(cites: readonly string[], inherited: Priority): Priority {
    if (cites.length === 0) return inherited;
    const focus = this.options.focus;
    if (focus !== undefined) {
      if (cites.some((c) => inFocus(c, focus))) return -1;
      // The repository's own files (root configs, CI) stay under the usual budget; other packages are summarised.
      if (!cites.some((c) => this.owners.of(c).dir === '')) return 3;
    }
    return Math.min(...cites.map((c) => this.owners.of(c).tier)) as Priority;
  }

  // ---- operations, in the order detail is given up ---------------------------------------------------------------

  /**
   * Changes made while fitting, latest last, with what each saved when it was made, for `regrow`; forced ones (other
   * packages under --focus) are not kept.
   */
  private readonly changes: { readonly change: Change; readonly saved: Size }[] = [];

  private apply(ops: Iterable<() => Change | undefined>, force: boolean): void {
    for (const op of ops) {
      if (!force && this.fits()) return;
      const before = force ? undefined : { ...this.sizeOf(this.root) };
      const change = op();
      if (!change || !before) continue;
      const after = this.sizeOf(this.root);
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
      const size = this.sizeOf(this.root);
      if (saved.lines > this.budget.lines - size.lines || saved.bytes > this.budget.bytes - size.bytes) continue;
      if (!change.undo()) continue;
      if (!this.fits()) change.redo();
    }
  }

  private fits(): boolean {
    const s = this.sizeOf(this.root);
    return s.lines <= this.budget.lines && s.bytes <= this.budget.bytes;
  }

  private setState(n: Node, state: Node['state']): Change {
    const before = n.state;
    n.state = state;
    this.touch(n, true);
    return {
      undo: () => {
        if (n.state !== state || this.hidden(n)) return false;
        n.state = before;
        this.touch(n, true);
        return true;
      },
      redo: () => {
        n.state = state;
        this.touch(n, true);
      },
    };
  }

  /** Sections of at least `level` whose priority is `tier` or lower in importance, shrunk to their first lines. */
  private *compactions(tier: Priority, level: number): Iterable<() => Change | undefined> {
    const nodes = this.nodes().filter((n) => n.md.level >= level && eligible(n.priority, tier) && n.state === 'full');
    const saving = (n: Node) => this.sizeOf(n).bytes;
    for (const n of nodes.sort((a, b) => saving(b) - saving(a))) {
      yield () => (n.state !== 'full' || this.hidden(n) || !this.hasMore(n) ? undefined : this.setState(n, 'compact'));
    }
  }

  /** Rows of tables and lists whose priority is `tier` or lower in importance. */
  private *rowDrops(tier: Priority): Iterable<() => Change | undefined> {
    const targets: { node: Node; block: BlockState; rows: RowState[] }[] = [];
    for (const node of this.nodes()) {
      for (const block of node.blocks) {
        const rows = block.rows.filter((r) => !r.dropped && eligible(r.priority, tier));
        if (rows.length) targets.push({ node, block, rows });
      }
    }
    const weight = (t: (typeof targets)[number]) => t.rows.reduce((sum, r) => sum + r.row.lines.length, 0);
    for (const { node, block, rows } of targets.sort((a, b) => weight(b) - weight(a))) {
      yield () => {
        if (this.hidden(node) || node.state !== 'full') return undefined;
        const set = (dropped: boolean) => {
          for (const r of rows) r.dropped = dropped;
          this.touch(node);
        };
        set(true);
        return {
          // Rows come back only into a table no later change shortened, so they never push out more important rows.
          undo: () => (block.limit !== Infinity || node.state !== 'full' || this.hidden(node) ? false : (set(false), true)),
          redo: () => set(true),
        };
      };
    }
  }

  /** Sections whose priority is `tier` or lower in importance, folded into their parent's summary: shallow ones first, last first. */
  private *folds(tier: Priority): Iterable<() => Change | undefined> {
    const nodes = this.nodes().filter((n) => n.md.level >= 3 && n.parent && eligible(n.priority, tier));
    const order = new Map(nodes.map((n, i) => [n, i]));
    nodes.sort((a, b) => a.md.level - b.md.level || (order.get(b) ?? 0) - (order.get(a) ?? 0));
    for (const n of nodes) yield () => (n.state === 'folded' || this.hidden(n) ? undefined : this.setState(n, 'folded'));
  }

  /** Long tables and lists keep their first `limit` rows (rows already dropped do not count). */
  private *truncations(limit: number): Iterable<() => Change | undefined> {
    const targets: { node: Node; block: BlockState }[] = [];
    for (const node of this.nodes()) {
      for (const block of node.blocks) if (this.shownRows(block).filter((r) => r.priority !== -1).length > limit) targets.push({ node, block });
    }
    targets.sort((a, b) => this.shownRows(b.block).length - this.shownRows(a.block).length);
    for (const { node, block } of targets) {
      yield () => {
        if (this.hidden(node) || node.state !== 'full' || block.limit <= limit) return undefined;
        const before = block.limit;
        const set = (value: number) => {
          block.limit = value;
          this.touch(node);
        };
        set(limit);
        return { undo: () => (block.limit !== limit || node.state !== 'full' || this.hidden(node) ? false : (set(before), true)), redo: () => set(limit) };
      };
    }
  }

  // ---- sizes and rendering ---------------------------------------------------------------------------------------

  private nodes(): Node[] {
    const out: Node[] = [];
    const visit = (n: Node) => {
      out.push(n);
      n.children.forEach(visit);
    };
    visit(this.root);
    return out;
  }

  /** Inside a folded or compact section: not rendered at all. */
  private hidden(n: Node): boolean {
    for (let p = n.parent; p; p = p.parent) if (p.state !== 'full') return true;
    return false;
  }

  private hasMore(n: Node): boolean {
    return n.children.length > 0 || n.blocks.length > 1 || n.blocks.some((b) => this.shownRows(b).length > COMPACT_ROWS);
  }

  /**
   * `n` changed: its own lines, and (when its state changed) its parent's summary, are measured again; every ancestor's
   * total is summed again from the cached parts, so one change costs the size of its neighbourhood, not of the section.
   */
  private touch(n: Node, stateChanged = false): void {
    n.ownSize = undefined;
    if (stateChanged && n.parent) n.parent.summarySize = undefined;
    for (let p: Node | undefined = n; p; p = p.parent) p.size = undefined;
  }

  private sizeOf(n: Node): Size {
    if (n.size) return n.size;
    n.ownSize ??= measureLines(this.renderOwn(n));
    const size = { ...n.ownSize };
    if (n.state === 'full') {
      for (const c of n.children) {
        if (c.state === 'folded') continue;
        const s = this.sizeOf(c);
        size.lines += s.lines;
        size.bytes += s.bytes;
      }
      n.summarySize ??= measureLines(this.renderSummary(n));
      size.lines += n.summarySize.lines;
      size.bytes += n.summarySize.bytes;
    }
    n.size = size;
    return size;
  }

  private render(n: Node): string[] {
    const out = this.renderOwn(n);
    if (n.state !== 'full') return out;
    for (const c of n.children) if (c.state !== 'folded') out.push(...this.render(c));
    out.push(...this.renderSummary(n));
    return out;
  }

  /** The heading and the lead blocks (a compact section: the first block, shortened, and what was left out). */
  private renderOwn(n: Node): string[] {
    const out: string[] = [];
    if (n.md.heading !== undefined) {
      if (n.md.gap) out.push('');
      out.push(n.md.heading);
    }
    if (n.state === 'folded') return [];
    if (n.state === 'compact') {
      // The lead up to its first table or list, which keeps its first rows; the rest is named.
      const firstList = n.blocks.findIndex((b) => b.block.kind !== 'text');
      const kept = firstList === -1 ? Math.min(1, n.blocks.length) : firstList + 1;
      for (const b of n.blocks.slice(0, kept)) out.push(...this.renderBlock(b, COMPACT_ROWS));
      const rest = n.blocks.slice(kept);
      const count = (kind: Block['kind']) => rest.filter((b) => b.block.kind === kind).reduce((sum, b) => sum + b.rows.length, 0);
      const [rows, items, texts] = [count('table'), count('list'), rest.filter((b) => b.block.kind === 'text').length];
      const parts = [
        rows ? `${rows} more table row${rows === 1 ? '' : 's'}` : '',
        items ? `${items} more list item${items === 1 ? '' : 's'}` : '',
        texts && !rows && !items ? `${texts} more paragraph${texts === 1 ? '' : 's'}` : '',
        ...n.children.map((c) => headingText(c.md)),
      ].filter(Boolean);
      if (parts.length) {
        const shown = parts.slice(0, 5).join(', ');
        out.push('', `Left out here: ${shown}${parts.length > 5 ? ` and ${parts.length - 5} more` : ''}.`);
      }
      return out;
    }
    for (const b of n.blocks) out.push(...this.renderBlock(b, Infinity));
    return out;
  }

  private shownRows(b: BlockState, cap = Infinity): RowState[] {
    const limit = Math.min(b.limit, cap);
    let budgeted = 0;
    return b.rows.filter((r) => {
      if (r.priority === -1) return true;
      if (r.dropped) return false;
      return ++budgeted <= limit;
    });
  }

  private renderBlock(b: BlockState, cap: number): string[] {
    const out: string[] = [];
    const shown = this.shownRows(b, cap);
    const hidden = b.rows.filter((r) => !shown.includes(r));
    if (b.block.kind === 'text' || shown.length > 0) {
      if (b.block.gap) out.push('');
      out.push(...b.block.head);
      for (const r of shown) out.push(...r.row.lines);
    }
    if (hidden.length) {
      if (shown.length > 0 || b.block.gap) out.push('');
      out.push(hiddenRowsNote(hidden.map((r) => r.owner), b.block.kind === 'table' ? 'rows' : 'items'));
    }
    return out;
  }

  /** After a section's remaining subsections: one line per group of the ones folded. */
  private renderSummary(n: Node): string[] {
    const folded = n.children.filter((c) => c.state === 'folded');
    if (folded.length === 0) return [];
    const level = folded[0].md.level;
    const noun = this.options.units?.[level] ?? ['section', 'sections'];
    const units: FoldedUnit[] = folded.map((c) => this.unitOf(c));
    const title = `${'#'.repeat(level)} ${folded.length} more ${folded.length === 1 ? noun[0] : noun[1]}, in brief`;
    return ['', title, '', ...foldedBullets(units, noun)];
  }

  /** A folded section's summary input never changes; the parent's summary is rebuilt after every change. */
  private readonly units = new WeakMap<Node, FoldedUnit>();

  private unitOf(n: Node): FoldedUnit {
    let unit = this.units.get(n);
    if (!unit) this.units.set(n, (unit = this.computeUnit(n)));
    return unit;
  }

  private computeUnit(n: Node): FoldedUnit {
    const label = headingText(n.md);
    const dash = label.lastIndexOf(' — ');
    const trait = dash > 0 && !label.slice(dash).includes('`') ? label.slice(dash + 3) : undefined;
    const configs = n.blocks
      .flatMap((b) => [...b.block.cites, ...b.rows.flatMap((r) => r.row.cites)])
      .map((c) => c.slice(c.lastIndexOf('/') + 1))
      .filter((name) => /\.config\.[cm]?[jt]s$/.test(name));
    return { owner: n.owner, label, trait, configs: [...new Set(configs)] };
  }

  private leftOut(): { sections: number; rows: number } {
    let sections = 0;
    let rows = 0;
    for (const n of this.nodes()) {
      if (this.hidden(n)) continue;
      if (n.state !== 'full') sections++;
      if (n.state === 'full') for (const b of n.blocks) rows += b.rows.length - this.shownRows(b).length;
    }
    return { sections, rows };
  }

  /** A real folder the reader could focus on: the first package whose detail was left out. */
  private focusExample(): string | undefined {
    for (const n of this.nodes()) {
      if (n.state !== 'full' && n.owner && n.owner.dir !== '') return n.owner.dir;
      for (const b of n.blocks) {
        const hidden = b.rows.find((r) => r.dropped && r.owner && r.owner.dir !== '');
        if (hidden?.owner) return hidden.owner.dir;
      }
    }
    return undefined;
  }
}

function eligible(priority: Priority, tier: Priority): boolean {
  return priority !== -1 && priority >= tier;
}

function inFocus(path: string, focus: string): boolean {
  return focus === '' || path === focus || path.startsWith(`${focus}/`);
}

function headingText(md: MdSection): string {
  return (md.heading ?? '').replace(/^#+\s*/, '').trim();
}

function measureLines(lines: readonly string[]): Size {
  let bytes = 0;
  for (const l of lines) bytes += Buffer.byteLength(l, 'utf8') + 1;
  return { lines: lines.length, bytes };
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
