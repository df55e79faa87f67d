import type { Detector, Fact, FactSet } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

/** What a step produces: the markdown shown for review and the facts it is built from. */
export interface Section {
  readonly markdown: string;
  readonly facts: readonly Fact[];
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
  /** Detectors whose facts `build` reads; they run (once per index) before the step is built. */
  readonly detectors: readonly Detector[];
  build(index: RepoIndex, facts: FactSet, context: StepContext): Section;
}
