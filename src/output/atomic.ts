/**
 * Crash-safe file replacement shared by the output writer and the state store. A reader (or a resumed session after
 * SIGKILL / power loss) sees either the old file or the new one, never a half-written mix: the bytes go to a temporary
 * file in the same folder (same filesystem, so rename is atomic), are fsynced, renamed over the target, and the
 * folder is fsynced so the rename itself survives a crash.
 *
 * `fs` is used through its default export (`fs.writeSync`, …) on purpose: it lets a test inject a disk-full error
 * with `vi.spyOn(fs, 'writeSync')`, the one failure that cannot be produced for real without a full filesystem.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { requireRegularOrMissing, type PolicyOptions } from './path-policy.js';

export type FsFailure = 'not-writable' | 'not-readable' | 'disk-full' | 'not-a-file' | 'other';

/** What a failed file operation means for the user, from its errno code. */
export function fsFailure(err: unknown, writing = true): FsFailure {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return writing ? 'not-writable' : 'not-readable';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full';
    case 'EISDIR':
    case 'ENOTDIR':
      return 'not-a-file';
    default:
      return 'other';
  }
}

/** The errno code of an error, if it has one. */
export function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** `.<name>.tmp-<pid>[.<start>]-<random>`: the writer's pid and, on Linux, its kernel start time. */
const TEMP_RE = /^\.(.+)\.tmp-(\d+)(?:\.(\d+))?-[0-9a-f]+$/;

/**
 * A process's kernel start time (Linux: /proc/<pid>/stat field 22), '' where unknown. With it, a temp file left by a
 * killed writer is not mistaken for a live one when another process has since been given the same pid (pids wrap
 * at 32768 on many systems, and a busy machine gets there in minutes).
 */
function startTimeOf(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

let ownStart: string | undefined;

/** Name of the temporary sibling used while replacing `file`; leftovers are recognised by `TEMP_RE`. */
export function tempPathFor(file: string): string {
  const rand = crypto.randomBytes(6).toString('hex');
  ownStart ??= startTimeOf(process.pid);
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}${ownStart ? `.${ownStart}` : ''}-${rand}`);
}

/** Whether a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errCode(err) === 'EPERM';
  }
}

/** fsync a folder so a rename or create inside it is durable; a no-op where folders cannot be fsynced (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'ENOTSUP'].includes(errCode(err) ?? '')) throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * `mkdir -p`. Not `fs.mkdirSync(dir, { recursive: true })`: on Node 20 that loops forever, at full CPU, when the
 * system answers ENOENT for a folder whose parent exists (`--state /proc/x/state.json`, some FUSE mounts). Here every
 * level is one plain mkdir, and any error other than "already there" is thrown.
 */
export function makeDirs(dir: string, mode?: number): void {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  for (let d = absolute; ; d = path.dirname(d)) {
    if (fs.existsSync(d)) break;
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d, mode === undefined ? undefined : { mode });
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
    }
  }
  if (!fs.statSync(absolute).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${absolute}'`), { code: 'ENOTDIR' });
}

export interface AtomicWriteOptions {
  /** File mode for the new file; defaults to the replaced file's mode, or 0o666 minus umask for a new file. */
  readonly mode?: number;
  /** How a target that is not a regular file (a link, a FIFO, a folder) is named in the refusal. */
  readonly policy?: PolicyOptions;
}

/**
 * Replaces `file` with `data` atomically. Creates the folder if needed. On any failure the temporary file is removed,
 * the original is untouched, and the raw fs error is rethrown for the caller to phrase. The target must be missing or
 * a regular file (path-policy.ts): a link, FIFO or folder there throws UnsafePathError instead of being replaced.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = path.dirname(file);
  makeDirs(dir);
  requireRegularOrMissing(file, options.policy ?? { what: 'The file', fix: 'choose another path' });
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = fs.lstatSync(file).mode & 0o7777;
    } catch (err) {
      if (errCode(err) !== 'ENOENT') throw err;
    }
  }
  // Before writing, not after: a run of writers killed mid-write then leaves one temp file, not one each.
  removeStaleTemps(file);
  const tmp = tempPathFor(file);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    // openSync's mode is reduced by the umask; an existing file's mode is restored exactly.
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    testOnlyDelayBeforeRename();
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing; the original error matters */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* the temp file may never have been created */
    }
    throw err;
  }
  fsyncDir(dir);
}

/**
 * Test-only hook: with PROJECT_CONTEXT_TEST_DELAY_WRITE_MS set, every atomic write pauses that long between the
 * complete temp file and the rename, so scripts/fault-injection.mjs can SIGKILL the wizard in the middle of writing
 * PROJECT-CONTEXT.md or the state file. Nothing sets it outside that script and its test.
 */
function testOnlyDelayBeforeRename(): void {
  const ms = Number(process.env.PROJECT_CONTEXT_TEST_DELAY_WRITE_MS);
  if (Number.isFinite(ms) && ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 10_000));
}

/**
 * Removes temporary siblings of `file` left by a process that died mid-write (its pid no longer runs). Best effort:
 * they are harmless, only untidy, so a failure here is ignored.
 */
export function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m || m[1] !== base) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || (pidAlive(pid) && (!m[3] || startTimeOf(pid) === m[3]))) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      /* best effort */
    }
  }
}

/** `YYYYMMDD-HHMMSS` in local time, for backup names a user can read. */
export function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-` +
    `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`
  );
}

/** `<file>.bak-YYYYMMDD-HHMMSS`, with `-2`, `-3`… appended when that name is taken. */
export function backupPathFor(file: string, date = new Date()): string {
  const base = `${file}.bak-${timestamp(date)}`;
  let candidate = base;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** sha256 hex of text as written to disk (UTF-8). */
export function sha256(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
