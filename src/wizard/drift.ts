/**
 * What the wizard does when the repository changed under a saved session (detected by state/changes.ts: git HEAD
 * moved, or files a section cites differ from when it was generated): which steps to offer for regeneration, what
 * to tell the user, and the state once that is settled.
 */
import { hashFiles, repoChanges } from '../../state/changes.js';
import type { SessionState, StepRecord } from '../../state/schema.js';

export interface Drift {
  /** HEAD when the session was saved and now. */
  readonly head?: { readonly from: string | null; readonly to: string | null };
  /** Cited files whose content differs from when their section was generated, or that are gone. */
  readonly changedFiles: readonly string[];
  /** Steps generated but not yet decided whose section may be out of date: these are offered for regeneration. */
  readonly undecided: readonly number[];
  /** Undecided steps among them that hold the user's edit (regenerating would discard it). */
  readonly edited: readonly number[];
  /** Steps already accepted whose cited files changed (their block in the output may be out of date). */
  readonly accepted: readonly number[];
}

/**
 * What changed since the session was saved; null when nothing did. A moved HEAD makes every undecided section
 * suspect (a new file changes a section without any cited file changing); otherwise only those whose files changed.
 */
export function detectDrift(state: SessionState, currentHead: string | null): Drift | null {
  const changes = repoChanges(state, currentHead);
  if (!changes.headChanged && changes.steps.length === 0) return null;
  const stale = new Set(changes.steps.map((s) => s.number));
  const undecided = state.steps.filter((s) => s.status === 'generated' && (changes.headChanged || stale.has(s.number)));
  return {
    ...(changes.headChanged ? { head: { from: state.gitHead, to: currentHead } } : {}),
    changedFiles: [...new Set(changes.steps.flatMap((s) => s.files))].sort(),
    undecided: undecided.map((s) => s.number),
    edited: undecided.filter((s) => s.edited !== undefined).map((s) => s.number),
    accepted: state.steps.filter((s) => s.status === 'accepted' && stale.has(s.number)).map((s) => s.number),
  };
}

/** One plain sentence saying what changed, for the question and for `--yes`'s stderr line. */
export function describeDrift(drift: Drift): string {
  const parts: string[] = [];
  if (drift.head) parts.push(`git HEAD moved from ${short(drift.head.from)} to ${short(drift.head.to)}`);
  if (drift.changedFiles.length > 0) {
    const shown = drift.changedFiles.slice(0, 3).join(', ');
    const more = drift.changedFiles.length > 3 ? ` and ${drift.changedFiles.length - 3} more` : '';
    parts.push(`${drift.changedFiles.length === 1 ? 'a cited file changed' : `${drift.changedFiles.length} cited files changed`} (${shown}${more})`);
  }
  return `The repository changed since this session was saved: ${parts.join('; ')}.`;
}

/**
 * What the user is told. `headless`: nobody was asked, so the message says what (if anything) was done. Accepted steps are never
 * regenerated here (their text is in the output); the user is told how to refresh them.
 */
export function driftNotices(drift: Drift, message: string, regenerate: readonly number[], headless: boolean): string[] {
  const lines: string[] = [];
  if (headless) {
    const done = regenerate.length > 0 ? ` Regenerating ${stepList(regenerate)} from the current code.` : '';
    const kept = drift.edited.filter((n) => !regenerate.includes(n));
    const keptLine = kept.length > 0 ? ` ${capitalised(stepList(kept))} ${kept.length === 1 ? 'keeps' : 'keep'} your edit.` : '';
    lines.push(`${message}${done}${keptLine}`);
  }
  if (drift.accepted.length > 0) {
    const verb = drift.accepted.length === 1 ? 'was' : 'were';
    lines.push(`${capitalised(stepList(drift.accepted))} ${verb} accepted before the change; to refresh, run project-context --steps ${drift.accepted.join(',')} when this session is done.`);
  }
  return lines;
}

/**
 * The state after the drift was dealt with: regenerated steps are pending again, and the current HEAD and cited
 * files become the reference, so the same change is not reported on every resume.
 */
export function settleDrift(state: SessionState, currentHead: string | null, regenerate: readonly number[]): SessionState {
  return {
    ...state,
    gitHead: currentHead,
    steps: state.steps.map((s): StepRecord => {
      if (regenerate.includes(s.number)) return { number: s.number, title: s.title, status: 'pending' };
      // The same cited paths, hashed as they are now (an accepted step keeps no text, only its cited files).
      return s.citedFiles ? { ...s, citedFiles: hashFiles(state.root, Object.keys(s.citedFiles)) } : s;
    }),
  };
}

function stepList(steps: readonly number[]): string {
  return `${steps.length === 1 ? 'step' : 'steps'} ${steps.join(', ')}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function short(head: string | null): string {
  return head ? head.slice(0, 7) : 'no commit';
}
