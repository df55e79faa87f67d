import { digestOfSection, stripDigest } from '../check/fact-digest.js';
import { diffLines, diffStats } from '../diff/line-diff.js';
import { InterruptedError } from '../errors.js';
import { OutputWriteError, parseOutput, readOutputFile } from '../output/index.js';
import { STEP_COUNT, stepTitle } from '../steps/titles.js';
import { acceptStep, writeFailure, type Message } from './accept-flow.js';
import type { StepSource } from './analyzer.js';
import { editInEditor } from './editor.js';
import { NoticeBoard } from './notices.js';
import type { Session } from './session.js';
import { displayPath, sessionView } from './session-view.js';
import type { ReviewModel, WizardUI } from './ui.js';

export interface InteractiveDeps {
  readonly session: Session;
  readonly analyzer: StepSource;
  readonly ui: WizardUI;
  /** Resolved lazily: settings are read only when the user first presses `e`. */
  readonly editor: () => Promise<string>;
  /** Replaceable in tests; runs the editor on a free terminal. */
  readonly edit?: typeof editInEditor;
  /** Shown until dismissed and repeated at the end; the run's own notices (from opening the session) are in it. */
  readonly notices?: NoticeBoard;
}

export type InteractiveOutcome = 'finished' | 'quit';

/**
 * The review loop: each undecided step is generated (or restored from the saved session), shown, and decided by the
 * user. Nothing reaches PROJECT-CONTEXT.md except through `session.accept`, and nothing leaves it except through
 * `session.undo` (the block the wizard wrote, unchanged).
 */
