/**
 * What the wizard needs from a user interface. The Ink implementation lives in src/ui; the wizard's control flow
 * depends only on this interface, so it can be driven by tests and never imports ink or react.
 */
export type ReviewAction = 'accept' | 'edit' | 'regenerate' | 'skip' | 'quit' | 'interrupt';

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
  readonly tone?: 'info' | 'warning' | 'error';
}

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
}

export interface WizardUI {
  /** Shows (or updates) the "reading the repository" screen. */
  progress(message: string): void;
  review(model: ReviewModel): Promise<ReviewAction>;
  choose<T extends string>(question: string, choices: readonly Choice<T>[]): Promise<T | 'interrupt'>;
  /** Gives the terminal back (before an editor runs); the next call takes it again. */
  suspend(): Promise<void>;
  close(): Promise<void>;
}
