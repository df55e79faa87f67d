/**
 * Taking an accepted section back out of PROJECT-CONTEXT.md (the wizard's `u`). Only the block the wizard wrote is
 * removed, and only while it is exactly as written: a block edited by hand since (or duplicated, or whose markers
 * were damaged) is left alone and reported, so an undo never loses the user's text. The file is replaced atomically,
 * like every other write (atomic.ts); text outside the block stays byte for byte.
 */
import fs from 'node:fs';
import { sha256, writeFileAtomic } from './atomic.js';
import { parseOutput, removeBlock } from './document.js';
import { failure, readOutputFile, underOutputLock } from './output-file.js';

export type RemoveResult =
  /** The block is gone; `outputHash` is the file's sha256 now ('' when the file was removed). */
  | { readonly kind: 'removed'; readonly outputHash: string }
  /** The file, or the step's block in it, is not there: nothing to take out. */
  | { readonly kind: 'absent' }
  /** The block differs from what was written (`expectedHash`): it was edited by hand, and stays. */
  | { readonly kind: 'changed' };

/**
 * Removes step `step`'s block if it is the one written with `expectedHash` and unchanged since. A file left with
 * nothing but blank lines is removed: it held only what the wizard wrote. Throws OutputWriteError when the file
 * cannot be read or replaced; it is then unchanged.
 */
export function removeSection(file: string, step: number, expectedHash: string): RemoveResult {
  // One writer at a time, like an accept: another wizard's write cannot land between this read and the rename.
  return underOutputLock(file, () => removeLocked(file, step, expectedHash));
}

function removeLocked(file: string, step: number, expectedHash: string): RemoveResult {
  const text = readOutputFile(file);
  if (text === undefined) return { kind: 'absent' };
  const doc = parseOutput(text);
  const mine = doc.blocks.filter((b) => b.step === step);
  if (mine.length === 0) return { kind: 'absent' };
  const intact = mine.length === 1 && !mine[0].handEdited && mine[0].hash === expectedHash && !doc.strays.some((s) => s.step === step);
  if (!intact) return { kind: 'changed' };
  const next = removeBlock(text, step);
  try {
    if (next.trim() === '') {
      fs.rmSync(file, { force: true });
      return { kind: 'removed', outputHash: '' };
    }
    writeFileAtomic(file, next);
  } catch (err) {
    throw failure(err, file, true);
  }
  return { kind: 'removed', outputHash: sha256(next) };
}
