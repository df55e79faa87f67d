/**
 * "Has the repository changed under this section?" A section records a content hash of every file it cites when it is
 * generated (`StepRecord.citedFiles`); on resume, `repoChanges` compares them (and git HEAD) with the repository as it
 * is now, so the wizard can offer to regenerate exactly the affected steps.
 *
 * Files are read, never executed; paths that would leave the root are ignored, and a symbolic link is hashed as its
 * target text rather than followed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { citedPaths } from '../src/steps/verify-citations.js';
import type { SessionState } from './schema.js';

/** What a missing (or unreadable) cited file hashes to, so its disappearance counts as a change. */
export const MISSING = 'missing';

/** A short content digest of one repo-relative path: a file's bytes, a folder's presence, a link's target. */
export function pathDigest(root: string, rel: string): string {
  const abs = path.resolve(root, rel);
  const base = path.resolve(root);
  if (abs !== base && !abs.startsWith(base + path.sep)) return MISSING;
  try {
    const st = fs.lstatSync(abs);
    const hash = crypto.createHash('sha256');
    if (st.isSymbolicLink()) hash.update(`link:${fs.readlinkSync(abs)}`);
    else if (st.isDirectory()) hash.update('dir');
    else if (st.isFile()) hash.update(fs.readFileSync(abs));
    else return MISSING;
    return hash.digest('hex').slice(0, 16);
  } catch {
    return MISSING;
  }
}

/** Digests of the given repo-relative paths, keyed and ordered by path. */
export function hashFiles(root: string, files: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [...new Set(files)].sort()) out[f] = pathDigest(root, f);
  return out;
}

/** Digests of every path a section cites (`/packages/api/src/x.ts:12` → `packages/api/src/x.ts`). */
export function citedFileHashes(root: string, markdown: string): Record<string, string> {
  return hashFiles(
    root,
    citedPaths(markdown)
      .map((c) => c.file)
      .filter((f) => f !== ''),
  );
}

/** The recorded paths whose digest differs now, sorted. */
export function changedFiles(root: string, recorded: Readonly<Record<string, string>>): string[] {
  return Object.keys(recorded)
    .filter((f) => pathDigest(root, f) !== recorded[f])
    .sort();
}

export interface RepoChanges {
  /** HEAD moved since the session started (false when either side is not a git commit). */
  readonly headChanged: boolean;
  /** Steps with a section (generated or accepted) whose cited files changed, in session order. */
  readonly steps: ReadonlyArray<{ readonly number: number; readonly title: string; readonly files: readonly string[] }>;
}

/** What changed in the repository under the session's sections since they were generated. */
export function repoChanges(state: SessionState, currentHead: string | null): RepoChanges {
  const steps = state.steps
    .filter((s) => s.citedFiles && (s.status === 'generated' || s.status === 'accepted'))
    .map((s) => ({ number: s.number, title: s.title, files: changedFiles(state.root, s.citedFiles!) }))
    .filter((s) => s.files.length > 0);
  return { headChanged: !!state.gitHead && !!currentHead && state.gitHead !== currentHead, steps };
}
