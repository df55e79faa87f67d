/**
 * Writing accepted sections into PROJECT-CONTEXT.md. The wizard calls `inspectForAccept` first; when it returns a
 * conflict the user chooses a `ConflictResolution`, which is passed to `acceptSection`. Guarantees:
 * - atomic replacement (see atomic.ts); on any failure the file is as it was and an `OutputWriteError` says why;
 * - idempotent: accepting a section whose identical block is already in the file rewrites nothing (`alreadyPresent`),
 *   so a session resumed after dying between "file written" and "state saved" never duplicates a section;
 * - the user's text is never overwritten without a resolution: a file without our blocks (`foreign-file`) or a block
 *   edited by hand (`hand-edited`) makes `acceptSection` throw `OutputConflictError` unless a resolution is given;
 * - the path policy (path-policy.ts): the output is read and replaced only as a regular file — never through a link
 *   (a cloned repository could point PROJECT-CONTEXT.md anywhere), never a FIFO, device or folder;
 * - one writer at a time (output-lock.ts): the read-modify-write of each accept holds the output's write lock, so two
 *   sessions on one output (different state files) never drop each other's blocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupPathFor, fsyncDir, sha256, writeFileAtomic } from './atomic.js';
import { failure, notUtf8, OUTPUT_POLICY, OutputWriteError, readCurrent, underOutputLock } from './output-file.js';
import { UnsafePathError } from './path-policy.js';
import { parseOutput, SectionTextError, upsertBlock, type OutputDocument } from './document.js';
import { sectionHash } from './markers.js';

export { MAX_OUTPUT_BYTES, OUTPUT_POLICY, OutputWriteError, outputFileHash, readOutputFile, underOutputLock, type OutputFailure } from './output-file.js';

export type AcceptConflict =
  /** The file exists, has text (or is not UTF-8 text at all), and has none of our blocks: never written without asking. */
  | { kind: 'foreign-file' }
  /** Our block for this step was edited by hand since written (or its markers were damaged or duplicated). */
  | { kind: 'hand-edited'; step: number }
  /** The file differs from what we last wrote, in ways the above do not explain (only with a known output hash). */
  | { kind: 'changed-externally' };

/**
 * - `append`: keep everything in the file and put the section in step order (after a foreign file's text);
 * - `overwrite-block`: replace this step's block, dropping its hand edits (also removes its duplicates and stray
 *   marker lines);
 * - `replace-with-backup`: copy the file to `<file>.bak-YYYYMMDD-HHMMSS`, then start a fresh document;
 * - `cancel`: write nothing.
 * Any resolution other than `cancel` means the user agreed to write.
 */
export type ConflictResolution = 'append' | 'replace-with-backup' | 'overwrite-block' | 'cancel';

export interface AcceptResult {
  written: boolean;
  /** sha256 hex of the file after this call ('' when there is no file). */
  outputHash: string;
  backup?: string;
  /** The identical block was already there: nothing was rewritten (crash-resume idempotence). */
  alreadyPresent: boolean;
}

/** `acceptSection` was called without a resolution for a file that needs one. */
export class OutputConflictError extends Error {
  constructor(
    readonly file: string,
    readonly conflict: AcceptConflict,
  ) {
    super(
      conflict.kind === 'foreign-file'
        ? `${file} already exists and was not written by project-context; choose to append to it or replace it (a backup is kept).`
        : conflict.kind === 'hand-edited'
          ? `Section ${conflict.step} in ${file} was edited by hand; choose whether to replace it.`
          : `${file} was changed by another program since it was last written.`,
    );
    this.name = 'OutputConflictError';
  }
}

/** The step's block is in the file exactly once, unedited, with this hash. */
function isPresent(doc: OutputDocument, step: number, hash: string): boolean {
  const mine = doc.blocks.filter((b) => b.step === step);
  return mine.length === 1 && !mine[0].handEdited && mine[0].hash === hash && !doc.strays.some((s) => s.step === step);
}

function conflictIn(doc: OutputDocument, step: number, hash: string): AcceptConflict | null {
  const mine = doc.blocks.filter((b) => b.step === step);
  const damaged = mine.length > 1 || doc.strays.some((s) => s.step === step);
  // A block hand-edited into exactly the new text needs no question.
  const edited = mine.length === 1 && mine[0].handEdited && sectionHash(mine[0].body) !== hash;
  if (damaged || edited) return { kind: 'hand-edited', step };
  if (doc.blocks.length === 0 && doc.hasForeignText) return { kind: 'foreign-file' };
  return null;
}

/**
 * What accepting this section would run into, or null when it can be written without asking. With
 * `knownOutputHash` (the state's `outputHash`), also reports a file changed by someone else since our last write.
 */
