import { digestOfSection } from '../check/fact-digest.js';
import { stepTitle } from '../steps/titles.js';
import type { StepSource } from './analyzer.js';
import type { Session } from './session.js';

export interface HeadlessDeps {
  readonly session: Session;
  readonly analyzer: StepSource;
  /** One line per step, to stderr in the CLI. */
  readonly log: (line: string) => void;
}

/**
 * `--yes`: generate and accept every undecided step in order. There is nobody to ask, so the choices are the safe
 * ones: a foreign PROJECT-CONTEXT.md keeps its text (sections are added after it), and a section edited by hand in
 * the file is left alone and reported.
 */
export async function runHeadless({ session, analyzer, log }: HeadlessDeps): Promise<void> {
  const total = session.steps.length;
  for (let record = session.next(); record; record = session.next()) {
    const step = record.number;
    const position = session.steps.findIndex((s) => s.number === step) + 1;
    const label = `[${position}/${total}] Step ${step} — ${stepTitle(step)}`;
    const started = performance.now();
    if (record.status === 'pending') {
      const section = await analyzer.section(step);
      session.setGenerated(step, section.markdown, false);
    }
    const lines = (session.text(step) ?? '').split('\n').length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const conflict = session.conflictFor(step);
    if (conflict?.kind === 'hand-edited') {
      session.skip(step);
      log(`${label}: kept the hand-edited section already in the file (run without --yes to replace it)`);
      continue;
    }
    const result = session.accept(step, conflict?.kind === 'foreign-file' ? 'append' : conflict ? 'overwrite-block' : undefined, digestOfSection(await analyzer.section(step)));
    const how =
      conflict?.kind === 'foreign-file'
        ? ', added after the existing text'
        : conflict?.kind === 'changed-externally'
          ? ', into a file another program changed; its other text is kept'
          : result.alreadyPresent
            ? ', already up to date'
            : '';
    const again = session.restored.includes(step) ? '; written again, its section was missing from the file' : '';
    log(`${label}: accepted (${lines} lines, ${seconds} s${how})${again}`);
  }
}
