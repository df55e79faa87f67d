import { InterruptedError } from '../errors.js';
import type { DigestEntry } from '../check/fact-digest.js';
import { OutputWriteError, type AcceptConflict, type ConflictResolution } from '../output/index.js';
import type { Session } from './session.js';
import type { Tone, WizardUI } from './ui.js';

export interface Message {
  readonly message?: string;
  readonly tone?: Tone;
}

export type AcceptOutcome = { readonly ok: true; readonly backup?: string } | { readonly ok: false; readonly message: Message };

/** Accepting one section: the question a conflict needs (a foreign file, a hand edit), then the write. */
export async function acceptStep(session: Session, ui: WizardUI, step: number, digest: readonly DigestEntry[], shownOutput: string): Promise<AcceptOutcome> {
  const conflict = session.conflictFor(step);
  let resolution: ConflictResolution | undefined;
  if (conflict) {
    const answer = await askAbout(conflict, ui, shownOutput);
    if (answer === 'interrupt') throw new InterruptedError();
    if (answer === 'cancel') return { ok: false, message: { message: 'Not written. The section is still waiting for you.', tone: 'info' } };
    resolution = answer;
  }
  try {
    const result = session.accept(step, resolution, digest);
    return { ok: true, backup: result.backup };
  } catch (error) {
    if (error instanceof OutputWriteError) return { ok: false, message: { message: writeFailure(error), tone: 'error' } };
    throw error;
  }
}

/**
 * The message row is one line: what to do comes first, the long path last (where a narrow terminal cuts it). Other
 * failures (an odd errno, a section the file format cannot hold) keep their full sentence.
 */
export function writeFailure(error: OutputWriteError, retry = 'press a again'): string {
  const why: Partial<Record<OutputWriteError['reason'], string>> = {
    'not-writable': 'permission denied or read-only disk',
    'not-readable': 'permission denied',
    'disk-full': 'the disk is full',
    'not-a-file': 'its path is not a file',
  };
  const reason = why[error.reason];
  if (!reason) return `${error.message} Fix it and ${retry}.`;
  return `Not written (${reason}); nothing changed. Fix it and ${retry}, or q to quit — ${error.file}`;
}

function askAbout(conflict: AcceptConflict, ui: WizardUI, output: string) {
  switch (conflict.kind) {
    case 'foreign-file':
      return ui.choose<ConflictResolution>(`${output} already exists and was not written by project-context. What should happen?`, [
        { value: 'append', label: 'Keep its text and add the sections after it' },
        { value: 'replace-with-backup', label: 'Start a new file', hint: 'the old one is kept as a backup in the session folder' },
        { value: 'cancel', label: 'Do nothing for now' },
      ]);
    case 'hand-edited':
      return ui.choose<ConflictResolution>(`Step ${conflict.step}'s section in ${output} was edited by hand since it was written. Replace it?`, [
        { value: 'cancel', label: 'Keep the hand-edited text', hint: 'nothing is written' },
        { value: 'overwrite-block', label: 'Replace it with this section' },
      ]);
    case 'changed-externally':
      return ui.choose<ConflictResolution>(`${output} was changed by another program since this session wrote it. Write anyway?`, [
        { value: 'cancel', label: 'Not now', hint: 'look at the file first' },
        { value: 'overwrite-block', label: 'Write this section, keeping the rest of the file as it is now' },
      ]);
  }
}
