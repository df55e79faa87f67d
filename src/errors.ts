/**
 * Errors the user can act on carry one plain sentence and, where it helps, a "try this" line. Anything else is a bug:
 * the CLI prints one sentence and shows the stack only when DEBUG is set.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly tryMessage?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or arguments: exit code 2. */
export class UsageError extends UserFacingError {
  constructor(message: string, tryMessage = 'Run project-context --help to see the options.') {
    super(message, tryMessage, 2);
  }
}

/** The user interrupted (Ctrl+C, SIGTERM); progress is saved before this is thrown. */
export class InterruptedError extends UserFacingError {
  constructor(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' = 'SIGINT') {
    super('Interrupted. Progress is saved; run the same command to resume.', undefined, signal === 'SIGINT' ? 130 : 128 + (signal === 'SIGTERM' ? 15 : 1));
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2, drifted: 3, interrupted: 130 } as const;
