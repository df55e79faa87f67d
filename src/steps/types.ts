import type { Detector, Fact } from '../facts.js';
import type { ClaimTopic, NegativeClaim } from '../model/claims.js';
import type { StepModel } from '../model/repo-model.js';
import type { Detail } from './budget/limits.js';

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
  /** `--detail full`: no budget, every section written whole. */
  readonly detail?: Detail;
  /** `--focus PATH` (repo-relative): that package or folder in full, other packages summarised. */
  readonly focus?: string;
}

/** One of the brief's ten steps. `build` is pure: no I/O beyond the index, no UI. */
export interface StepDefinition {
  readonly number: number;
  readonly title: string;
  /** Detectors whose facts `build` reads (`model.facts`); they run (once per index) before the step is built. */
  readonly detectors: readonly Detector[];
  /** Topics the step may claim are absent (`model.none`); their detectors run before the step is built too. */
  readonly claims?: readonly ClaimTopic[];
  /** What the subsections at a heading level are (`{ 3: ['app', 'apps'] }`), for the budget's summaries. */
  readonly units?: Readonly<Record<number, readonly [string, string]>>;
  /** Tables (matched on their header line) that index the section: their product rows are never left out. */
  readonly keepTables?: readonly RegExp[];
  build(model: StepModel, context: StepContext): Section;
}
