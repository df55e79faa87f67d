import { redactDeep, redactSecrets } from '../secrets/redact.js';
import { Analyzer } from '../wizard/analyzer.js';
import type { StepContext } from '../steps/types.js';
import { FACTS_SCHEMA_VERSION, FactsReportSchema, type FactsReport } from './facts-schema.js';

/** Analyses the selected steps and returns their facts as the versioned `--json` report. Writes nothing. */
export async function factsReport(root: string, steps: readonly number[], context: StepContext, version: string, exclude: readonly string[] = []): Promise<FactsReport> {
  const analyzer = await Analyzer.open(root, context, undefined, exclude);
  const report: FactsReport = {
    schema: 'project-context/facts',
    version: FACTS_SCHEMA_VERSION,
    tool: { name: 'project-context', version },
    root: analyzer.repoIndex.root,
    gitHead: analyzer.repoIndex.gitHead,
    steps: [],
  };
  for (const number of steps) {
    const section = await analyzer.section(number);
    report.steps.push({
      number,
      title: section.title,
      // Facts can quote code (CDK props, README text); the same redaction as the sections applies before printing.
      facts: section.facts.map((f) => ({ kind: f.kind, id: redactSecrets(f.id), data: redactDeep(f.data), at: f.at.map((c) => ({ ...c })) })),
      failures: section.failures.map((f) => ({ ...f })),
    });
  }
  // The schema is the contract: never print a report that does not match it.
  return FactsReportSchema.parse(report);
}
