/**
 * One wizard per state file: `<state>.lock`, an exclusive lock file (src/output/lock-file.ts has the rules: atomic
 * creation, stale takeover, pid validation, release on every exit). A second wizard on the same state is refused
 * with a sentence naming the owner; a lock from another host cannot be checked, so it is respected and the message
 * says how to remove it.
 */
import { tryLockFile, type Lock } from '../src/output/lock-file.js';
import type { PolicyOptions } from '../src/output/path-policy.js';
import { ensureStateDir } from './dir.js';
import { stateWriteFailure } from './errors.js';

export { processStartTime, type Lock, type LockInfo } from '../src/output/lock-file.js';

export class LockError extends Error {
  constructor(
    readonly pid: number,
    readonly file: string,
    readonly hostname?: string,
    /** The owner was seen running project-context, so ending it is safe advice. */
    readonly verified = false,
  ) {
    super(
      hostname
        ? `Another project-context session (pid ${pid} on ${hostname}) may be running on this repository. Finish it first, or if it is not running, delete ${file}.`
        : verified
          ? `Another project-context session (pid ${pid}) is running on this repository. Finish it first, or if it is stuck, end it: kill ${pid}.`
          : `Another project-context session may be running on this repository (its lock ${file} names pid ${pid}). Finish it first, or if it is not running, delete ${file}.`,
    );
    this.name = 'LockError';
  }
}

const POLICY: PolicyOptions = { what: 'The session lock', fix: 'choose another file with --state' };

/** Takes the lock for `stateFile` (`${stateFile}.lock`) or throws LockError naming the live owner's pid. */
export function acquireLock(stateFile: string): Lock {
  const file = `${stateFile}.lock`;
  let attempt;
  try {
    ensureStateDir(stateFile);
    attempt = tryLockFile(file, POLICY);
  } catch (err) {
    if ((err as Error).name === 'UnsafePathError') throw err;
    throw stateWriteFailure(err, file, `Cannot create the session lock ${file}`);
  }
  if ('acquired' in attempt) return attempt.acquired;
  throw new LockError(attempt.owner.pid, file, attempt.otherHost ? attempt.owner.hostname : undefined, attempt.verified);
}
