/**
 * An exclusive lock file holding `{pid, startedAt, hostname, procStart, argv1}` of its owner. Used for the session
 * lock (`state.json.lock`, one wizard per state file: state/lock.ts) and the output's write lock
 * (`.PROJECT-CONTEXT.md.lock`, one writer at a time per output, whatever state file each uses: write.ts).
 *
 * - The lock appears complete or not at all: its content is written to a temp file first and hard-linked into place
 *   (`link` fails if the lock exists, like O_EXCL), so nobody ever reads a half-written lock and takes it over.
 * - A lock whose owner is gone is taken over. "Gone" is `kill(pid, 0)` → ESRCH; or, on Linux, a zombie (killed but not
 *   yet reaped by its parent), a process with that pid that started at another time than the owner (the pid was
 *   reused after a crash or reboot), or whose command line is not the owner's (a lock file written by hand, or
 *   committed, naming pid 1 or some other program).
 * - The pid in a lock file is validated (an integer from 2 up); a lock naming pid 1 or garbage is not a live owner,
 *   and a message suggests `kill <pid>` only for a process verified to be project-context.
 * - Takeover goes through a mutex file (`<lock>.takeover`, O_EXCL) and deletes the lock only while it still holds
 *   the bytes judged stale, so two processes racing for the same stale lock cannot both win.
 * - The lock path must be a regular file (path-policy.ts): a folder, link or FIFO there is refused with a sentence,
 *   never read through and never deleted.
 * - Every lock still held when the process exits (a return, process.exit, an uncaught error, a closed pipe) is
 *   released by an exit hook. Only SIGKILL and native aborts skip it; their lock names a dead pid and is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import { errCode, pidAlive, removeStaleTemps, tempPathFor } from './atomic.js';
import { readRegularFile, type PolicyOptions } from './path-policy.js';

export interface LockInfo {
  pid: number;
  startedAt: string;
  hostname: string;
  /** Kernel start time of the process (Linux, /proc/<pid>/stat field 22), to detect a reused pid. */
  procStart?: string;
  /** The owner's script (process.argv[1]), to tell its process from another program given the same pid. */
  argv1?: string;
}

export interface Lock {
  readonly file: string;
  release(): void;
}

export type LockAttempt =
  | { readonly acquired: Lock }
  | {
      /** The live (or unverifiable) owner. */
      readonly owner: LockInfo;
      /** Its process was seen running project-context (Linux /proc); only then may a message say `kill <pid>`. */
      readonly verified: boolean;
      readonly otherHost: boolean;
    };

/** Highest pid Linux can hand out (pid_max's ceiling); anything above is not a pid. */
const PID_MAX = 4_194_304;
const MAX_LOCK_BYTES = 64 * 1024;

/** Fields of /proc/<pid>/stat (Linux only); undefined elsewhere or when the process is gone. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (comm) may hold spaces and parentheses; the fields after the last ')' start at field 3 (the state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0], start: fields[19] };
  } catch {
    return undefined;
  }
}

/** The kernel start time of a process, from /proc (Linux only); undefined elsewhere or when it is not running. */
export function processStartTime(pid: number): string | undefined {
  return procStat(pid)?.start;
}

/**
 * The arguments a process was started with (Linux /proc); undefined where that cannot be read. A live process can
 * show an empty command line for a moment (seen right after a Node process starts), so an empty one is read again
 * briefly before it counts as empty (kernel threads and exiting processes stay empty).
 */
function commandLine(pid: number): string[] | undefined {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return undefined;
    }
    if (text !== '' || attempt >= 10) return text.split('\0').filter((a) => a !== '');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
}

/** Whether a command line is the owner's: its script argument, or (a lock without one) any project-context CLI. */
function isOwnersCommand(args: readonly string[], argv1: string | undefined): boolean {
  if (argv1) return args.some((a) => a === argv1 || (a.length > 0 && argv1.endsWith(`/${a.replace(/^\.\//, '')}`)));
  return args.some((a) => /project-context|[/\\]cli\.(?:js|tsx)$/.test(a));
}

export function parseLock(raw: Buffer): LockInfo | null {
  try {
    const v = JSON.parse(raw.toString('utf8')) as Partial<LockInfo>;
    if (!Number.isInteger(v.pid) || (v.pid as number) < 2 || (v.pid as number) > PID_MAX || typeof v.hostname !== 'string') return null;
    return v as LockInfo;
  } catch {
    return null;
  }
}

/** The lock's bytes and meaning; null when there is no lock file. Throws UnsafePathError when it is not a file. */
function readLock(file: string, policy: PolicyOptions): { raw: Buffer; info: LockInfo | null } | null {
  let raw: Buffer | undefined;
  try {
    raw = readRegularFile(file, { ...policy, maxBytes: MAX_LOCK_BYTES });
  } catch (err) {
    if ((err as Error).name === 'UnsafePathError' && (err as { kind: string }).kind === 'too-big') return { raw: Buffer.alloc(0), info: null };
    if ((err as Error).name === 'UnsafePathError') throw err;
    return { raw: Buffer.alloc(0), info: null }; // unreadable (no permission): treated as garbage
  }
  return raw === undefined ? null : { raw, info: parseLock(raw) };
}

function ownInfo(): LockInfo {
  const procStart = processStartTime(process.pid);
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    hostname: os.hostname(),
    ...(procStart ? { procStart } : {}),
    ...(process.argv[1] ? { argv1: process.argv[1] } : {}),
  };
}

