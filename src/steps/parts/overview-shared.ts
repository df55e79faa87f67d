import type { PackageFact } from '../../detectors/packages/index.js';
import { codeBlock } from '../../markdown/blocks.js';
import { oneLine } from '../../markdown/text.js';
import { tree } from '../../markdown/tree.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import path from 'node:path';

/** Up to `n` whole sentences of a text, on one line, while they fit in `max` characters (cut with … otherwise). */
export function sentences(text: string, n: number, max = 320): string {
  const t = oneLine(text);
  const ends: number[] = [];
  // A sentence ends at . ! or ? followed by a space and a capital, digit or quote (so `kv.set()` is not an end).
  for (const m of t.matchAll(/[.!?]+(?=\s+["'“(\p{Lu}\d])/gu)) ends.push((m.index ?? 0) + m[0].length);
  ends.push(t.length);
  let cut = ends[0];
  for (let i = 1; i < Math.min(n, ends.length) && ends[i] <= max; i++) cut = ends[i];
  const s = t.slice(0, cut).trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** One line saying what a package is for, and where that comes from when it was inferred. */
export function purposeLine(pkg: PackageFact['data']): string {
  const p = pkg.purpose;
  if (!p) return 'purpose not stated (no description, README or telling dependency)';
  if (p.source === 'inferred') return `${oneLine(p.text)} (inferred from ${oneLine(p.because ?? 'its manifest')})`;
  return oneLine(p.text);
}

/** A tree of the workspace packages, each with `name — purpose`. */
export function packageTree(index: RepoIndex, members: readonly PackageFact['data'][]): string {
  const entries = members.map((p) => {
    const note = `${p.name} — ${purposeLine(p).replace(/\s*\(inferred from .*\)$/, ' (inferred)')}`;
    return { path: p.dir, note: oneLine(note) };
  });
  const dirs = new Set(members.map((p) => p.dir));
  return codeBlock(tree(`${path.basename(index.root)}/`, entries, dirs), 'text');
}
