/**
 * A section as the budget sees it: the markdown tree (md-tree.ts) with, for every section, table row and list item,
 * who it belongs to and how important that is, the state the fitter left it in, and its size, kept per part so that
 * one change is measured again in its neighbourhood only. Renders the section as the fitter left it.
 */
import type { Block, MdSection, Row } from './md-tree.js';
import { Owners, type Owner } from './owners.js';
import { foldedBullets, hiddenRowsNote, type FoldedUnit } from './summary.js';
import type { FitOptions } from './fit.js';

/** Priority of a row or section: -1 never shortened (focused, an index row), 0–2 its owner's tier, 3 another package under --focus. */
export type Priority = -1 | 0 | 1 | 2 | 3;

export interface RowState {
  readonly row: Row;
  readonly priority: Priority;
  readonly owner?: Owner;
  dropped: boolean;
}

export interface BlockState {
  readonly block: Block;
  readonly rows: RowState[];
  /** At most this many rows that may be shortened are shown (focused rows always are). */
  limit: number;
}

export interface Node {
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

export interface Size {
  lines: number;
  bytes: number;
}

/** Rows a compact section keeps of its first table or list. */
const COMPACT_ROWS = 3;

export class Layout {
  readonly root: Node;
  private readonly owners: Owners;

  constructor(
    md: MdSection,
    private readonly options: FitOptions,
  ) {
    this.owners = Owners.of(options.index);
    this.root = this.build(md, undefined);
  }

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

  nodes(): Node[] {
    const out: Node[] = [];
    const visit = (n: Node) => {
      out.push(n);
      n.children.forEach(visit);
    };
    visit(this.root);
    return out;
  }

  /** Inside a folded or compact section: not rendered at all. */
  hidden(n: Node): boolean {
    for (let p = n.parent; p; p = p.parent) if (p.state !== 'full') return true;
    return false;
  }

  hasMore(n: Node): boolean {
    return n.children.length > 0 || n.blocks.length > 1 || n.blocks.some((b) => this.shownRows(b).length > COMPACT_ROWS);
  }

  /**
   * `n` changed: its own lines, and (when its state changed) its parent's summary, are measured again; every ancestor's
   * total is summed again from the cached parts, so one change costs the size of its neighbourhood, not of the section.
   */
  touch(n: Node, stateChanged = false): void {
    n.ownSize = undefined;
    if (stateChanged && n.parent) n.parent.summarySize = undefined;
    for (let p: Node | undefined = n; p; p = p.parent) p.size = undefined;
  }

  sizeOf(n: Node): Size {
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

  render(n: Node): string[] {
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

  shownRows(b: BlockState, cap = Infinity): RowState[] {
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

  leftOut(): { sections: number; rows: number } {
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
  focusExample(): string | undefined {
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

function inFocus(path: string, focus: string): boolean {
  return focus === '' || path === focus || path.startsWith(`${focus}/`);
}

function headingText(md: MdSection): string {
  return (md.heading ?? '').replace(/^#+\s*/, '').trim();
}

export function measureLines(lines: readonly string[]): Size {
  let bytes = 0;
  for (const l of lines) bytes += Buffer.byteLength(l, 'utf8') + 1;
  return { lines: lines.length, bytes };
}
