import path from 'node:path';
import { stripDigest, type DigestEntry } from '../check/fact-digest.js';
import { EMPTY_RECORD, pruned, readFactRecord, withSection, writeFactRecord, type FactRecord } from '../check/fact-record.js';
import { removeStaleTemps } from '../output/atomic.js';
import { acceptSection, inspectForAccept, parseOutput, readOutputFile, sectionHash } from '../output/index.js';
import { removeStaleOutputLock } from '../output/output-lock.js';
import type { AcceptConflict, AcceptResult, ConflictResolution } from '../output/index.js';
import { acquireLock, type Lock } from '../../state/lock.js';
import type { SessionState, StepRecord } from '../../state/schema.js';
import { saveState } from '../../state/store.js';
import { citedFileHashes } from '../../state/changes.js';
import { describeDrift, detectDrift, driftNotices, settleDrift } from './drift.js';
import { finishUndo, type SessionAccess, type UndoOutcome, undoDecision } from './session-undo.js';
import { reconcile, missingNotice } from './reconcile.js';
import {
  finishClear,
  finishedQuestion,
  freshState,
  isFinished,
  loadOrStartOver,
  NothingToDo,
  reopenSkipped,
  resumeQuestion,
  sameSelection,
  sameTarget,
  startOver,
  type OpenSessionOptions,
  type SessionPaths,
} from './session-start.js';

export type { FinishedAnswer, FinishedQuestion, OpenSessionOptions, ResumeQuestion, SessionPaths } from './session-start.js';
export { NothingToDo } from './session-start.js';

export type { UndoOutcome } from './session-undo.js';

export type AcceptOutcome = { readonly conflict: AcceptConflict } | { readonly result: AcceptResult };

/**
 * The resumable session: which steps are decided, what text each has, and the write protocol that makes accepting
 * crash-safe. Every change is saved before the next thing happens, so a kill at any moment loses nothing accepted.
 */
export class Session {
  private staleSteps: readonly number[] = [];

  private constructor(
    private state: SessionState,
    readonly paths: SessionPaths,
    private readonly lock: Lock,
    /** Steps the saved session called accepted whose sections were gone from the output when it resumed. */
    readonly restored: readonly number[] = [],
  ) {}

