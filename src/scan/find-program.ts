/**
 * Where the programs we start come from. A child started by name is looked up in PATH by the child itself, after
 * it has changed into its working folder: with a relative PATH entry (`.`, `node_modules/.bin`, or an empty entry,
 * which means `.`), `git` run in the analysed repository is the repository's own `./git` (issue 18, case 5). So every
 * program is found here, before it starts, by absolute path, in the absolute PATH entries that do not lie inside the
 * analysed repository; the child gets the same trusted PATH for anything it starts in turn.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProgramLookup {
  /** PATH as the user set it (default: this process's). */
  readonly path?: string;
  /** Folders whose programs are never run: the analysed repository. */
  readonly untrusted?: readonly string[];
}

/** The absolute, existing PATH entries that lie outside every untrusted folder, in order, without repeats. */
export function trustedPath(lookup: ProgramLookup = {}): string[] {
  const untrusted = (lookup.untrusted ?? []).map(real);
  const out: string[] = [];
  for (const entry of (lookup.path ?? process.env.PATH ?? '').split(path.delimiter)) {
    // An empty entry means the working folder; a relative one is resolved against it: neither is trusted.
    if (entry === '' || !path.isAbsolute(entry)) continue;
    const dir = real(entry);
    if (untrusted.some((u) => dir === u || dir.startsWith(u.endsWith(path.sep) ? u : u + path.sep))) continue;
    if (!out.includes(entry)) out.push(entry);
  }
  return out;
}

/** The trusted PATH as one string, for a child's environment. */
export function trustedPathVariable(lookup: ProgramLookup = {}): string {
  return trustedPath(lookup).join(path.delimiter);
}

/**
 * The absolute path of a program: a bare name (`git`, `vim`) is looked up in the trusted PATH entries; a name with a
 * slash is the user's explicit choice (`/usr/local/bin/nvim`, `~/bin/ed`) and is resolved as written. Undefined when
 * there is no such executable file.
 */
export function findProgram(name: string, lookup: ProgramLookup = {}): string | undefined {
  if (name === '') return undefined;
  if (name.includes('/') || (path.sep === '\\' && name.includes('\\'))) {
    const file = name.startsWith('~/') ? path.join(os.homedir(), name.slice(2)) : path.resolve(name);
    return isExecutable(file) ? file : undefined;
  }
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of trustedPath(lookup)) {
    for (const ext of extensions) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
