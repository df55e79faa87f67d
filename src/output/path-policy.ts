/**
 * The one path policy for every file project-context reads or writes as its own: PROJECT-CONTEXT.md, and everything
 * in the state folder (state, lock, file cache, backups, .gitignore), the code cache, and the same rule under
 * `--check`. A repository nobody vetted can commit any of those paths as a symbolic link (to /dev/zero, to a file
 * outside the repository), a FIFO (an open() that never returns), a folder or a device. So:
 *
 * - such a file is only ever a regular file: opened with O_NOFOLLOW (a final link fails with ELOOP instead of being
 *   followed) and O_NONBLOCK (a FIFO opens at once instead of waiting for a writer), then fstat of the open file must
 *   say "regular file" — checked on the file actually opened, so nothing can be swapped in between;
 * - it is read up to a size cap, never to the end of whatever it is;
 * - a file about to be replaced (an atomic rename) must be missing or a regular file: a link, FIFO or folder there is
 *   refused with one sentence rather than silently replaced or written through;
 * - a path that lies inside the repository must not leave it through a linked folder (`realPathOf`), and two roles
 *   (output, state, lock, cache) never share one real file (`sameFile`).
 *
 * Refusals are `UnsafePathError`s: one plain sentence naming the file, what it is, and what to do.
 */
import fs from 'node:fs';
import path from 'node:path';

export type PathKind = 'missing' | 'file' | 'link' | 'folder' | 'fifo' | 'device' | 'socket' | 'other';

const DESCRIBE: Record<Exclude<PathKind, 'missing' | 'file'>, string> = {
  link: 'a symbolic link',
  folder: 'a folder',
  fifo: 'a named pipe (FIFO)',
  device: 'a device',
  socket: 'a socket',
  other: 'not a regular file',
};

/** A path of ours that is not a regular file (or is too big to be one of ours). The message says what to do. */
export class UnsafePathError extends Error {
  constructor(
    readonly file: string,
    readonly kind: PathKind | 'too-big',
    message: string,
  ) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

export interface PolicyOptions {
  /** What the file is, for the message: "The saved session", "PROJECT-CONTEXT.md", "The session lock". */
  readonly what: string;
  /** What the user can do instead, ending the sentence: "choose another file with --state". */
  readonly fix: string;
}

function kindOfStats(st: fs.Stats): PathKind {
  if (st.isSymbolicLink()) return 'link';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'other';
}

/** What is at `file` itself (a final link is reported as a link, not followed). */
export function kindOf(file: string): PathKind {
  try {
    return kindOfStats(fs.lstatSync(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
    throw err;
  }
}

function refusal(file: string, kind: Exclude<PathKind, 'missing' | 'file'>, { what, fix }: PolicyOptions): UnsafePathError {
  // A folder may be the user's own: never suggest removing it.
  if (kind === 'folder') return new UnsafePathError(file, kind, `${what} ${file} is a folder, not a file; project-context never deletes or replaces a folder. ${capital(fix)}.`);
  const never = kind === 'link' ? 'project-context does not read or write through links' : 'project-context reads and writes only regular files there';
  return new UnsafePathError(file, kind, `${what} ${file} is ${DESCRIBE[kind]}; ${never}. Remove it, or ${fix}.`);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Throws UnsafePathError unless `file` is missing or a regular file: for a path an atomic write is about to replace. */
export function requireRegularOrMissing(file: string, options: PolicyOptions): void {
  const kind = kindOf(file);
  if (kind !== 'missing' && kind !== 'file') throw refusal(file, kind, options);
}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * The bytes of a regular file, or undefined when there is none. Never follows a final link, never blocks on a FIFO,
 * never reads more than `maxBytes`. Throws UnsafePathError for anything that is not a regular file or is too big, and
 * the raw fs error for other failures (permission denied), for the caller to phrase.
 */
export function readRegularFile(file: string, options: PolicyOptions & { readonly maxBytes: number }): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // ELOOP: the final component is a link (O_NOFOLLOW). ENXIO: a socket, or a FIFO opened for writing.
    if (code === 'ELOOP' || code === 'ENXIO' || code === 'EISDIR') {
      const kind = kindOf(file);
      if (kind === 'missing') return undefined;
      throw refusal(file, kind === 'file' ? 'other' : kind, options);
    }
    throw err;
  }
  try {
    const st = fs.fstatSync(fd);
    const kind = kindOfStats(st);
    if (kind !== 'file') throw refusal(file, kind === 'missing' ? 'other' : kind, options);
    if (st.size > options.maxBytes) {
      throw new UnsafePathError(file, 'too-big', `${options.what} ${file} is ${megabytes(st.size)}, more than such a file can be (${megabytes(options.maxBytes)}); it is not read. Remove it, or ${options.fix}.`);
    }
    // Read to the end (a file may grow between fstat and read), but never past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, options.maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > options.maxBytes) {
        throw new UnsafePathError(file, 'too-big', `${options.what} ${file} is more than ${megabytes(options.maxBytes)}; it is not read. Remove it, or ${options.fix}.`);
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The real path of a file that may not exist yet: the real path of its folder (or of the nearest ancestor that
 * exists), with the rest appended. Two spellings of one file (a linked parent folder, `..`, a relative path) give the
 * same answer. The final component is not resolved: a link there is refused when it is opened, never followed.
 */
export function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  const parts = [path.basename(absolute)];
  for (let dir = path.dirname(absolute); ; ) {
    try {
      return path.join(fs.realpathSync(dir), ...parts);
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return absolute;
      parts.unshift(path.basename(dir));
      dir = parent;
    }
  }
}

/** Whether two paths name one file: the same inode when both exist (hard links too), else the same real path. */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.lstatSync(a);
    const sb = fs.lstatSync(b);
    if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  } catch {
    // one of them does not exist yet: compare where they would be
  }
  return realPathOf(a) === realPathOf(b);
}

/** Whether `inner`'s real path is `outer`'s real path or lies below it. */
export function isWithin(outer: string, inner: string): boolean {
  let o: string;
  try {
    o = fs.realpathSync(outer);
  } catch {
    o = realPathOf(outer);
  }
  const i = realPathOf(inner);
  return i === o || i.startsWith(o.endsWith(path.sep) ? o : o + path.sep);
}
