/**
 * `u`: taking back the last decision. A skipped step is simply undecided again. An accepted one is taken out of the
 * output — only its block, and only while it is exactly as written (a block edited by hand since stays: `changed`)
 * — and comes back with the text that was accepted.
 *
 * Crash safety, like accepting: the state records the removal (`undoing`: the block's hash, the step undecided)
 * before the file changes, and clears it after. A session that dies in between leaves a state that says "undecided,
 * removal pending"; the next start finishes the removal (`finishUndo`) before anything else reads the file, so the
 * step is never both undecided and in the file, and never reconciled back to accepted.
 */
import { stripDigest } from '../check/fact-digest.js';
import { parseOutput, readOutputFile, removeSection, sectionHash } from '../output/index.js';
import type { StepRecord } from '../../state/schema.js';
import type { SessionPaths } from './session-start.js';

/** What `u` did. `changed`: the block in the output was edited since it was written, so it was left alone. */
export type UndoOutcome = { readonly kind: 'unskipped' | 'removed' | 'reopened' | 'changed' | 'nothing' };

/** The parts of a Session this module changes; every change is saved as it is made unless `persist` is false. */
export interface SessionAccess {
  readonly paths: SessionPaths;
  steps(): readonly StepRecord[];
  record(step: number): StepRecord;
  update(step: number, patch: Partial<StepRecord>, persist?: boolean): void;
  /** Puts a record back exactly as it was. */
  put(record: StepRecord): void;
  setOutputHash(hash: string): void;
}

export function undoDecision(session: SessionAccess, step: number, generated: string): UndoOutcome {
  const record = session.record(step);
  if (record.status === 'skipped') {
    const text = record.edited ?? record.generated;
    session.update(step, { status: text === undefined ? 'pending' : 'generated', decidedAt: undefined });
    return { kind: 'unskipped' };
  }
  if (record.status !== 'accepted') return { kind: 'nothing' };
  const current = readOutputFile(session.paths.output);
  const block = current === undefined ? undefined : parseOutput(current).blocks.find((b) => b.step === step);
  if (block && (block.handEdited || block.hash !== record.hash)) return { kind: 'changed' };
  const written = block ? stripDigest(block.body).replace(/\n+$/, '\n') : generated;
  // The block holds the text as normalised for the file; when that is the section as generated, it is that text.
  const accepted = record.edited ?? (written.trimEnd() === generated.trimEnd() ? generated : written);
  const reopened: Partial<StepRecord> = { status: 'generated', generated: record.edited === undefined ? accepted : generated, decidedAt: undefined };
  if (!block) {
    // The block is already gone from the file (removed by hand): the step is simply undecided again.
    session.update(step, { ...reopened, hash: sectionHash(accepted) });
    return { kind: 'reopened' };
  }
  session.update(step, { ...reopened, hash: undefined, undoing: block.hash });
  let removed;
  try {
    removed = removeSection(session.paths.output, step, block.hash);
  } catch (error) {
    session.put(record);
    throw error;
  }
  if (removed.kind === 'changed') {
    session.put(record);
    return { kind: 'changed' };
  }
  if (removed.kind === 'removed') session.setOutputHash(removed.outputHash);
  session.update(step, { undoing: undefined, hash: sectionHash(accepted) });
  return { kind: 'removed' };
}

/** An undo that the last session began but did not finish (it died between saving the state and the file). */
export function finishUndo(session: SessionAccess, notice: (message: string) => void): void {
  for (const record of session.steps()) {
    if (!record.undoing) continue;
    let removed;
    try {
      removed = removeSection(session.paths.output, record.number, record.undoing);
    } catch {
      removed = { kind: 'changed' as const };
    }
    if (removed.kind === 'removed') {
      session.setOutputHash(removed.outputHash);
      notice(`Step ${record.number} was being taken back when the last session stopped; its section is now out of the file.`);
    } else if (removed.kind === 'changed') {
      notice(`Step ${record.number} was being taken back when the last session stopped, but its section in the file changed since; it was left there.`);
    }
    const text = record.edited ?? record.generated;
    session.update(record.number, { undoing: undefined, hash: text === undefined ? undefined : sectionHash(text) }, false);
  }
}
