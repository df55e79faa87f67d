import type { Detector, Fact } from '../facts.js';
import type { ClaimTopic, NegativeClaim } from '../model/claims.js';
import type { StepModel } from '../model/repo-model.js';

/** What a step produces: the markdown shown for review and the facts it is built from. */
export interface Section {
  readonly markdown: string;
  readonly facts: readonly Fact[];
  /** The negative claims printed in it ("no … found"), each confirmed by the whole repository model. */
  readonly claims?: readonly NegativeClaim[];
}

/**
 * How much of the long tail a section shows: at most so many lines or bytes, or everything (`"full"`). From `budget`
 * in project-context.config.json (see src/config/project-config.ts). Checked and carried here; the steps do not
 * apply it yet (the size budget itself is another branch's work).
 */
export type SizeBudget = { readonly lines?: number; readonly bytes?: number } | 'full';

/** Options that change what a step writes, from the command line and project-context.config.json. */
export interface StepContext {
  /** Text of the `--vision FILE` product document, already read, if given. */
  readonly vision?: { readonly path: string; readonly text: string };
  /** Repository-relative globs left out of the index, so no step sees them (`ignore` in the config file). */
  readonly ignore?: readonly string[];
  /** The size budget, when the config file sets one. */
  readonly budget?: SizeBudget;
}

/** One of the brief's ten steps. `build` is pure: no I/O beyond the index, no UI. */
export interface StepDefinition {
  readonly number: number;
  readonly title: string;
  /** Detectors whose facts `build` reads (`model.facts`); they run (once per index) before the step is built. */
  readonly detectors: readonly Detector[];
  /** Topics the step may claim are absent (`model.none`); their detectors run before the step is built too. */
  readonly claims?: readonly ClaimTopic[];
  build(model: StepModel, context: StepContext): Section;
}