export async function runInteractive(deps: InteractiveDeps): Promise<InteractiveOutcome> {
  const { session, analyzer, ui } = deps;
  const notices = deps.notices ?? new NoticeBoard();
  const total = session.steps.length;
  const output = displayPath(session.paths.output);
  /** Steps that come from the saved session: the first time each is shown, the screen says so. */
  const restored = new Set(session.steps.filter((s) => s.status === 'generated').map((s) => s.number));
  /** What the next screen says first: what was just written, skipped or taken back. */
  let carried: Message = {};
  for (let record = session.next(); record; record = session.next()) {
    const step = record.number;
    const title = stepTitle(step);
    const heading = `Preparing step ${step} of ${STEP_COUNT} — ${title}`;
    ui.setView(sessionView(session, step, notices));
    let message: Message = carried;
    carried = {};
    if (record.status === 'pending') {
      ui.progress('Reading the code', heading);
      const section = await analyzer.section(step, (m) => ui.progress(m, heading));
      session.setGenerated(step, section.markdown);
    } else if (restored.has(step) && !message.message) {
      const edited = record.edited !== undefined;
      message = { message: edited ? 'Restored from the saved session, with your edit.' : 'Restored from the saved session. Press r to regenerate it from the code.', tone: 'info' };
    }
    restored.delete(step);
    if (session.restored.includes(step)) {
      message = { message: 'Accepted before, but its section is missing from the file: review it again.', tone: 'warning' };
    }

    /** The text before the last `r`, when it changed something: what `d` compares with. */
    let beforeRegenerate: ReviewModel['previous'];
    let showChanges = false;
    let first = true;
    let decided = false;
    /** The section already in the output for this step (an earlier session's), read once per step. */
    const inFile = sectionInOutput(session, step);
    while (!decided) {
      const current = session.record(step);
      const text = session.text(step) ?? '';
      const fromFile = inFile && inFile.markdown.trimEnd() !== text.trimEnd() ? inFile : undefined;
      const previous =
        beforeRegenerate ??
        (current.edited !== undefined && current.generated !== undefined ? { label: 'the generated section', markdown: current.generated } : undefined) ??
        fromFile;
      if (first && fromFile && current.edited === undefined) {
        // Reviewing a step again (`--steps`): the section in the file is what this one would replace; like
        // `git add -p`, the changes come first.
        const { added, removed } = diffStats(diffLines(fromFile.markdown, text));
        showChanges = true;
        message = message.message ? message : { message: `${output} already has this step: +${added} −${removed} lines would change; d switches to the section.`, tone: 'info' };
      }
      first = false;
      const action = await ui.review({
        step,
        position: session.steps.findIndex((s) => s.number === step) + 1,
        total,
        title,
        markdown: text,
        edited: current.edited !== undefined,
        previous,
        showChanges,
        canUndo: session.lastDecision() !== undefined,
        ...message,
      });
      message = {};
      showChanges = false;
      switch (action) {
        case 'accept': {
          // The accepted section leaves the screen at once: its facts come from the analysis and both files are
          // written before the next step shows, which takes a moment on a big repository.
          ui.progress(`Step ${step}: writing ${output}`);
          const outcome = await acceptStep(session, ui, step, digestOfSection(await analyzer.section(step)), output);
          if (!outcome.ok) {
            message = outcome.message;
            break;
          }
          const lines = text.split('\n').length;
          const kept = outcome.backup ? ` The old file is kept as ${displayPath(outcome.backup)}.` : '';
          if (outcome.backup) notices.add(`The previous ${output} is kept as ${displayPath(outcome.backup)}.`);
          carried = { message: `✓ Step ${step} — ${title}: written to ${output} (${lines.toLocaleString('en-US')} lines).${kept} u takes it back.`, tone: 'success' };
          ui.confirm(carried.message ?? '', 'success');
          decided = true;
          break;
        }
        case 'edit': {
          await ui.suspend();
          const result = (deps.edit ?? editInEditor)(text, await deps.editor(), `step-${step}`);
          if (result.kind === 'changed') {
            session.setEdited(step, result.text);
            beforeRegenerate = undefined;
            message = { message: 'Your edit is saved. Press a to accept it, d to compare it with the generated section.', tone: 'info' };
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
          const hadEdit = current.edited !== undefined;
          if (hadEdit) {
            const answer = await ui.choose(`Step ${step} has your edit. Regenerating replaces it with a new section from the code.`, [
              { value: 'keep', label: 'Keep my edit', hint: 'nothing changes' },
              { value: 'regenerate', label: 'Regenerate and discard my edit', hint: 'd then shows what changed' },
            ]);
            if (answer === 'interrupt') throw new InterruptedError();
            if (answer === 'keep') {
              message = { message: 'Your edit is kept.', tone: 'info' };
              break;
            }
          }
          ui.progress('Re-reading the files that changed', `Regenerating step ${step} of ${STEP_COUNT} — ${title}`);
          const section = await analyzer.regenerate(step, (m) => ui.progress(m, `Regenerating step ${step} of ${STEP_COUNT} — ${title}`));
          session.setGenerated(step, section.markdown);
          if (section.markdown === text) {
            message = { message: 'Regenerated: no change, the code gives the same section.', tone: 'info' };
            break;
          }
          const { added, removed } = diffStats(diffLines(text, section.markdown));
          beforeRegenerate = { label: hadEdit ? 'your edit' : 'before regenerating', markdown: text };
          showChanges = true;
          const discarded = hadEdit ? ' Your edit was replaced (the changes show it as removed).' : '';
          message = { message: `Regenerated from the code: +${added} −${removed} lines; d switches between the changes and the section.${discarded}`, tone: 'info' };
          break;
        }
        case 'skip':
          session.skip(step);
          carried = { message: `Step ${step} — ${title} skipped; nothing written. u takes it back.`, tone: 'info' };
          ui.confirm(carried.message ?? '', 'info');
          decided = true;
          break;
        case 'undo': {
          const result = await undoLast(session, analyzer, ui, output);
          if (result.done) {
            carried = result.message;
            decided = true;
          } else {
            message = result.message;
          }
          break;
        }
        case 'quit':
          return 'quit';
        case 'interrupt':
          throw new InterruptedError();
      }
    }
  }
  return 'finished';
}

/** `u`: takes back the last decision; `done` when the loop should show that step again. */
async function undoLast(session: Session, analyzer: StepSource, ui: WizardUI, output: string): Promise<{ done: boolean; message: Message }> {
  const target = session.lastDecision();
  if (!target) return { done: false, message: { message: 'Nothing to undo yet: no step has been accepted or skipped.', tone: 'info' } };
  const step = target.number;
  const title = stepTitle(step);
  let generated = '';
  if (target.status === 'accepted') {
    ui.progress('Taking the section back', `Undoing step ${step} of ${STEP_COUNT} — ${title}`);
    generated = (await analyzer.section(step)).markdown;
  }
  let outcome;
  try {
    outcome = session.undo(step, generated);
  } catch (error) {
    if (error instanceof OutputWriteError) return { done: false, message: { message: writeFailure(error, 'press u again'), tone: 'error' } };
    throw error;
  }
  switch (outcome.kind) {
    case 'removed':
      return { done: true, message: { message: `Undone: step ${step} — ${title} was taken out of ${output}. Review it again.`, tone: 'info' } };
    case 'reopened':
      return { done: true, message: { message: `Undone: step ${step} — ${title} is open again (its section was no longer in ${output}).`, tone: 'info' } };
    case 'unskipped':
      return { done: true, message: { message: `Undone: step ${step} — ${title} is no longer skipped.`, tone: 'info' } };
    case 'changed':
      return {
        done: false,
        message: { message: `Not undone: step ${step}'s section in ${output} was changed after it was written, and undo would lose that. Edit the file instead.`, tone: 'warning' },
      };
    case 'nothing':
      return { done: false, message: { message: 'Nothing to undo.', tone: 'info' } };
  }
}

/** The section already in the output for this step (from an earlier session), if there is one. */
function sectionInOutput(session: Session, step: number): ReviewModel['previous'] {
  let file: string | undefined;
  try {
    file = readOutputFile(session.paths.output);
  } catch {
    return undefined;
  }
  if (file === undefined) return undefined;
  const block = parseOutput(file).blocks.find((b) => b.step === step);
  if (!block) return undefined;
  return { label: `the section in ${displayPath(session.paths.output)}`, markdown: stripDigest(block.body) };
}
