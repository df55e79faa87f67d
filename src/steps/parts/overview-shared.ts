import type { PackageFact } from '../../detectors/packages/index.js';
import { auxiliaryFolder } from '../../detectors/stack/index.js';
import { codeBlock } from '../../markdown/blocks.js';
import { code, oneLine, urlPath } from '../../markdown/text.js';
import { tree } from '../../markdown/tree.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import path from 'node:path';
import { roleCounts } from './roles.js';
import { pushTo } from '../../collections.js';

/**
 * A value from the repository (package name, version, declared path) as inline code — unless it starts with `/`,
 * which would read as a repository path citation; then it is plain text.
 */
export function literal(text: string): string {
  return oneLine(text).startsWith('/') ? urlPath(text) : code(text);
}

/** Text quoted from the repository as one line of prose: no code spans, which could pass for path citations. */
export function prose(text: string): string {
  return oneLine(text.replace(/`+/g, ''));
}

/** Up to `n` whole sentences of a text, on one line, while they fit in `max` characters (cut with … otherwise). */
export function sentences(text: string, n: number, max = 320): string {
  const t = prose(text);
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
  if (p.source === 'inferred') return `${prose(p.text)} (inferred from ${oneLine(p.because ?? 'its manifest')})`;
  return prose(p.text);
}

/**
 * A tree of the workspace packages, each with `name — purpose`. Example, test and fixture packages are folded into one
 * line per folder when there are several, so the product's own packages stay readable.
 */
export function packageTree(index: RepoIndex, members: readonly PackageFact['data'][], limit = 40): string {
  const aux = new Map<string, PackageFact['data'][]>();
  for (const p of members.filter((m) => m.auxiliary)) pushTo(aux, auxiliaryFolder(p.dir), p);
  const folded = new Set([...aux].filter(([, list]) => list.length >= 3).map(([dir]) => dir));
  const entries: { path: string; note: string }[] = [];
  for (const p of members) {
    if (p.auxiliary && folded.has(auxiliaryFolder(p.dir))) continue;
    entries.push({ path: p.dir, note: oneLine(`${p.name} — ${purposeLine(p).replace(/\s*\(inferred from .*\)$/, ' (inferred)')}`) });
  }
  const shown = entries.slice(0, limit);
  for (const dir of folded) shown.push({ path: dir, note: `${roleCounts((aux.get(dir) ?? []).map((p) => p.role))} (listed in step 2)` });
  const dirs = new Set([...members.map((p) => p.dir), ...folded]);
  const more = entries.length > limit ? `\n… and ${entries.length - limit} more packages (all listed in step 2)` : '';
  return codeBlock(tree(`${path.basename(index.root)}/`, [...shown].sort((a, b) => a.path.localeCompare(b.path)), dirs) + more, 'text');
}
