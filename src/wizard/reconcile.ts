/**
 * Every session start checks what the state says against what PROJECT-CONTEXT.md holds, before anything else is
 * asked or done, so a resumed session never reports as accepted a section the file does not have:
 *
 * - an accepted step with no block in the output (the file was deleted or emptied, a section cut out, `git clean`, a
 *   restart killed half-way, a state file copied from elsewhere or claiming an invented hash) is no longer accepted:
 *   it goes back to pending (or to the user's edit, when the state kept one) to be generated and reviewed again;
 * - a step whose block was written with the hash about to be accepted, when the process died before saving "accepted",
 *   is accepted (its write finished; writing it again would duplicate it).
 *
 * A block for an accepted step that differs from the recorded hash (edited by hand, or replaced by another session) is
 * still that step's section: it is kept and the step stays accepted. Pure: no I/O.
 */
import { sha256 } from '../output/atomic.js';
import { parseOutput } from '../output/index.js';
import type { SessionState, StepRecord } from '../../state/schema.js';

export interface Reconciled {
  readonly state: SessionState;
  /** Steps the state called accepted whose section is not in the output: to be generated and reviewed again. */
  readonly missing: readonly number[];
  /** Steps whose block was written before the last session stopped, now marked accepted. */
  readonly written: readonly number[];
}

/** `text`: the output as it is now; undefined when there is no file. */
export function reconcile(state: SessionState, text: string | undefined, now = new Date().toISOString()): Reconciled {
  const blocks = text === undefined ? [] : parseOutput(text).blocks;
  const missing: number[] = [];
  const written: number[] = [];
  const steps = state.steps.map((record): StepRecord => {
    const mine = blocks.filter((b) => b.step === record.number);
    if (record.status === 'accepted' && mine.length === 0) {
      missing.push(record.number);
      return lost(record);
    }
    if (record.status === 'generated' && record.hash && mine.some((b) => b.hash === record.hash && !b.handEdited)) {
      written.push(record.number);
      return withoutText({ ...record, status: 'accepted', decidedAt: now });
    }
    return record;
  });
  if (missing.length === 0 && written.length === 0) return { state, missing, written };
  // The output as it is now is the reference from here on: what changed is what was just reported, and asking later
  // whether "another program" changed the file would be a second, vaguer question about the same thing.
  return { state: { ...state, steps, outputHash: text === undefined ? '' : sha256(text) }, missing, written };
}

/** An accepted step whose section is gone: pending again, or the user's edit waiting for review again. */
function lost(record: StepRecord): StepRecord {
  const base = { number: record.number, title: record.title };
  if (record.edited !== undefined) {
    return { ...base, status: 'generated', edited: record.edited, ...(record.citedFiles ? { citedFiles: record.citedFiles } : {}) };
  }
  return { ...base, status: 'pending' };
}

function withoutText(record: StepRecord): StepRecord {
  const { generated: _dropped, ...rest } = record;
  return rest;
}

/** One line telling the user which accepted sections are gone from the file, and that they are generated again. */
export function missingNotice(missing: readonly number[], output: string, fileExists: boolean): string {
  const which = missing.length === 1 ? `Step ${missing[0]} was` : `Steps ${missing.join(', ')} were`;
  const their = missing.length === 1 ? 'its section is' : 'their sections are';
  const where = fileExists ? `no longer in ${output}` : `gone: ${output} does not exist`;
  return `${which} accepted, but ${their} ${where}; ${missing.length === 1 ? 'it is' : 'they are'} generated again.`;
}
