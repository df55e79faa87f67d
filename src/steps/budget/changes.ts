/**
 * The ways a section gives up detail, each a generator of changes in the order they are tried (the biggest saving
 * first, or the last section first). A change can be undone while its target is as it left it, which is how the
 * fitter gives back room a bigger change made.
 */
import type { BlockState, Layout, Node, Priority, RowState } from './layout.js';

/** One step of fitting. `undo` is false (and does nothing) when its target was changed again since. */
export interface Change {
  undo(): boolean;
  redo(): void;
}

function setState(layout: Layout, n: Node, state: Node['state']): Change {
  const before = n.state;
  n.state = state;
  layout.touch(n, true);
  return {
    undo: () => {
      if (n.state !== state || layout.hidden(n)) return false;
      n.state = before;
      layout.touch(n, true);
      return true;
    },
    redo: () => {
      n.state = state;
      layout.touch(n, true);
    },
  };
}

/** Sections of at least `level` whose priority is `tier` or lower in importance, shrunk to their first lines. */
export function* compactions(layout: Layout, tier: Priority, level: number): Iterable<() => Change | undefined> {
  const nodes = layout.nodes().filter((n) => n.md.level >= level && eligible(n.priority, tier) && n.state === 'full');
  const saving = (n: Node) => layout.sizeOf(n).bytes;
  for (const n of nodes.sort((a, b) => saving(b) - saving(a))) {
    yield () => (n.state !== 'full' || layout.hidden(n) || !layout.hasMore(n) ? undefined : setState(layout, n, 'compact'));
  }
}

/** Rows of tables and lists whose priority is `tier` or lower in importance. */
export function* rowDrops(layout: Layout, tier: Priority): Iterable<() => Change | undefined> {
  const targets: { node: Node; block: BlockState; rows: RowState[] }[] = [];
  for (const node of layout.nodes()) {
    for (const block of node.blocks) {
      const rows = block.rows.filter((r) => !r.dropped && eligible(r.priority, tier));
      if (rows.length) targets.push({ node, block, rows });
    }
  }
  const weight = (t: (typeof targets)[number]) => t.rows.reduce((sum, r) => sum + r.row.lines.length, 0);
  for (const { node, block, rows } of targets.sort((a, b) => weight(b) - weight(a))) {
    yield () => {
      if (layout.hidden(node) || node.state !== 'full') return undefined;
      const set = (dropped: boolean) => {
        for (const r of rows) r.dropped = dropped;
        layout.touch(node);
      };
      set(true);
      return {
        // Rows come back only into a table no later change shortened, so they never push out more important rows.
        undo: () => (block.limit !== Infinity || node.state !== 'full' || layout.hidden(node) ? false : (set(false), true)),
        redo: () => set(true),
      };
    };
  }
}

/** Sections whose priority is `tier` or lower in importance, folded into their parent's summary: shallow ones first, last first. */
export function* folds(layout: Layout, tier: Priority): Iterable<() => Change | undefined> {
  const nodes = layout.nodes().filter((n) => n.md.level >= 3 && n.parent && eligible(n.priority, tier));
  const order = new Map(nodes.map((n, i) => [n, i]));
  nodes.sort((a, b) => a.md.level - b.md.level || (order.get(b) ?? 0) - (order.get(a) ?? 0));
  for (const n of nodes) yield () => (n.state === 'folded' || layout.hidden(n) ? undefined : setState(layout, n, 'folded'));
}

/** Long tables and lists keep their first `limit` rows (rows already dropped do not count). */
export function* truncations(layout: Layout, limit: number): Iterable<() => Change | undefined> {
  const targets: { node: Node; block: BlockState }[] = [];
  for (const node of layout.nodes()) {
    for (const block of node.blocks) if (layout.shownRows(block).filter((r) => r.priority !== -1).length > limit) targets.push({ node, block });
  }
  targets.sort((a, b) => layout.shownRows(b.block).length - layout.shownRows(a.block).length);
  for (const { node, block } of targets) {
    yield () => {
      if (layout.hidden(node) || node.state !== 'full' || block.limit <= limit) return undefined;
      const before = block.limit;
      const set = (value: number) => {
        block.limit = value;
        layout.touch(node);
      };
      set(limit);
      return { undo: () => (block.limit !== limit || node.state !== 'full' || layout.hidden(node) ? false : (set(before), true)), redo: () => set(limit) };
    };
  }
}

/** Whether a part of this priority gives up detail at `tier`: never shortened parts never do. */
function eligible(priority: Priority, tier: Priority): boolean {
  return priority !== -1 && priority >= tier;
}