/** Creates the lock atomically with our content; false when something already exists at its path. */
function tryCreate(file: string): boolean {
  const content = `${JSON.stringify(ownInfo())}\n`;
  // Named like an atomic write's temp file, so one left by a kill is removed by removeStaleTemps (removeStaleLock).
  const tmp = tempPathFor(file);
  try {
    fs.writeFileSync(tmp, content, { flag: 'wx' });
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

/**
 * Whether the process that wrote this lock may still be running here, and whether we saw that it is project-context.
 * A recorded start time that matches identifies the very process that wrote the lock; without one (a lock written by
 * hand, committed, or from a system without /proc), a live pid counts only if its command line is a project-context
 * one, so a lock naming pid 1 or some daemon is not honoured.
 */
function owner(info: LockInfo): { alive: boolean; verified: boolean } {
  if (!pidAlive(info.pid)) return { alive: false, verified: false };
  const stat = procStat(info.pid);
  // A zombie (killed, not yet reaped by its parent) answers kill(pid, 0) but will never release anything.
  if (stat?.state === 'Z' || stat?.state === 'X') return { alive: false, verified: false };
  const started = info.procStart ? stat?.start : undefined;
  if (started !== undefined && started !== info.procStart) return { alive: false, verified: false };
  const args = commandLine(info.pid);
  const ours = args !== undefined && isOwnersCommand(args, info.argv1);
  if (started !== undefined) return { alive: true, verified: ours };
  if (args === undefined) return { alive: true, verified: false }; // no /proc: a live pid is respected
  return { alive: ours, verified: ours };
}

/** Removes the lock only if it still holds exactly `seen`; a fresh lock won by another process is put back. */
function takeOver(file: string, seen: Buffer): void {
  // Moving a lock aside to look at it would leave a moment with no lock, in which a third process creates one and a
  // fourth, finding none restored, wins too. Instead the takers of a stale lock go one at a time through a mutex file,
  // and the one holding it deletes the lock only while it still holds the very bytes judged stale.
  const mutex = `${file}.takeover`;
  try {
    fs.writeFileSync(mutex, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if (errCode(err) !== 'EEXIST') throw err;
    // A taker killed while holding the mutex (it holds it for microseconds) must not block every later one.
    try {
      if (Date.now() - fs.statSync(mutex).mtimeMs > 5000) fs.unlinkSync(mutex);
    } catch {
      /* gone meanwhile */
    }
    pause(10);
    return;
  }
  try {
    let now: Buffer | undefined;
    try {
      now = fs.readFileSync(file);
    } catch (err) {
      if (errCode(err) !== 'ENOENT') throw err;
    }
    if (now && now.equals(seen)) fs.unlinkSync(file);
  } finally {
    try {
      fs.unlinkSync(mutex);
    } catch {
      /* already gone */
    }
  }
}

/** A short synchronous wait (the lock is taken before anything asynchronous starts). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const held = new Set<Lock>();
let exitHook = false;

/** Releases every lock this process still holds, whatever way it exits (see the module comment). */
function releaseAllOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const lock of [...held]) {
      try {
        lock.release();
      } catch {
        /* exiting: nothing more can be done */
      }
    }
  });
}

/**
 * One attempt to take the lock at `file` (its folder must exist). Stale locks are taken over; a live owner is
 * returned. Throws UnsafePathError when the path is not a regular file, and raw fs errors when it cannot be created.
 */
export function tryLockFile(file: string, policy: PolicyOptions): LockAttempt {
  for (let attempt = 0; attempt < 100; attempt++) {
    const existing = readLock(file, policy); // before creating: a folder or FIFO there is refused, never replaced
    if (!existing) {
      // The temp file a killed taker left (SIGKILL between creating and linking it) goes with the next taker.
      if (tryCreate(file)) {
        removeStaleTemps(file);
        return { acquired: makeLock(file, policy) };
      }
      continue; // created meanwhile by someone else
    }
    const { info } = existing;
    if (info && info.pid === process.pid && info.hostname === os.hostname()) return { acquired: makeLock(file, policy) };
    if (info && info.hostname !== os.hostname()) return { owner: info, verified: false, otherHost: true };
    if (info) {
      const o = owner(info);
      if (o.alive) return { owner: info, verified: o.verified, otherHost: false };
    }
    takeOver(file, existing.raw);
  }
  const last = readLock(file, policy)?.info;
  return { owner: last ?? { pid: 0, startedAt: '', hostname: os.hostname() }, verified: false, otherHost: false };
}

/** Removes a lock left by a process that is gone (a SIGKILL mid-write), so it does not linger; best effort. */
export function removeStaleLock(file: string, policy: PolicyOptions): void {
  removeStaleTemps(file);
  try {
    const existing = readLock(file, policy);
    if (!existing) return;
    const { info } = existing;
    if (info && (info.hostname !== os.hostname() || info.pid === process.pid || owner(info).alive)) return;
    takeOver(file, existing.raw);
  } catch {
    /* a lock we cannot judge is left for the next writer to refuse or take over */
  }
}

function makeLock(file: string, policy: PolicyOptions): Lock {
  let released = false;
  const lock: Lock = {
    file,
    release() {
      if (released) return;
      released = true;
      held.delete(lock);
      let current: ReturnType<typeof readLock>;
      try {
        current = readLock(file, policy);
      } catch {
        return; // replaced by something that is not a lock: not ours to remove
      }
      if (current?.info?.pid === process.pid && current.info.hostname === os.hostname()) {
        try {
          fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      }
    },
  };
  held.add(lock);
  releaseAllOnExit();
  return lock;
}
