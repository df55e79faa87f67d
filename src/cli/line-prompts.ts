/**
 * The questions asked before the wizard's screen, for terminals without cursor control (TERM=dumb), where the
 * interactive prompts would print escape sequences: a numbered list and a line of input. Enter takes the default.
 */
import path from 'node:path';
import { LineInput } from '../ui/line/line-input.js';
import { STEP_COUNT } from '../steps/titles.js';
import type { Drift } from '../wizard/drift.js';
import type { FinishedAnswer, FinishedQuestion, ResumeQuestion } from '../wizard/session.js';

async function choose<T extends string>(question: string, choices: readonly { value: T; label: string }[]): Promise<T> {
  const input = new LineInput();
  try {
    process.stdout.write(`${question}\n`);
    choices.forEach((c, i) => process.stdout.write(`  ${i + 1}. ${c.label}${i === 0 ? ' (Enter)' : ''}\n`));
    for (;;) {
      process.stdout.write('Number? ');
      const line = await input.next();
      if (!line || line.text === '') return choices[0].value;
      const n = Number(line.text);
      if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1].value;
      process.stdout.write(`Type a number from 1 to ${choices.length}.\n`);
    }
  } finally {
    input.close();
  }
}

export function askResume(q: ResumeQuestion): Promise<'resume' | 'restart' | 'new'> {
  if (q.notice) process.stdout.write(`${q.notice}\n`);
  if (q.otherSelection) {
    return choose(`An unfinished session for steps ${q.otherSelection.join(', ')} stopped at step ${q.step}.`, [
      { value: 'resume', label: `Resume it at step ${q.step}` },
      { value: 'new', label: 'Start the steps asked for now instead (the unfinished session is dropped)' },
    ]);
  }
  return choose(`Resume at step ${q.step} of ${STEP_COUNT} — ${q.accepted} accepted, ${q.skipped} skipped?`, [
    { value: 'resume', label: 'Resume' },
    { value: 'restart', label: 'Start over (the current output is backed up into the session folder)' },
  ]);
}

export function askFinished(q: FinishedQuestion): Promise<FinishedAnswer> {
  const file = path.basename(q.output);
  return choose(`This session is finished: ${q.accepted} accepted, ${q.skipped.length} skipped. What now?`, [
    ...(q.skipped.length > 0 ? [{ value: 'skipped' as const, label: `Review the skipped steps (${q.skipped.join(', ')})` }] : []),
    { value: 'again', label: `Review every step again (each section in ${file} is replaced only when accepted again)` },
    { value: 'restart', label: `Start over with a new ${file} (the current one is backed up)` },
    { value: 'quit', label: 'Quit; nothing changes' },
  ]);
}

export async function askStartOverAfterBadState(error: Error): Promise<boolean> {
  process.stderr.write(`${error.message}\n`);
  return (await choose('Start a new session? (the unreadable file is kept as a backup)', [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ])) === 'yes';
}

export async function askRegenerate(drift: Drift, message: string): Promise<boolean> {
  process.stderr.write(`${message}\n`);
  const steps = `${drift.undecided.length === 1 ? 'step' : 'steps'} ${drift.undecided.join(', ')}`;
  return (await choose(`Regenerate ${steps} from the current code?`, [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No, keep them as they are' },
  ])) === 'yes';
}
