import { confirm } from '@inquirer/prompts';
import { InterruptedError } from '../errors.js';
import { STEP_COUNT } from '../steps/titles.js';
import type { Drift } from '../wizard/drift.js';
import type { ResumeQuestion } from '../wizard/session.js';

/** Asked on the plain terminal before the wizard's screen appears. */
export async function askResume(q: ResumeQuestion): Promise<'resume' | 'restart' | 'new'> {
  try {
    if (q.otherSelection) {
      const resume = await confirm({
        message: `An unfinished session for steps ${q.otherSelection.join(', ')} stopped at step ${q.step}. Resume it instead of starting this one?`,
        default: false,
      });
      return resume ? 'resume' : 'new';
    }
    const resume = await confirm({
      message: `Resume at step ${q.step} of ${STEP_COUNT} — ${q.accepted} accepted, ${q.skipped} skipped? (n starts over; the current output is kept as a backup)`,
      default: true,
    });
    return resume ? 'resume' : 'restart';
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError();
    throw error;
  }
}

/** The saved session is unusable: say why and offer to start over (the bad file is kept aside). */
export async function askStartOverAfterBadState(error: Error): Promise<boolean> {
  process.stderr.write(`${error.message}\n`);
  try {
    return await confirm({ message: 'Start a new session? (the unreadable file is kept as a backup)', default: true });
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new InterruptedError();
    throw e;
  }
}

/** The repository changed under the resumed session: offer to regenerate the steps shown but not yet decided. */
export async function askRegenerate(drift: Drift, message: string): Promise<boolean> {
  process.stderr.write(`${message}\n`);
  const steps = `${drift.undecided.length === 1 ? 'step' : 'steps'} ${drift.undecided.join(', ')}`;
  const edits = drift.edited.length > 0 ? ` (your edits to ${drift.edited.length === 1 ? 'step' : 'steps'} ${drift.edited.join(', ')} would be discarded)` : '';
  try {
    return await confirm({ message: `Regenerate ${steps} from the current code${edits}?`, default: true });
  } catch (e) {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new InterruptedError();
    throw e;
  }
}
