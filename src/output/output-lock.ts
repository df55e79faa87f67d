/**
 * One writer at a time per output file, whatever state file each wizard uses. Two sessions with different `--state`
 * on one PROJECT-CONTEXT.md each read the file, add their block and rename a new file into place; without a lock the
 * second rename drops the first one's block. The session lock cannot help (it lives beside each state file), so the
 * lock lives where every writer of this output must be able to write anyway: beside the output, in its real folder,
 * as `.PROJECT-CONTEXT.md.lock`.
 *
 * It is held only for one read-modify-write (milliseconds), so a second writer waits for it rather than being
 * refused; both sessions then succeed with all their blocks. A lock left by a writer killed mid-write names a dead
 * pid and is taken over (and removed when a session starts: `removeStaleOutputLock`).
 */
import path from 'node:path';
import { removeStaleLock, tryLockFile } from './lock-file.js';
import { realPathOf, type PolicyOptions } from './path-policy.js';

const POLICY: PolicyOptions = { what: 'The write lock', fix: 'choose another path with --output' };

/** Where the output's write lock lives: a hidden sibling in the output's real folder. */
export function outputLockPath(output: string): string {
  const real = realPathOf(output);
  return path.join(path.dirname(real), `.${path.basename(real)}.lock`);
}

/** Another writer held the output's lock for longer than a write can take. */
export class OutputBusyError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(`Another project-context process (pid ${pid}) is writing ${file} and has not finished; nothing was written. Try again when it is done.`);
    this.name = 'OutputBusyError';
  }
}

/** Runs `write` holding the output's write lock, waiting up to `waitMs` for another writer to finish. */
export function withOutputLock<T>(output: string, write: () => T, waitMs = 30_000): T {
  const file = outputLockPath(output);
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    const attempt = tryLockFile(file, POLICY);
    if ('acquired' in attempt) {
      try {
        return write();
      } finally {
        attempt.acquired.release();
      }
    }
    if (Date.now() >= deadline || attempt.otherHost) throw new OutputBusyError(output, attempt.owner.pid);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  }
}

/** Removes a write lock left by a killed writer, so it does not linger beside the output. Best effort. */
export function removeStaleOutputLock(output: string): void {
  removeStaleLock(outputLockPath(output), POLICY);
}
