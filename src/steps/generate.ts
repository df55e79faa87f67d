import type { Analysis, DetectorFailure } from '../analysis/run-detectors.js';
import type { DigestEntry } from '../check/fact-digest.js';
import { FactSet, type Fact } from '../facts.js';
import { RepoModel, StepModel, stepDetectors } from '../model/repo-model.js';
import { redactSecrets } from '../secrets/redact.js';
import { cite } from '../markdown/cite.js';
import { oneLine, plain } from '../markdown/text.js';
import type { ParseProblemFact } from '../detectors/shared/parse-problems.js';
import type { Section, StepContext, StepDefinition } from './types.js';
import { outsideCitations } from './verify-citations.js';
import { fitSection } from './budget/fit.js';
import { stepBudget } from './budget/limits.js';

export interface GeneratedSection extends Section {
  readonly step: number;
  readonly title: string;
  /** Detectors that failed while building this step (the section says so too). */
  readonly failures: readonly DetectorFailure[];
  /** The facts' digest, when the facts themselves stayed in the analysis worker (`facts` is then empty). */
  readonly digest?: readonly DigestEntry[];
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
  const model = new StepModel(RepoModel.of(analysis), new FactSet(facts));
  const section = step.build(model, context);
  const detectors = stepDetectors(step.detectors, step.claims);
  const failures = analysis.failures().filter((f) => detectors.some((d) => d.id === f.detector));
  let markdown = plain(section.markdown);
  if (context.detail !== 'full') {
    markdown = fitSection(markdown, { budget: stepBudget(step.number), index: analysis.index, focus: context.focus, units: step.units, keepTables: step.keepTables }).markdown;
  }
  markdown = outsideCitations(markdown, analysis.index, redactSecrets).trimEnd();
  const notes = [
    ...failures.map((f) => `- The ${f.detector} analysis failed (${plain(f.message)}); its facts are missing here.`),
    ...parseProblemNotes(facts),
  ];
  if (notes.length > 0) markdown += `\n\n> **Note**\n>\n${notes.map((n) => `> ${n}`).join('\n')}`;
  const claims = [...(section.claims ?? []), ...model.claims()];
  return { step: step.number, title: step.title, markdown: `${markdown}\n`, facts: section.facts, claims, failures };
}

/** Files a detector of this step could read only in part: once per file, in path order. */
function parseProblemNotes(facts: readonly Fact[]): string[] {
  const seen = new Map<string, ParseProblemFact['data']>();
  for (const f of facts) if (f.kind === 'parse.problem') seen.set((f as ParseProblemFact).data.file, (f as ParseProblemFact).data);
  return [...seen.values()]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((p) => `- ${cite(p.file, p.line)} is not valid ${p.format} (${oneLine(p.message)}); what could be read of it is used.`);
}
