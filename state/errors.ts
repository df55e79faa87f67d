/** Errors of the state store, in their own module so migrate.ts and store.ts can both throw them without a cycle. */

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
