/**
 * Line diffs for the review's "changes" view (`d`), `--check --diff` and the counts in messages: Myers' O(ND)
 * algorithm on the lines between the common prefix and suffix. Sections run to thousands of lines but change in few
 * places; past MAX_EDITS edits the middle is shown as removed and added whole rather than searched further.
 */
export interface DiffLine {
  readonly kind: 'same' | 'added' | 'removed';
  readonly text: string;
}

export interface Hunk {
  /** 1-based first line and line count on each side, as in `@@ -a,b +c,d @@`. */
  readonly before: { readonly start: number; readonly count: number };
  readonly after: { readonly start: number; readonly count: number };
  readonly lines: readonly DiffLine[];
}

const MAX_EDITS = 1500;

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (lines: string[]) => lines.map((text): DiffLine => ({ kind: 'same', text }));
  const middle = myers(a.slice(start, endA), b.slice(start, endB)) ?? [
    ...a.slice(start, endA).map((text): DiffLine => ({ kind: 'removed', text })),
    ...b.slice(start, endB).map((text): DiffLine => ({ kind: 'added', text })),
  ];
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

export function diffStats(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.kind === 'added') added++;
    else if (l.kind === 'removed') removed++;
  }
  return { added, removed };
}

/** The changed lines with `context` unchanged lines around them, grouped as in a unified diff. */
export function hunks(lines: readonly DiffLine[], context = 3): Hunk[] {
  const out: Hunk[] = [];
  const changed = lines.map((l, i) => (l.kind === 'same' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return out;
  // Line numbers on each side at each index.
  const beforeAt: number[] = [];
  const afterAt: number[] = [];
  for (let i = 0, x = 1, y = 1; i < lines.length; i++) {
    beforeAt.push(x);
    afterAt.push(y);
    if (lines[i].kind !== 'added') x++;
    if (lines[i].kind !== 'removed') y++;
  }
  let from = Math.max(0, changed[0] - context);
  let to = Math.min(lines.length, changed[0] + context + 1);
  const flush = () => {
    const slice = lines.slice(from, to);
    const count = (kind: DiffLine['kind']) => slice.filter((l) => l.kind !== kind).length;
    out.push({ before: { start: beforeAt[from], count: count('added') }, after: { start: afterAt[from], count: count('removed') }, lines: slice });
  };
  for (const i of changed.slice(1)) {
    if (i - context <= to) to = Math.min(lines.length, i + context + 1);
    else {
      flush();
      from = Math.max(0, i - context);
      to = Math.min(lines.length, i + context + 1);
    }
  }
  flush();
  return out;
}

/** A unified diff (`--- a`, `+++ b`, hunks), or '' when the texts have the same lines. */
export function unifiedDiff(before: string, after: string, labels: { readonly before: string; readonly after: string }): string {
  const parts = hunks(diffLines(before, after));
  if (parts.length === 0) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  for (const h of parts) {
    out.push(`@@ -${h.before.start},${h.before.count} +${h.after.start},${h.after.count} @@`);
    for (const l of h.lines) out.push(`${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '}${l.text}`);
  }
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lf = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  return lf === '' ? [] : lf.split('\n');
}

/** Myers' shortest edit script; undefined past MAX_EDITS edits. */
function myers(a: readonly string[], b: readonly string[]): DiffLine[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ kind: 'added', text }));
  if (m === 0) return a.map((text) => ({ kind: 'removed', text }));
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[k] for k in [-d, d] as it was before round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[], edits: number): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d > 0; d--) {
    const v = trace[d];
    const at = (k: number) => v[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) out.push({ kind: 'same', text: a[--x] }) && y--;
    if (x === prevX) out.push({ kind: 'added', text: b[--y] });
    else out.push({ kind: 'removed', text: a[--x] });
  }
  while (x > 0 && y > 0) {
    out.push({ kind: 'same', text: a[--x] });
    y--;
  }
  return out.reverse();
}
