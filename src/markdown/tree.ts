import { plain } from './text.js';

export interface TreeEntry {
  /** Posix path relative to the tree's root, e.g. `packages/api/src`. */
  readonly path: string;
  /** Shown after the name, e.g. `# Lambda handlers`. */
  readonly note?: string;
}

/**
 * An ASCII directory tree (├── └── │) from a list of paths. Parents missing from the list are drawn without a note.
 * Folders are written with a trailing slash when `dirs` says so.
 */
export function tree(rootLabel: string, entries: readonly TreeEntry[], dirs: ReadonlySet<string> = new Set()): string {
  interface Node {
    children: Map<string, Node>;
    note?: string;
    path: string;
  }
  const top: Node = { children: new Map(), path: '' };
  for (const entry of entries) {
    let node = top;
    const parts = entry.path.split('/').filter(Boolean);
    parts.forEach((part, i) => {
      const p = parts.slice(0, i + 1).join('/');
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map(), path: p };
        node.children.set(part, child);
      }
      node = child;
    });
    if (entry.note) node.note = entry.note;
  }
  const lines = [plain(rootLabel)];
  const width = longestLabel(top, 0, dirs);
  const render = (node: Node, prefix: string): void => {
    const kids = [...node.children.entries()];
    kids.forEach(([name, child], i) => {
      const last = i === kids.length - 1;
      const isDir = child.children.size > 0 || dirs.has(child.path);
      const label = `${prefix}${last ? '└── ' : '├── '}${plain(name)}${isDir ? '/' : ''}`;
      lines.push(child.note ? `${label.padEnd(width + 2)}# ${plain(child.note)}` : label);
      render(child, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  render(top, '');
  return lines.join('\n');
}

function longestLabel(node: { children: Map<string, any> }, depth: number, dirs: ReadonlySet<string>): number {
  let max = 0;
  for (const [name, child] of node.children) {
    const own = depth * 4 + 4 + name.length + (child.children.size > 0 || dirs.has(child.path) ? 1 : 0);
    max = Math.max(max, own, longestLabel(child, depth + 1, dirs));
  }
  return Math.min(max, 60);
}
