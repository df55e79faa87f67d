import type { Analysis, DetectorFailure } from '../analysis/run-detectors.js';
import { FactSet } from '../facts.js';
import { redactText } from '../secrets/outbound.js';
import type { Section, StepContext, StepDefinition } from './types.js';

export interface GeneratedSection extends Section {
  readonly step: number;
  readonly title: string;
  /** Detectors that failed while building this step (the section says so too). */
  readonly failures: readonly DetectorFailure[];
}

/**
 * Builds one step's section: runs the detectors it needs (each at most once per analysis), calls the pure builder,
 * and applies the guarantees every section shares — no terminal escapes and no secret values in the text.
 */
export function generateSection(
  step: StepDefinition,
  analysis: Analysis,
  context: StepContext = {},
  onProgress?: (message: string) => void,
): GeneratedSection {
  const facts = analysis.run(step.detectors, onProgress);
  const failures = analysis.failures().filter((f) => step.detectors.some((d) => d.id === f.detector));
  const section = step.build(analysis.index, new FactSet(facts), context);
  const index = analysis.index;
  // Verified path citations keep their text: a random-looking file name is a file, not a secret.
  let markdown = redactText(section.markdown, { isPath: (p) => index.has(p) || index.hasDir(p) }).trimEnd();
  if (failures.length > 0) {
    const notes = failures.map((f) => `- The ${f.detector} analysis failed (${redactText(f.message).replace(/\s+/g, ' ')}); its facts are missing here.`);
    markdown += `\n\n> **Note**\n>\n${notes.map((n) => `> ${n}`).join('\n')}`;
  }
  return { step: step.number, title: step.title, markdown: `${markdown}\n`, facts: section.facts, failures };
}
