import path from 'node:path';
import { readRegularFile } from '../output/path-policy.js';
import { MAX_OUTPUT_BYTES, OUTPUT_POLICY } from '../output/index.js';
import { factRecordPath } from '../check/fact-record.js';
import { InterruptedError } from '../errors.js';
import { DEFAULT_STATE_DIR } from '../../state/dir.js';
import { runGit } from '../scan/list-files.js';
import { runHeadless } from './headless.js';
import { offerAgentLinks } from './agent-links-offer.js';
import { runInteractive } from './interactive.js';
import { NoticeBoard } from './notices.js';
import type { RunOptions } from './run-options.js';
import { Session, type FinishedAnswer, type FinishedQuestion, type ResumeQuestion } from './session.js';
import type { Drift } from './drift.js';
import { sessionView } from './session-view.js';
import type { WizardUI } from './ui.js';
import { safeUI } from './safe-ui.js';
import { startAnalysis, type AnalysisHandle, type AnalysisOptions, type AnalysisStart } from './worker-analysis.js';

export interface RunEnvironment {
  /** Interactive mode: the terminal UI and the resume question (asked before the UI takes the screen). */
  readonly interactive?: {
    /** `onInterrupt` is called at once when the user presses Ctrl+C on a screen that has no answer for it. */
    readonly createUI: (onInterrupt: () => void) => WizardUI;
    readonly askResume: (question: ResumeQuestion) => Promise<'resume' | 'restart' | 'new'>;
    /** The same command again after a finished session. */
    readonly askFinished?: (question: FinishedQuestion) => Promise<FinishedAnswer>;
    readonly askStartOverAfterBadState: (error: Error) => Promise<boolean>;
    /** The repository changed since the resumed session was saved: regenerate the undecided steps it affects? */
    readonly askRegenerate?: (drift: Drift, message: string) => Promise<boolean>;
    readonly editor: () => Promise<string>;
  };
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** The analysis, if the caller started it early (see cli.tsx); it is closed when the run ends. */
  readonly analysis?: AnalysisStart;
}

