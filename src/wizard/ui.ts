/**
 * What the wizard needs from a user interface. The Ink implementation lives in src/ui; the wizard's control flow
 * depends only on this interface, so it can be driven by tests and never imports ink or react.
 */
export type ReviewAction = 'accept' | 'edit' | 'regenerate' | 'skip' | 'undo' | 'quit' | 'interrupt';

export type Tone = 'info' | 'warning' | 'error' | 'success';

export interface ReviewModel {
  readonly step: number;
  /** 1-based position of the step in this run and the number of steps in it. */
  readonly position: number;
  readonly total: number;
  readonly title: string;
  readonly markdown: string;
  readonly edited: boolean;
  /** A one-line status shown above the keys (e.g. "Regenerated: 2 files changed"). */
  readonly message?: string;
  readonly tone?: Tone;
  /**
   * Another text of this section to compare with (`d` shows the changes): what it was before `r`, or the section
   * already in PROJECT-CONTEXT.md when a step is reviewed again.
   */
  readonly previous?: { readonly label: string; readonly markdown: string };
  /** Open on the changes rather than the section (right after a regeneration that changed something). */
  readonly showChanges?: boolean;
  /** `u` has a decision to take back. */
  readonly canUndo: boolean;
}

/** How a step shows on the rail. `stale`: accepted, but the files it cites changed since. */
export type StepMark = 'done' | 'skipped' | 'current' | 'pending' | 'stale';

/** A notice stays on screen until dismissed and is repeated in the final summary. */
export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly tone: Tone;
}

/** What every screen shows around its content: where the steps stand and where the output goes. */
export interface SessionView {
  readonly steps: readonly { readonly number: number; readonly title: string; readonly mark: StepMark }[];
  /** The output file as the user would type it (relative to the current folder when inside it). */
  readonly output: string;
  readonly notices: readonly Notice[];
}

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

export interface WizardUI {
  /** Shows (or updates) the progress screen: what is being prepared, and what is happening now. */
  progress(message: string, title?: string): void;
  /** The rail, the output path and the notices, for every screen from now on. */
  setView(view: SessionView): void;
  /** One line confirming what just happened (e.g. what was written where), shown on the next screens until replaced. */
  confirm(message: string, tone?: Tone): void;
  review(model: ReviewModel): Promise<ReviewAction>;
  choose<T extends string>(question: string, choices: readonly Choice<T>[]): Promise<T | 'interrupt'>;
  /** Gives the terminal back (before an editor runs); the next call takes it again. */
  suspend(): Promise<void>;
  close(): Promise<void>;
}
