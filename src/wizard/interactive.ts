import { InterruptedError } from '../errors.js';
import type { Fact } from '../facts.js';
import { OutputWriteError, type AcceptConflict, type ConflictResolution } from '../output/index.js';
import { stepTitle } from '../steps/titles.js';
import type { StepSource } from './analyzer.js';
import { editInEditor } from './editor.js';
import type { Session } from './session.js';
import type { ReviewModel, WizardUI } from './ui.js';

export interface InteractiveDeps {
  readonly session: Session;
  readonly analyzer: StepSource;
  readonly ui: WizardUI;
  /** Resolved lazily: settings are read only when the user first presses `e`. */
  readonly editor: () => Promise<string>;
  /** Replaceable in tests; runs the editor on a free terminal. */
  readonly edit?: typeof editInEditor;
}

export type InteractiveOutcome = 'finished' | 'quit';

/**
 * The review loop: each undecided step is generated (or restored from the saved session), shown, and decided by the
 * user. Nothing reaches PROJECT-CONTEXT.md except through `session.accept`.
 */
export async function runInteractive(deps: InteractiveDeps): Promise<InteractiveOutcome> {
  const { session, analyzer, ui } = deps;
  const total = session.steps.length;
  for (let record = session.next(); record; record = session.next()) {
    const step = record.number;
    const title = stepTitle(step);
    let message: Pick<ReviewModel, 'message' | 'tone'> = {};
    if (record.status === 'pending') {
      ui.progress(`Step ${step}: reading the code for ${title}`);
      const section = await analyzer.section(step, (m) => ui.progress(`Step ${step}: ${m}`));
      session.setGenerated(step, section.markdown);
    } else {
      message = { message: 'Restored from the saved session. Press r to regenerate it from the code.', tone: 'info' };
    }

    let decided = false;
    while (!decided) {
      const current = session.record(step);
      const position = session.steps.findIndex((s) => s.number === step) + 1;
      const action = await ui.review({
        step,
        position,
        total,
        title,
        markdown: session.text(step) ?? '',
        edited: current.edited !== undefined,
        ...message,
      });
      message = {};
      switch (action) {
        case 'accept': {
          const outcome = await accept(session, ui, step, (await analyzer.section(step)).facts);
          if (outcome.ok) decided = true;
          else message = outcome.message;
          break;
        }
        case 'edit': {
          await ui.suspend();
          const result = (deps.edit ?? editInEditor)(session.text(step) ?? '', await deps.editor(), `step-${step}`, { untrusted: [session.paths.root] });
          if (result.kind === 'changed') {
            session.setEdited(step, result.text);
            message = { message: 'Your edit is saved. Press a to accept it, or e to edit again.', tone: 'info' };
          } else if (result.kind === 'unchanged') {
            message = { message: 'No changes made in the editor.', tone: 'info' };
          } else if (result.kind === 'empty') {
            message = { message: 'The editor left the section empty; it keeps its previous text.', tone: 'warning' };
          } else {
            message = { message: result.message, tone: 'error' };
          }
          break;
        }
        case 'regenerate': {
          ui.progress(`Step ${step}: re-reading changed files`);
          const before = session.record(step).generated;
          const section = await analyzer.regenerate(step, (m) => ui.progress(`Step ${step}: ${m}`));
          const hadEdit = session.record(step).edited !== undefined;
          session.setGenerated(step, section.markdown);
          const what = section.markdown === before ? 'No change in the code since it was generated.' : 'Regenerated from the code.';
          message = { message: hadEdit ? `${what} Your edits were discarded.` : what, tone: 'info' };
          break;
        }
        case 'skip':
          session.skip(step);
          decided = true;
          break;
        case 'quit':
          return 'quit';
        case 'interrupt':
          throw new InterruptedError();
      }
    }
  }
  return 'finished';
}

type AcceptOutcome = { ok: true } | { ok: false; message: Pick<ReviewModel, 'message' | 'tone'> };

async function accept(session: Session, ui: WizardUI, step: number, facts: readonly Fact[]): Promise<AcceptOutcome> {
  const conflict = session.conflictFor(step);
  let resolution: ConflictResolution | undefined;
  if (conflict) {
    const answer = await askAbout(conflict, ui, session.paths.output);
    if (answer === 'interrupt') throw new InterruptedError();
    if (answer === 'cancel') return { ok: false, message: { message: 'Not written. The section is still waiting for you.', tone: 'info' } };
    resolution = answer;
  }
  try {
    session.accept(step, resolution, facts);
    return { ok: true };
  } catch (error) {
    if (error instanceof OutputWriteError) return { ok: false, message: { message: writeFailure(error), tone: 'error' } };
    throw error;
  }
}

/**
 * The message row is one line: what to do comes first, the long path last (where a narrow terminal cuts it). Other
 * failures (an odd errno, a section the file format cannot hold) keep their full sentence.
 */
function writeFailure(error: OutputWriteError): string {
  const why: Partial<Record<OutputWriteError['reason'], string>> = {
    'not-writable': 'permission denied or read-only disk',
    'not-readable': 'permission denied',
    'disk-full': 'the disk is full',
    'not-a-file': 'its path is not a file',
  };
  const reason = why[error.reason];
  if (!reason) return `${error.message} Fix it and press a again.`;
  return `Not written (${reason}); nothing changed. Fix it and press a again, or q to quit — ${error.file}`;
}

function askAbout(conflict: AcceptConflict, ui: WizardUI, output: string) {
  switch (conflict.kind) {
    case 'foreign-file':
      return ui.choose<ConflictResolution>(`${output} already exists and was not written by project-context. What should happen?`, [
        { value: 'append', label: 'Keep its text and add the sections after it' },
        { value: 'replace-with-backup', label: 'Start a new file', hint: 'the old one is kept as a .bak file' },
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
