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

/** Options that change what a step writes, from the command line. */
export interface StepContext {
  /** Text of the `--vision FILE` product document, already read, if given. */
  readonly vision?: { readonly path: string; readonly text: string };
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
