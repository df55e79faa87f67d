/**
 * PROJECT-CONTEXT.md as a file: how it is read (under the path policy: a regular UTF-8 file within a size cap, never
 * through a link, never a FIFO), how failures are phrased for the user, and the write lock every read-modify-write of
 * it holds (output-lock.ts). write.ts builds the accept protocol on these.
 */
import path from 'node:path';
import { errCode, fsFailure, makeDirs, sha256 } from './atomic.js';
import { OutputBusyError, withOutputLock } from './output-lock.js';
import { readRegularFile, UnsafePathError, type PolicyOptions } from './path-policy.js';

export type OutputFailure = 'not-writable' | 'not-readable' | 'disk-full' | 'not-a-file' | 'other';

export class OutputWriteError extends Error {
  constructor(
    readonly reason: OutputFailure,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputWriteError';
  }
}

export function failure(err: unknown, file: string, writing: boolean): OutputWriteError {
  const reason = fsFailure(err, writing);
  const code = errCode(err);
  const dir = path.dirname(file);
  const message = {
    'not-writable': `Cannot write ${file}: permission denied or read-only disk in ${dir}. Fix the permissions or choose another file with --output; the file was not changed.`,
    'not-readable': `Cannot read ${file}: permission denied. Fix its permissions or choose another file with --output.`,
    'disk-full': `Cannot write ${file}: the disk is full. Free some space and accept again; the file was not changed.`,
    'not-a-file':
      code === 'ENOTDIR'
        ? `Cannot use ${file}: part of its folder path is a file, not a folder. Choose another path with --output.`
        : `${file} is a folder, not a file. Choose another path with --output.`,
    other: `Cannot ${writing ? 'write' : 'read'} ${file} (${code ?? (err as Error)?.message ?? 'unknown error'}); the file was not changed. Try again.`,
  }[reason];
  return new OutputWriteError(reason, file, message);
}

export type Current =
  | { readonly kind: 'missing' }
  | { readonly kind: 'text'; readonly text: string; readonly bytes: Buffer }
  /** Not UTF-8 (a binary file, another encoding): it cannot hold our blocks, and is never re-encoded. */
  | { readonly kind: 'binary'; readonly bytes: Buffer };

export function notUtf8(file: string): OutputWriteError {
  return new OutputWriteError('other', file, `${file} is not UTF-8 text, so it cannot be updated safely. Replace it (a backup is kept), move it aside, or choose another path with --output.`);
}

/** PROJECT-CONTEXT.md of a big monorepo is a few megabytes; a file far bigger is not one we wrote. */
export const MAX_OUTPUT_BYTES = 128 * 1024 * 1024;
export const OUTPUT_POLICY: PolicyOptions = { what: 'The output', fix: 'choose another path with --output' };

/** What is at the output path now. Throws OutputWriteError for a link, a folder, a FIFO, a device, or a read failure. */
export function readCurrent(file: string): Current {
  let bytes: Buffer | undefined;
  try {
    bytes = readRegularFile(file, { ...OUTPUT_POLICY, maxBytes: MAX_OUTPUT_BYTES });
  } catch (err) {
    if (err instanceof UnsafePathError) throw new OutputWriteError(err.kind === 'too-big' ? 'other' : 'not-a-file', file, err.message);
    throw failure(err, file, false);
  }
  if (bytes === undefined) return { kind: 'missing' };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), bytes };
  } catch {
    // Decoding with replacement characters and writing back would silently corrupt the user's bytes.
    return { kind: 'binary', bytes };
  }
}

/** The file's text; undefined when it does not exist. Throws OutputWriteError for anything that is not a UTF-8 file. */
export function readOutputFile(file: string): string | undefined {
  const current = readCurrent(file);
  if (current.kind === 'binary') throw notUtf8(file);
  return current.kind === 'text' ? current.text : undefined;
}

/**
 * Runs a read-modify-write of the output under its write lock (see output-lock.ts). The folder is created first (the
 * lock lives there); failures to lock become OutputWriteErrors like any other write failure.
 */
export function underOutputLock<T>(file: string, write: () => T): T {
  try {
    makeDirs(path.dirname(file));
  } catch (err) {
    throw failure(err, file, true);
  }
  try {
    return withOutputLock(file, write);
  } catch (err) {
    if (err instanceof OutputWriteError || (err as Error).name === 'OutputConflictError') throw err;
    if (err instanceof OutputBusyError) throw new OutputWriteError('other', file, err.message);
    if (err instanceof UnsafePathError) throw new OutputWriteError('not-a-file', file, err.message);
    if (errCode(err)) throw failure(err, file, true);
    throw err;
  }
}

/** sha256 hex of the output file as it is now ('' when it does not exist), to compare with the state's outputHash. */
export function outputFileHash(file: string): string {
  const current = readCurrent(file);
  return current.kind === 'missing' ? '' : sha256(current.bytes);
}
