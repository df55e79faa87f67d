/**
 * How a session starts: load the saved state (or start over when it cannot be used and the user agrees), ask whether
 * to resume an unfinished one, or begin fresh. The Session class (session.ts) owns everything after that.
 */
import path from 'node:path';
import { UserFacingError } from '../errors.js';
import { backupOutputLocked, outputFileHash, removeOutputIf } from '../output/index.js';
import { stepTitle } from '../steps/titles.js';
import { ensureStateDir } from '../../state/dir.js';
import { STATE_VERSION, type SessionState } from '../../state/schema.js';
import { backupStateFile, loadState, saveState, StateFileError } from '../../state/store.js';
import type { Drift } from './drift.js';

export interface SessionPaths {
  readonly root: string;
  readonly output: string;
  readonly stateFile: string;
}

/** What the wizard asks before resuming; the interactive UI shows it, headless mode answers yes. */
export interface ResumeQuestion {
  readonly step: number;
  readonly position: number;
  readonly total: number;
  readonly accepted: number;
  readonly skipped: number;
  /** The unfinished session ran a different selection of steps than this run asks for. */
  readonly otherSelection?: readonly number[];
  /** Said before the question: what the counts above already left out (accepted sections gone from the file). */
  readonly notice?: string;
}

/** The same command again after every step was decided. */
export interface FinishedQuestion {
  readonly accepted: number;
  readonly skipped: readonly number[];
  readonly output: string;
}

/**
 * `skipped`: review the skipped steps in the same session; `again`: a new session over every step (each section is
 * replaced only when accepted again); `restart`: a new session and a new file (the old one backed up); `quit`.
 */
export type FinishedAnswer = 'skipped' | 'again' | 'restart' | 'quit';

/** The user chose to change nothing: exit 0 with one sentence. */
export class NothingToDo extends UserFacingError {
  constructor(output: string) {
    super(`Nothing changed; ${path.basename(output)} is as it was.`, undefined, 0);
  }
}

export interface OpenSessionOptions extends SessionPaths {
  readonly steps: readonly number[];
  readonly restart: boolean;
  readonly gitHead: string | null;
  /**
   * Decides what to do with an unfinished session: resume it, start over (the output is backed up and removed), or
   * start a new session beside the output as it is (sections are replaced one by one as they are accepted).
   */
  readonly askResume: (question: ResumeQuestion) => Promise<'resume' | 'restart' | 'new'>;
  readonly notice: (message: string) => void;
  /** Asked when the same steps are run again after a finished session; without it (`--yes`) a new session starts. */
  readonly askFinished?: (question: FinishedQuestion) => Promise<FinishedAnswer>;
  /**
   * The saved session cannot be read (damaged, hand-edited into nonsense, from a newer version). Resolves true to
   * start over (the bad file is kept aside); without it, or on false, the error stands and names --restart.
   */
  readonly askStartOverAfterBadState?: (error: StateFileError) => Promise<boolean>;
  /**
   * The repository changed since the resumed session was saved. Resolves true to regenerate `drift.undecided` (edits
   * included). Without it (`--yes`), the undecided steps without edits are regenerated and a notice says so.
   */
  readonly askRegenerate?: (drift: Drift, message: string) => Promise<boolean>;
}

export async function loadOrStartOver(options: OpenSessionOptions): Promise<SessionState | null> {
  try {
    return loadState(options.stateFile);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    const startOver = options.restart || (await options.askStartOverAfterBadState?.(error)) === true;
    if (!startOver) throw error;
    const kept = backupStateFile(options.stateFile) ?? error.backup;
    options.notice(`The saved session could not be used; starting a new one${kept ? ` (the old file is kept as ${kept})` : ''}.`);
    return null;
  }
}

export function freshState(options: OpenSessionOptions): SessionState {
  const time = now();
  return {
    version: STATE_VERSION,
    tool: 'project-context',
    root: options.root,
    output: options.output,
    gitHead: options.gitHead,
    steps: options.steps.map((n) => ({ number: n, title: stepTitle(n), status: 'pending' })),
    createdAt: time,
    updatedAt: time,
  };
}

/**
 * Starts over: the output is backed up, the new session is saved saying the output is to be removed (`clearOutput`),
 * then it is removed. A kill between any two of these leaves either the old session with the output in place, or the
 * new session whose next start finishes the removal (`finishClear`): never an old session whose accepted sections
 * were just deleted, never a new session over old sections.
 */
export function startOver(options: OpenSessionOptions, fresh: SessionState): SessionState {
  // Backups go into the state folder, out of the repository's way.
  ensureStateDir(options.stateFile);
  const saved = backupOutputLocked(options.output, path.dirname(options.stateFile));
  if (!saved) return fresh;
  options.notice(`Starting over. The previous ${path.basename(options.output)} is kept as ${saved.backup}.`);
  const pending = { ...fresh, clearOutput: saved };
  saveState(options.stateFile, pending);
  return finishClear(options, pending);
}

/**
 * Finishes a restart's removal of the output (see startOver). The state file is not trusted for this: only the output
 * this run writes is removed, only while it holds exactly the bytes recorded, and only when the backup named holds
 * them too. Anything else leaves the file alone.
 */
export function finishClear(options: Pick<OpenSessionOptions, 'output' | 'stateFile'>, state: SessionState): SessionState {
  if (!state.clearOutput) return state;
  const { hash, backup } = state.clearOutput;
  if (state.output === options.output && holds(backup, hash)) removeOutputIf(options.output, hash);
  const { clearOutput: _done, ...rest } = state;
  const cleared = { ...rest, outputHash: '' };
  saveState(options.stateFile, cleared);
  return cleared;
}

function holds(file: string, hash: string): boolean {
  try {
    return outputFileHash(file) === hash;
  } catch {
    return false;
  }
}

export function isFinished(state: SessionState): boolean {
  return state.steps.every((s) => s.status === 'accepted' || s.status === 'skipped');
}

export function sameSelection(state: SessionState, steps: readonly number[]): boolean {
  return state.steps.length === steps.length && state.steps.every((s, i) => s.number === steps[i]);
}

export function finishedQuestion(state: SessionState): FinishedQuestion {
  return {
    accepted: state.steps.filter((s) => s.status === 'accepted').length,
    skipped: state.steps.filter((s) => s.status === 'skipped').map((s) => s.number),
    output: state.output,
  };
}

/** The finished session again, its skipped steps undecided (with the text they had, if any). */
export function reopenSkipped(state: SessionState): SessionState {
  return {
    ...state,
    steps: state.steps.map((s) => {
      if (s.status !== 'skipped') return s;
      const { decidedAt: _decided, ...rest } = s;
      return { ...rest, status: s.generated !== undefined || s.edited !== undefined ? 'generated' : 'pending' };
    }),
  };
}

export function sameTarget(state: SessionState, options: OpenSessionOptions): boolean {
  return state.root === options.root && state.output === options.output;
}

export function resumeQuestion(state: SessionState, selection: readonly number[]): ResumeQuestion {
  const pendingIndex = state.steps.findIndex((s) => s.status === 'pending' || s.status === 'generated');
  const same = state.steps.length === selection.length && state.steps.every((s, i) => s.number === selection[i]);
  return {
    step: state.steps[pendingIndex].number,
    position: pendingIndex + 1,
    total: state.steps.length,
    accepted: state.steps.filter((s) => s.status === 'accepted').length,
    skipped: state.steps.filter((s) => s.status === 'skipped').length,
    otherSelection: same ? undefined : state.steps.map((s) => s.number),
  };
}

function now(): string {
  return new Date().toISOString();
}