export function inspectForAccept(file: string, step: number, markdown: string, knownOutputHash?: string): AcceptConflict | null {
  const current = readCurrent(file);
  if (current.kind === 'missing') return knownOutputHash ? { kind: 'changed-externally' } : null;
  if (current.kind === 'binary') return { kind: 'foreign-file' };
  const doc = parseOutput(current.text);
  const hash = sectionHash(markdown);
  if (isPresent(doc, step, hash)) return null; // explains any difference: we wrote it, the state save was lost
  const conflict = conflictIn(doc, step, hash);
  if (conflict) return conflict;
  if (knownOutputHash && sha256(current.bytes) !== knownOutputHash) return { kind: 'changed-externally' };
  return null;
}

/** Writes (or confirms) the step's block. See the module comment for the guarantees. */
export function acceptSection(file: string, step: number, markdown: string, resolution?: ConflictResolution, backupDir?: string): AcceptResult {
  return underOutputLock(file, () => acceptLocked(file, step, markdown, resolution, backupDir));
}

function acceptLocked(file: string, step: number, markdown: string, resolution?: ConflictResolution, backupDir?: string): AcceptResult {
  const current = readCurrent(file);
  const currentHash = current.kind === 'missing' ? '' : sha256(current.bytes);
  if (resolution === 'cancel') return { written: false, outputHash: currentHash, alreadyPresent: false };
  const hash = sectionHash(markdown);
  if (current.kind === 'text') {
    const doc = parseOutput(current.text);
    if (isPresent(doc, step, hash)) return { written: false, outputHash: currentHash, alreadyPresent: true };
    const conflict = conflictIn(doc, step, hash);
    if (conflict && !resolution) throw new OutputConflictError(file, conflict);
  }
  if (current.kind === 'binary' && !resolution) throw new OutputConflictError(file, { kind: 'foreign-file' });
  let base = current.kind === 'text' ? current.text : '';
  let backup: string | undefined;
  if (resolution === 'replace-with-backup' && current.kind !== 'missing') {
    backup = backupOutput(file, backupDir) ?? undefined;
    base = '';
  } else if (current.kind === 'binary') {
    throw notUtf8(file);
  }
  let next: string;
  try {
    next = upsertBlock(base, step, markdown, { clean: resolution !== undefined });
  } catch (err) {
    // The section text itself is the problem (a bare marker line): the user can edit it and accept again.
    if (err instanceof SectionTextError) throw new OutputWriteError('other', file, err.message);
    throw err;
  }
  try {
    writeFileAtomic(file, next, { policy: OUTPUT_POLICY });
  } catch (err) {
    if (err instanceof UnsafePathError) throw new OutputWriteError('not-a-file', file, err.message);
    throw failure(err, file, true);
  }
  return { written: true, outputHash: sha256(next), ...(backup ? { backup } : {}), alreadyPresent: false };
}

/**
 * Copies the file to `<dir>/<name>.bak-YYYYMMDD-HHMMSS` (durably; `dir` defaults to the file's own folder, the wizard
 * passes its state folder so backups stay out of the repository) and returns that path; null when there is no file.
 */
export function backupOutput(file: string, dir = path.dirname(file)): string | null {
  const current = readCurrent(file);
  if (current.kind === 'missing') return null;
  const target = backupPathFor(path.join(dir, path.basename(file)));
  try {
    // The bytes just read as a regular file, written to a new file (O_EXCL): nothing at either path is followed.
    const mode = fs.lstatSync(file).mode & 0o7777;
    const fd = fs.openSync(target, 'wx', mode);
    try {
      let off = 0;
      while (off < current.bytes.length) off += fs.writeSync(fd, current.bytes, off, current.bytes.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fsyncDir(path.dirname(target));
  } catch (err) {
    try {
      fs.unlinkSync(target); // a partial copy is not a backup
    } catch {
      /* never created */
    }
    throw failure(err, target, true);
  }
  return target;
}

/**
 * Removes the output if it still holds exactly the bytes hashed `expectedHash` (a restart whose backup is made);
 * a file changed since is left alone. Returns whether it was removed. Holds the write lock.
 */
export function removeOutputIf(file: string, expectedHash: string): boolean {
  return underOutputLock(file, () => {
    const current = readCurrent(file);
    if (current.kind === 'missing' || sha256(current.bytes) !== expectedHash) return false;
    try {
      fs.unlinkSync(file);
      fsyncDir(path.dirname(file));
    } catch (err) {
      throw failure(err, file, true);
    }
    return true;
  });
}

/** Backs the output up (under the write lock); null when there is none. Returns the backup and the hash of what it holds. */
export function backupOutputLocked(file: string, dir = path.dirname(file)): { backup: string; hash: string } | null {
  return underOutputLock(file, () => {
    const current = readCurrent(file);
    if (current.kind === 'missing') return null;
    const backup = backupOutput(file, dir);
    return backup ? { backup, hash: sha256(current.bytes) } : null;
  });
}
