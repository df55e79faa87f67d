/**
 * Writing accepted sections into PROJECT-CONTEXT.md. The wizard calls `inspectForAccept` first; when it returns a
 * conflict the user chooses a `ConflictResolution`, which is passed to `acceptSection`. Guarantees:
 * - atomic replacement (see atomic.ts); on any failure the file is as it was and an `OutputWriteError` says why;
 * - idempotent: accepting a section whose identical block is already in the file rewrites nothing (`alreadyPresent`),
 *   so a session resumed after dying between "file written" and "state saved" never duplicates a section;
 * - the user's text is never overwritten without a resolution: a file without our blocks (`foreign-file`) or a block
 *   edited by hand (`hand-edited`) makes `acceptSection` throw `OutputConflictError` unless a resolution is given;
 * - symbolic links are not written through (a cloned repository could point PROJECT-CONTEXT.md anywhere).
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupPathFor, errCode, fsFailure, fsyncDir, sha256, writeFileAtomic } from './atomic.js';
import { parseOutput, SectionTextError, upsertBlock, type OutputDocument } from './document.js';
import { sectionHash } from './markers.js';

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

type Current =
  | { readonly kind: 'missing' }
  | { readonly kind: 'text'; readonly text: string; readonly bytes: Buffer }
  /** Not UTF-8 (a binary file, another encoding): it cannot hold our blocks, and is never re-encoded. */
  | { readonly kind: 'binary'; readonly bytes: Buffer };

function notUtf8(file: string): OutputWriteError {
  return new OutputWriteError('other', file, `${file} is not UTF-8 text, so it cannot be updated safely. Replace it (a backup is kept), move it aside, or choose another path with --output.`);
}

/** What is at the output path now. Throws OutputWriteError for a link, a folder, a device, or a read failure. */
function readCurrent(file: string): Current {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    if (errCode(err) === 'ENOENT') return { kind: 'missing' };
    throw failure(err, file, false);
  }
  if (st.isSymbolicLink()) {
    throw new OutputWriteError('not-a-file', file, `${file} is a symbolic link; project-context does not write through links. Remove it or choose another path with --output.`);
  }
  if (st.isDirectory()) throw failure(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file, false);
  if (!st.isFile()) {
    throw new OutputWriteError('not-a-file', file, `${file} is not a regular file. Choose another path with --output.`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw failure(err, file, false);
  }
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
    writeFileAtomic(file, next);
  } catch (err) {
    throw failure(err, file, true);
  }
  return { written: true, outputHash: sha256(next), ...(backup ? { backup } : {}), alreadyPresent: false };
}

/**
 * Copies the file to `<dir>/<name>.bak-YYYYMMDD-HHMMSS` (durably; `dir` defaults to the file's own folder, the wizard
 * passes its state folder so backups stay out of the repository) and returns that path; null when there is no file.
 */
export function backupOutput(file: string, dir = path.dirname(file)): string | null {
  if (readCurrent(file).kind === 'missing') return null;
  const target = backupPathFor(path.join(dir, path.basename(file)));
  try {
    fs.copyFileSync(file, target, fs.constants.COPYFILE_EXCL);
    const fd = fs.openSync(target, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fsyncDir(path.dirname(target));
  } catch (err) {
    throw failure(err, target, true);
  }
  return target;
}

/** sha256 hex of the output file as it is now ('' when it does not exist), to compare with the state's outputHash. */
export function outputFileHash(file: string): string {
  const current = readCurrent(file);
  return current.kind === 'missing' ? '' : sha256(current.bytes);
}