/** Runs one wizard session, interactive or headless, and returns the exit code. */
export async function runWizard(options: RunOptions, env: RunEnvironment): Promise<number> {
  // Interactive notices stay on screen until dismissed and are repeated at the end; the terminal's alternate screen
  // would swallow a line printed now. Headless runs print them at once.
  const notices = new NoticeBoard();
  const session = await Session.open({
    root: options.root,
    output: options.output,
    stateFile: options.stateFile,
    steps: options.steps,
    restart: options.restart,
    gitHead: gitHead(options.root),
    askResume: env.interactive?.askResume ?? (async (q) => (q.otherSelection ? 'new' : 'resume')),
    notice: env.interactive ? (m) => notices.add(m) : env.stderr,
    askFinished: env.interactive?.askFinished,
    askStartOverAfterBadState: env.interactive?.askStartOverAfterBadState,
    askRegenerate: env.interactive?.askRegenerate,
  });
  const start = env.analysis ?? startAnalysis(analysisOptions(options, env.interactive !== undefined));
  let ui: WizardUI | undefined;
  let analyzer: AnalysisHandle | undefined;
  let stopping = false;
  const stopOnSignal = (signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => {
    if (stopping) return; // a second Ctrl+C while the terminal is being restored
    stopping = true;
    analyzer?.stop();
    void (async () => {
      await ui?.close();
      session.close();
      if (env.interactive) notices.all().forEach((n) => env.stderr(n.text));
      const error = new InterruptedError(signal);
      env.stderr(error.message);
      process.exit(error.exitCode);
    })();
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = () => stopOnSignal(signal);
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    if (env.interactive) {
      start.plan(ahead(session));
      ui = safeUI(env.interactive.createUI(() => stopOnSignal('SIGINT')));
      ui.setView(sessionView(session, undefined, notices));
      ui.progress('Listing files', 'Reading the repository');
      start.onProgress((m) => ui?.progress(m, 'Reading the repository'));
      analyzer = await start.opened;
      analyzer.plan(ahead(session));
      if (stopping) analyzer.stop();
      const outcome = await runInteractive({ session, analyzer, ui, editor: env.interactive.editor, notices });
      const links = outcome === 'finished' ? await offerAgentLinks(options.root, options.output, options.linkAgents, ui) : undefined;
      await ui.close();
      if (links?.interrupted) throw new InterruptedError();
      links?.lines.forEach((line) => env.stdout(line));
      (await analyzer.notes()).forEach((note) => env.stderr(note));
      notices.all().forEach((n) => env.stderr(n.text));
      if (outcome === 'quit') {
        const next = session.next();
        env.stdout(`Progress saved. Run the same command to resume${next ? ` at step ${next.number}` : ''}.`);
        return 0;
      }
    } else {
      analyzer = await start.opened;
      if (stopping) analyzer.stop();
      await runHeadless({ session, analyzer, log: env.stderr });
      (await analyzer.notes()).forEach((note) => env.stderr(note));
      if (options.linkAgents) (await offerAgentLinks(options.root, options.output, true)).lines.forEach((line) => env.stderr(line));
    }
    env.stdout(summaryLine(session, options.output));
    return 0;
  } finally {
    start.close();
    await ui?.close();
    handlers.forEach((off) => off());
    session.close();
  }
}

/**
 * What to analyse and where its per-file cache lives: beside the state file, in a folder that is ours (the default
 * `.project-context/`, or one whose `.gitignore` ignores everything), never as a stray file in the user's own folder.
 */
export function analysisOptions(options: RunOptions, inWorker: boolean): AnalysisOptions {
  const dir = path.dirname(options.stateFile);
  const ours = path.basename(dir) === DEFAULT_STATE_DIR || /^\*$/m.test(readIfExists(path.join(dir, '.gitignore')));
  const cacheFile = ours ? path.join(dir, 'file-cache.json') : undefined;
  const exclude = [options.output, factRecordPath(options.output), options.stateFile, ...(cacheFile ? [cacheFile] : [])];
  return { root: options.root, context: options.context, exclude, cacheFile, inWorker };
}

/** A file of ours under the path policy (regular file, capped, never a link or FIFO); '' when absent or unusable. */
function readIfExists(file: string, maxBytes = 64 * 1024): string {
  try {
    return readRegularFile(file, { what: 'The file', fix: 'remove it', maxBytes })?.toString('utf8') ?? '';
  } catch {
    return '';
  }
}

/** The steps still to decide, in order: analysed ahead (accepting one records its facts too). */
function ahead(session: Session): number[] {
  return session.steps.filter((s) => s.status === 'pending' || s.status === 'generated').map((s) => s.number);
}

function summaryLine(session: Session, output: string): string {
  const { accepted, edited } = session.summary();
  const skipped = session.steps.filter((s) => s.status === 'skipped').map((s) => s.number);
  let text: string | undefined;
  try {
    text = readRegularFile(output, { ...OUTPUT_POLICY, maxBytes: MAX_OUTPUT_BYTES })?.toString('utf8');
  } catch {
    text = undefined;
  }
  const written = text !== undefined ? `${output} (${text.split('\n').length.toLocaleString('en-US')} lines)` : `${output} was not written`;
  const revisit = skipped.length > 0 ? ` (${skipped.length === 1 ? 'step' : 'steps'} ${skipped.join(', ')}; project-context --steps ${skipped.join(',')} reviews ${skipped.length === 1 ? 'it' : 'them'})` : '';
  return `Done: ${accepted} accepted${edited ? ` (${edited} edited)` : ''}, ${skipped.length} skipped${revisit}. ${written}.${restoredLine(session)}`;
}

/** The final summary repeats what the start said: which accepted sections had gone missing, and what became of them. */
function restoredLine(session: Session): string {
  if (session.restored.length === 0) return '';
  const statusOf = (n: number) => session.steps.find((s) => s.number === n)?.status;
  const again = session.restored.filter((n) => statusOf(n) === 'accepted');
  const not = session.restored.filter((n) => statusOf(n) !== 'accepted');
  const list = (steps: readonly number[]) => `${steps.length === 1 ? 'step' : 'steps'} ${steps.join(', ')}`;
  const parts = [
    again.length > 0 ? `${list(again)} written again` : '',
    not.length > 0 ? `${list(not)} skipped this time, so not in the file` : '',
  ].filter(Boolean);
  return ` Accepted sections that were missing from the file: ${parts.join('; ')}.`;
}

function gitHead(root: string): string | null {
  return runGit(root, 'rev-parse', 'HEAD')?.trim() || null;
}
