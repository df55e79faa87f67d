/**
 * The files one run owns — the output, the state file, its lock, the file cache, the output's write lock — must be
 * distinct real files, none inside another, and a path inside the repository must stay inside it. Compared by real
 * path (linked parent folders resolved) and by inode, never as strings: `--state ./PROJECT-CONTEXT.md`, a hard link,
 * or `docs/` linked to the repository root must not make two roles write one file.
 */
import path from 'node:path';
import { UsageError, UserFacingError } from '../errors.js';
import { outputLockPath } from '../output/output-lock.js';
import { isWithin, realPathOf, sameFile } from '../output/path-policy.js';

interface Owned {
  readonly role: string;
  readonly file: string;
}

function owned(output: string, stateFile: string): Owned[] {
  const dir = path.dirname(stateFile);
  return [
    { role: 'the output (--output)', file: output },
    { role: 'the state file (--state)', file: stateFile },
    { role: "the state file's lock", file: `${stateFile}.lock` },
    { role: 'the file cache', file: path.join(dir, 'file-cache.json') },
    { role: "the state folder's .gitignore", file: path.join(dir, '.gitignore') },
    { role: "the output's write lock", file: outputLockPath(output) },
  ];
}

/** Throws UsageError (exit 2) when two roles share a file or one lies inside another; UserFacingError for a way out. */
export function checkRunPaths(root: string, output: string, stateFile: string): void {
  const files = owned(output, stateFile);
  for (const [i, a] of files.entries()) {
    for (const b of files.slice(i + 1)) {
      if (sameFile(a.file, b.file)) {
        throw new UsageError(`${capital(a.role)} and ${b.role} are the same file (${a.file}); give --output and --state paths that do not collide.`, '');
      }
    }
  }
  for (const [a, b] of [
    [files[0], files[1]],
    [files[1], files[0]],
  ]) {
    if (isWithin(a.file, b.file)) {
      throw new UsageError(`${capital(b.role)} ${b.file} would be inside ${a.role} ${a.file}; give --output and --state paths that do not collide.`, '');
    }
  }
  for (const { role, file } of files.slice(0, 2)) requireInsideIfWithin(root, file, role);
}

/**
 * A path spelled inside the repository must really be inside it: a folder of the repository committed as a link
 * (`docs -> /home/me`) would otherwise make us write wherever it points.
 */
function requireInsideIfWithin(root: string, file: string, role: string): void {
  const lexical = path.relative(path.resolve(root), path.resolve(file));
  if (lexical.startsWith('..') || path.isAbsolute(lexical)) return; // the user chose a place outside the repository
  if (isWithin(root, file)) return;
  throw new UserFacingError(
    `${capital(role)} ${file} leads out of the repository through a symbolic link (to ${realPathOf(file)}); project-context does not read or write through links.`,
    'Remove the link, or give a path outside the repository with --output or --state.',
  );
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
