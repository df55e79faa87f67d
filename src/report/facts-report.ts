import { redactData, redactFacts } from '../secrets/outbound.js';
import { Analyzer } from '../wizard/analyzer.js';
import type { StepContext } from '../steps/types.js';
import { FACTS_SCHEMA_VERSION, FactsReportSchema, type FactsReport } from './facts-schema.js';

/** Analyses the selected steps and returns their facts as the versioned `--json` report. Writes nothing. */
export async function factsReport(root: string, steps: readonly number[], context: StepContext, version: string, exclude: readonly string[] = []): Promise<FactsReport> {
  const analyzer = await Analyzer.open(root, context, { exclude });
  const report: FactsReport = {
    schema: 'project-context/facts',
    version: FACTS_SCHEMA_VERSION,
    tool: { name: 'project-context', version },
    root: analyzer.repoIndex.root,
    gitHead: analyzer.repoIndex.gitHead,
    steps: [],
  };
  const index = analyzer.repoIndex;
  const isPath = (p: string) => index.has(p) || index.hasDir(p);
  for (const number of steps) {
    const section = await analyzer.section(number);
    report.steps.push({
      number,
      title: section.title,
      // Facts left the analysis redacted; the pass is repeated here (a no-op for them) so that this printer, like
      // every other, goes through the one redaction (src/secrets/outbound.ts) whatever produced its facts.
      facts: redactFacts(section.facts, { isPath }).map((f) => ({ kind: f.kind, id: f.id, data: f.data, at: f.at.map((c) => ({ ...c })) })),
      failures: redactData(section.failures.map((f) => ({ ...f }))),
    });
  }
  // The schema is the contract: never print a report that does not match it.
  return FactsReportSchema.parse(report);
}
