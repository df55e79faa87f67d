import { confirm, select } from '@inquirer/prompts';
import path from 'node:path';
import { InterruptedError } from '../errors.js';
import { STEP_COUNT } from '../steps/titles.js';
import type { Drift } from '../wizard/drift.js';
import type { FinishedAnswer, FinishedQuestion, ResumeQuestion } from '../wizard/session.js';

/** Asked on the plain terminal before the wizard's screen appears. */
export async function askResume(q: ResumeQuestion): Promise<'resume' | 'restart' | 'new'> {
  return asked(async () => {
    // The question is asked before the wizard's screen, where the notice board is not shown yet.
    if (q.notice) process.stdout.write(`${q.notice}\n`);
    if (q.otherSelection) {
      // The default keeps the unfinished session: starting the new one replaces it.
      return select<'resume' | 'new'>({
        message: `An unfinished session for steps ${q.otherSelection.join(', ')} stopped at step ${q.step}.`,
        choices: [
          { value: 'resume', name: `Resume it at step ${q.step}`, description: 'the steps you asked for now can be run after it' },
          { value: 'new', name: 'Start the steps asked for now instead', description: 'the unfinished session is dropped; sections it wrote stay in the file' },
        ],
        default: 'resume',
      });
    }
    const resume = await confirm({
      message: `Resume at step ${q.step} of ${STEP_COUNT} — ${q.accepted} accepted, ${q.skipped} skipped? (n starts over; the current output is backed up into the session folder)`,
      default: true,
    });
    return resume ? 'resume' : 'restart';
  });
}

/** The same command again after every step was decided: what now? Nothing happens silently. */
export async function askFinished(q: FinishedQuestion): Promise<FinishedAnswer> {
  const file = path.basename(q.output);
  const skipped = q.skipped.length > 0 ? `, ${q.skipped.length} skipped (${q.skipped.join(', ')})` : '';
  return asked(() =>
    select<FinishedAnswer>({
      message: `This session is finished: ${q.accepted} accepted${skipped}. What now?`,
      choices: [
        ...(q.skipped.length > 0 ? [{ value: 'skipped' as const, name: `Review the skipped ${q.skipped.length === 1 ? 'step' : 'steps'} (${q.skipped.join(', ')})` }] : []),
        { value: 'again', name: 'Review every step again', description: `each section in ${file} is replaced only when you accept it again` },
        { value: 'restart', name: `Start over with a new ${file}`, description: 'the current one is backed up into the session folder' },
        { value: 'quit', name: 'Quit', description: 'nothing changes' },
      ],
    }),
  );
}

/** The saved session is unusable: say why and offer to start over (the bad file is kept aside). */
export async function askStartOverAfterBadState(error: Error): Promise<boolean> {
  process.stderr.write(`${error.message}\n`);
  return asked(() => confirm({ message: 'Start a new session? (the unreadable file is kept as a backup)', default: true }));
}

/** The repository changed under the resumed session: offer to regenerate the steps shown but not yet decided. */
export async function askRegenerate(drift: Drift, message: string): Promise<boolean> {
  process.stderr.write(`${message}\n`);
  const steps = `${drift.undecided.length === 1 ? 'step' : 'steps'} ${drift.undecided.join(', ')}`;
  const edits = drift.edited.length > 0 ? ` (your edits to ${drift.edited.length === 1 ? 'step' : 'steps'} ${drift.edited.join(', ')} would be discarded)` : '';
  return asked(() => confirm({ message: `Regenerate ${steps} from the current code${edits}?`, default: true }));
}

async function asked<T>(question: () => Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError();
    throw error;
  }
}