  static async open(options: OpenSessionOptions): Promise<Session> {
    const lock = acquireLock(options.stateFile);
    try {
      // A session killed mid-write leaves a hidden temp file (or write lock) beside the output; it must not linger.
      removeStaleTemps(options.output);
      removeStaleOutputLock(options.output);
      let previous = await loadOrStartOver(options);
      if (previous) previous = finishClear(options, previous);
      let state: SessionState | undefined;
      let missing: readonly number[] = [];
      let restart = options.restart;
      let resumed = false;
      if (previous && !restart && sameTarget(previous, options)) {
        // Reconciled before any question, so it counts what the file really holds, and says what is gone.
        const text = readOutputFile(options.output);
        const checked = reconcile(previous, text);
        const gone = checked.missing.length > 0 ? missingNotice(checked.missing, options.output, text !== undefined) : undefined;
        if (gone) options.notice(gone);
        let answer: 'resume' | 'restart' | 'skipped' | 'new' = 'new';
        if (!isFinished(checked.state)) answer = await options.askResume({ ...resumeQuestion(checked.state, options.steps), notice: gone });
        // The last write of a killed session may have been its last step: then there is nothing left to ask about.
        else if (!isFinished(previous)) answer = 'resume';
        else if (options.askFinished && sameSelection(previous, options.steps)) {
          // The same command again after a finished session: starting over silently would surprise; ask what is meant.
          const finished = await options.askFinished(finishedQuestion(previous));
          if (finished === 'quit') throw new NothingToDo(options.output);
          answer = finished === 'skipped' ? 'skipped' : finished === 'restart' ? 'restart' : 'new';
        }
        if (answer === 'resume' || answer === 'skipped') {
          state = answer === 'skipped' ? reopenSkipped(checked.state) : checked.state;
          missing = checked.missing;
          resumed = true;
          writtenNotices(checked.written, options.notice);
        } else if (answer === 'restart') restart = true;
      }
      state ??= restart ? startOver(options, freshState(options)) : freshState(options);
      const session = new Session(state, options, lock, missing);
      finishUndo(session.access(), options.notice);
      session.reconcile(options.notice);
      if (resumed) await session.checkDrift(options);
      session.save();
      return session;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  get steps(): readonly StepRecord[] {
    return this.state.steps;
  }

  /** Steps accepted before the repository changed under them: their section in the output may be out of date. */
  get stale(): readonly number[] {
    return this.staleSteps;
  }

  get gitHead(): string | null {
    return this.state.gitHead;
  }

  /** The first step not yet accepted or skipped. */
  next(): StepRecord | undefined {
    return this.state.steps.find((s) => s.status === 'pending' || s.status === 'generated');
  }

  record(step: number): StepRecord {
    const record = this.state.steps.find((s) => s.number === step);
    if (!record) throw new Error(`Step ${step} is not part of this session.`);
    return record;
  }

  /** The text the user would accept: their edit if any, else the generated section. */
  text(step: number): string | undefined {
    const record = this.record(step);
    return record.edited ?? record.generated;
  }

  /**
   * `persist: false` when the caller accepts at once (`--yes`): accept() saves the text with its hash before writing
   * the output, so an extra save here would only rewrite a state file of megabytes.
   */
  setGenerated(step: number, markdown: string, persist = true): void {
    this.update(
      step,
      {
        status: 'generated',
        generated: markdown,
        edited: undefined,
        hash: sectionHash(markdown),
        citedFiles: citedFileHashes(this.paths.root, markdown),
        generatedAt: now(),
      },
      persist,
    );
  }

  setEdited(step: number, markdown: string): void {
    this.update(step, { status: 'generated', edited: markdown, hash: sectionHash(markdown), citedFiles: citedFileHashes(this.paths.root, markdown) });
  }

  skip(step: number): void {
    this.update(step, { status: 'skipped', decidedAt: now() });
  }

  /** Checks whether accepting needs the user's decision (a foreign file, a block edited by hand). */
  conflictFor(step: number): AcceptConflict | null {
    const text = this.requireText(step);
    return inspectForAccept(this.paths.output, step, text, this.state.outputHash);
  }

  /**
   * Writes the step's block, then records it as accepted. If the process dies between the two, the next session
   * finds the block (same hash) in the output and marks the step accepted without writing it again.
   */
  accept(step: number, resolution?: ConflictResolution, digest: readonly DigestEntry[] = []): AcceptResult {
    // Accepted already (its text is in the output, no longer here): nothing to write again.
    if (this.record(step).status === 'accepted') return { written: false, outputHash: this.state.outputHash ?? '', alreadyPresent: true };
    const text = stripDigest(this.requireText(step));
    const hash = sectionHash(text);
    this.update(step, { status: 'generated', hash });
    // The facts the section was built from go to the record beside the output (for `--check`), before the block: a
    // crash between the two leaves a record without its block, never a block without its record.
    if (resolution !== 'cancel') this.recordFacts(step, hash, digest);
    const result = acceptSection(this.paths.output, step, text, resolution, path.dirname(this.paths.stateFile));
    if (result.written) this.pruneFactRecord();
    this.state = { ...this.state, outputHash: result.outputHash };
    // The accepted text now lives in the output; kept here too, it would make every later save rewrite it (megabytes
    // on a big monorepo). The hash and cited files stay for reconcile and drift; an edit stays (counted, and rare).
    this.update(step, { status: 'accepted', decidedAt: now(), generated: undefined });
    return result;
  }

  /** The decision `u` takes back: the step accepted or skipped last. */
  lastDecision(): StepRecord | undefined {
    const decided = this.state.steps
      .map((record, position) => ({ record, position }))
      .filter(({ record }) => record.status === 'accepted' || record.status === 'skipped');
    decided.sort((a, b) => (a.record.decidedAt ?? '').localeCompare(b.record.decidedAt ?? '') || a.position - b.position);
    return decided.at(-1)?.record;
  }

  /**
   * Takes back the decision on `step` (see session-undo.ts): a skipped step is undecided again; an accepted one is
   * taken out of the output, only while its block is exactly as written. `generated` is the section as generated
   * now, needed when the accepted text was an edit.
   */
  undo(step: number, generated: string): UndoOutcome {
    return undoDecision(this.access(), step, generated);
  }

  /**
   * The fact record as this session last wrote it: read from disk once, then kept, so a big repository's record
   * (megabytes) is not parsed again on every accept. The session holds the lock, so nobody else writes it meanwhile.
   */
  private factRecord: FactRecord | undefined;

  private currentRecord(): FactRecord {
    if (!this.factRecord) {
      const read = readFactRecord(this.paths.output);
      this.factRecord = read.kind === 'ok' ? read.record : EMPTY_RECORD;
    }
    return this.factRecord;
  }

  /** Adds the section's facts to the record, keeping the records of the blocks the output holds now. */
  private recordFacts(step: number, hash: string, digest: readonly DigestEntry[]): void {
    const next = withSection(this.currentRecord(), step, hash, digest, this.blockIn());
    writeFactRecord(this.paths.output, next);
    this.factRecord = next;
  }

  /** After a block replaced an older one of its step, the older block's record goes too (best effort: it is harmless). */
  private pruneFactRecord(): void {
    try {
      const record = this.currentRecord();
      const next = pruned(record, this.blockIn());
      if (next === record) return;
      writeFactRecord(this.paths.output, next);
      this.factRecord = next;
    } catch {
      // A stale record is ignored by --check (its hash matches no block); the next accept prunes it.
    }
  }

  private blockIn(): (step: number, hash: string) => boolean {
    const text = readOutputFile(this.paths.output);
    const blocks = text === undefined ? [] : parseOutput(text).blocks;
    return (step, hash) => blocks.some((b) => b.step === step && b.hash === hash);
  }

  summary(): { accepted: number; edited: number; skipped: number; pending: number } {
    const s = this.state.steps;
    return {
      accepted: s.filter((r) => r.status === 'accepted').length,
      edited: s.filter((r) => r.status === 'accepted' && r.edited !== undefined).length,
      skipped: s.filter((r) => r.status === 'skipped').length,
      pending: s.filter((r) => r.status === 'pending' || r.status === 'generated').length,
    };
  }

  close(): void {
    this.lock.release();
  }

  private requireText(step: number): string {
    const text = this.text(step);
    if (text === undefined) throw new Error(`Step ${step} has no section to accept yet.`);
    return text;
  }

  /** Puts a record back exactly as it was (an undo that could not be done). */
  private put(record: StepRecord): void {
    this.state = { ...this.state, steps: this.state.steps.map((s) => (s.number === record.number ? record : s)) };
    this.save();
  }

  private update(step: number, patch: Partial<StepRecord>, persist = true): void {
    this.state = {
      ...this.state,
      steps: this.state.steps.map((s) => (s.number === step ? withoutUndefined({ ...s, ...patch }) : s)),
    };
    if (persist) this.save();
  }

  private save(): void {
    this.state = { ...this.state, updatedAt: now() };
    saveState(this.paths.stateFile, this.state);
  }

  /** The session's state as session-undo.ts changes it. */
  private access(): SessionAccess {
    return {
      paths: this.paths,
      steps: () => this.state.steps,
      record: (step) => this.record(step),
      update: (step, patch, persist) => this.update(step, patch, persist),
      put: (record) => this.put(record),
      setOutputHash: (hash) => {
        this.state = { ...this.state, outputHash: hash };
      },
    };
  }

  /** A step whose block is already in the output with the hash we were about to accept was accepted before a crash. */
  private reconcile(notice: (message: string) => void): void {
    const checked = reconcile(this.state, readOutputFile(this.paths.output));
    this.state = checked.state;
    writtenNotices(checked.written, notice);
  }

  /** On resume: if the repository changed, offer to regenerate the steps shown but not yet decided. */
  private async checkDrift(options: OpenSessionOptions): Promise<void> {
    const drift = detectDrift(this.state, options.gitHead);
    if (!drift) return;
    const message = describeDrift(drift);
    let regenerate: readonly number[];
    if (drift.undecided.length > 0 && options.askRegenerate) {
      regenerate = (await options.askRegenerate(drift, message)) ? drift.undecided : [];
    } else {
      regenerate = drift.undecided.filter((n) => !drift.edited.includes(n));
    }
    // Nobody was asked (--yes, or nothing to regenerate): the message itself says what happened.
    driftNotices(drift, message, regenerate, !options.askRegenerate || drift.undecided.length === 0).forEach((line) => options.notice(line));
    this.state = settleDrift(this.state, options.gitHead, regenerate);
    this.staleSteps = drift.accepted;
  }

}

function writtenNotices(steps: readonly number[], notice: (message: string) => void): void {
  for (const step of steps) notice(`Step ${step} was written before the last session stopped; it is marked accepted.`);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function now(): string {
  return new Date().toISOString();
}
