/** Errors of the state store, in their own module so migrate.ts and store.ts can both throw them without a cycle. */
import { errCode, fsFailure } from '../src/output/atomic.js';

export type StateFileProblem = 'corrupt' | 'invalid' | 'future-version' | 'unreadable';

/** The saved session cannot be used. The message is one plain sentence saying what to do. */
export class StateFileError extends Error {
  constructor(
    readonly reason: StateFileProblem,
    readonly file: string,
    message: string,
    /** Where a copy of the bad file was kept, when one could be made. */
    readonly backup?: string,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
}

export type StateWriteProblem = 'not-writable' | 'disk-full' | 'not-a-file' | 'other';

/** Progress could not be saved; the previous state file is unchanged. */
export class StateWriteError extends Error {
  constructor(
    readonly reason: StateWriteProblem,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateWriteError';
  }
}

/** A failed write under the state folder, phrased for the user: `${what}: ${why and what to do}.` */
export function stateWriteFailure(err: unknown, file: string, what: string): StateWriteError {
  // mkdir -p reports a regular file in the way as EEXIST.
  const reason = errCode(err) === 'EEXIST' ? 'not-a-file' : fsFailure(err, true);
  const why = {
    'not-writable': 'permission denied or read-only disk; fix the permissions or choose another file with --state',
    'not-readable': 'permission denied; fix the permissions or choose another file with --state',
    'disk-full': 'the disk is full; free some space and try again',
    'not-a-file': 'a part of that path is not a folder; choose another file with --state',
    other: `${errCode(err) ?? (err as Error).message}; try again`,
  }[reason];
  return new StateWriteError(reason === 'not-readable' ? 'not-writable' : reason, file, `${what}: ${why}.`);
}
