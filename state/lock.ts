/**
 * One wizard per state file. `<state>.lock` holds `{pid, startedAt, hostname, procStart}` of its owner.
 *
 * - The lock appears complete or not at all: its content is written to a temp file first and hard-linked into place
 *   (`link` fails if the lock exists, like O_EXCL), so nobody ever reads a half-written lock and takes it over.
 * - A lock whose process is gone is taken over. "Gone" is `kill(pid, 0)` → ESRCH, or, on Linux, a process with that
 *   pid that started at another time than the owner (the pid was reused after a crash or reboot).
 * - Takeover renames the stale lock aside and checks it is still the one judged stale before deleting it, so two
 *   wizards racing for the same stale lock cannot both win.
 * - A lock from another host cannot be checked, so it is respected; the message says how to remove it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { errCode, pidAlive } from '../src/output/atomic.js';
import { ensureStateDir } from './dir.js';
import { stateWriteFailure } from './errors.js';

export interface LockInfo {
  pid: number;
  startedAt: string;
  hostname: string;
  /** Kernel start time of the process (Linux, /proc/<pid>/stat field 22), to detect a reused pid. */
  procStart?: string;
}

export class LockError extends Error {
  constructor(
    readonly pid: number,
    readonly file: string,
    readonly hostname?: string,
  ) {
    super(
      hostname
        ? `Another project-context session (pid ${pid} on ${hostname}) may be running on this repository. Finish it first, or if it is not running, delete ${file}.`
        : `Another project-context session (pid ${pid}) is running on this repository. Finish it first, or if it is stuck, end it: kill ${pid}.`,
    );
    this.name = 'LockError';
  }
}

export interface Lock {
  readonly file: string;
  release(): void;
}

/** The kernel start time of a process, from /proc (Linux only); undefined elsewhere or when it is not running. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses; the fields after the last ')' start at field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parseLock(raw: Buffer): LockInfo | null {
  try {
    const v = JSON.parse(raw.toString('utf8')) as Partial<LockInfo>;
    if (!Number.isInteger(v.pid) || (v.pid as number) <= 0 || typeof v.hostname !== 'string') return null;
    return v as LockInfo;
  } catch {
    return null;
  }
}

/** The lock's bytes and meaning; null when there is no lock file. */
function readLock(file: string): { raw: Buffer; info: LockInfo | null } | null {
  try {
    const raw = fs.readFileSync(file);
    return { raw, info: parseLock(raw) };
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    return { raw: Buffer.alloc(0), info: null }; // unreadable (a folder, no permission): treated as garbage
  }
}

function ownInfo(): LockInfo {
  const procStart = processStartTime(process.pid);
  return { pid: process.pid, startedAt: new Date().toISOString(), hostname: os.hostname(), ...(procStart ? { procStart } : {}) };
}

/** Creates the lock atomically with our content; false when a lock already exists. */
function tryCreate(file: string): boolean {
  const content = `${JSON.stringify(ownInfo())}\n`;
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if (errCode(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errCode(err) ?? '')) throw err;
    // Filesystems without hard links: O_EXCL create, then write (a reader may briefly see it empty).
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      return true;
    } catch (e) {
      if (errCode(e) === 'EEXIST') return false;
      throw e;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Creates the state folder and the lock; a folder that cannot be written becomes a plain StateWriteError. */
function create(stateFile: string, file: string): boolean {
  try {
    ensureStateDir(stateFile);
    return tryCreate(file);
  } catch (err) {
    throw stateWriteFailure(err, file, `Cannot create the session lock ${file}`);
  }
}

/** Whether the session that wrote this lock may still be running here. */
function ownerAlive(info: LockInfo): boolean {
  if (!pidAlive(info.pid)) return false;
  if (!info.procStart) return true;
  const now = processStartTime(info.pid);
  return now === undefined || now === info.procStart;
}

/** Removes the lock only if it still holds exactly `seen`; a fresh lock won by another process is put back. */
function takeOver(file: string, seen: Buffer): void {
  const aside = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return;
    throw err;
  }
  let now: Buffer;
  try {
    now = fs.readFileSync(aside);
  } catch {
    now = Buffer.alloc(0);
  }
  if (!now.equals(seen)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      /* someone holds it already; their lock stands */
    }
  }
  fs.rmSync(aside, { force: true, recursive: true });
}

/** Takes the lock for `stateFile` (`${stateFile}.lock`) or throws LockError naming the live owner's pid. */
export function acquireLock(stateFile: string): Lock {
  const file = `${stateFile}.lock`;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (create(stateFile, file)) return makeLock(file);
    const current = readLock(file);
    if (!current) continue; // released meanwhile
    const { info } = current;
    if (info && info.pid === process.pid && info.hostname === os.hostname()) return makeLock(file);
    if (info && info.hostname !== os.hostname()) throw new LockError(info.pid, file, info.hostname);
    if (info && ownerAlive(info)) throw new LockError(info.pid, file);
    takeOver(file, current.raw);
  }
  const last = readLock(file)?.info;
  throw new LockError(last?.pid ?? 0, file);
}

function makeLock(file: string): Lock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const current = readLock(file);
      if (current?.info?.pid === process.pid && current.info.hostname === os.hostname()) fs.rmSync(file, { force: true });
    },
  };
}
