import { existsSync, readFileSync } from 'node:fs';
import { parseOutput } from '../output/index.js';
import { STEPS } from '../steps/registry.js';
import type { StepContext } from '../steps/types.js';
import { missingCitations } from '../steps/verify-citations.js';
import { Analyzer } from '../wizard/analyzer.js';
import { unifiedDiff } from '../diff/line-diff.js';
import { digestOf, readDigest, stripDigest, type DigestEntry } from './fact-digest.js';
import { factWords } from './fact-words.js';

export type FindingKind =
  | 'missing-path'
  | 'fact-added'
  | 'fact-removed'
  | 'fact-altered'
  | 'hand-edited'
  | 'malformed'
  | 'not-accepted'
  | 'no-fact-record';

/** Findings that mean the file no longer matches the code (exit 3); the others are notes. */
const DRIFT: ReadonlySet<FindingKind> = new Set(['missing-path', 'fact-added', 'fact-removed', 'fact-altered', 'hand-edited', 'malformed']);

export interface Finding {
  readonly step: number | null;
  readonly kind: FindingKind;
  readonly drift: boolean;
  readonly message: string;
  /** Repo-relative file the finding is about, when there is one. */
  readonly file?: string;
  readonly fact?: { readonly kind: string; readonly id: string };
}

export interface CheckReport {
  readonly schema: 'project-context/check';
  readonly version: 1;
  readonly output: string;
  readonly root: string;
  readonly current: boolean;
  readonly findings: readonly Finding[];
  /** With `diff`: for each drifted step, what regenerating it would change in the file (a unified diff). */
  readonly diffs?: readonly { readonly step: number; readonly title: string; readonly diff: string }[];
}

export interface CheckOptions {
  /** Also compute, for each drifted step, the diff between its block and the section regenerated now. */
  readonly diff?: boolean;
}

/**
 * Compares PROJECT-CONTEXT.md with the code as it is now: cited paths that are gone, facts added, removed or altered
 * since each section was accepted (from the digest line each block carries), sections edited by hand, steps never
 * accepted. Reads only; the wizard's own files are left out of the analysis.
 */
export async function checkOutput(root: string, output: string, context: StepContext, exclude: readonly string[], options: CheckOptions = {}): Promise<CheckReport> {
  if (!existsSync(output)) {
    throw Object.assign(new Error(`There is no ${output} to check. Run project-context first to write it.`), { name: 'CheckInputError' });
  }
  const doc = parseOutput(readFileSync(output, 'utf8'));
  const analyzer = await Analyzer.open(root, context, undefined, exclude);
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'drift'>) => findings.push({ ...f, drift: DRIFT.has(f.kind) });

  for (const problem of doc.malformed) add({ step: null, kind: 'malformed', message: problem });
  const blocks = new Map(doc.blocks.map((b) => [b.step, b]));
  for (const entry of STEPS) {
    const block = blocks.get(entry.number);
    const title = `step ${entry.number} (${entry.title})`;
    if (!block) {
      add({ step: entry.number, kind: 'not-accepted', message: `${title} is not in the file` });
      continue;
    }
    if (block.handEdited) add({ step: entry.number, kind: 'hand-edited', message: `${title} was edited by hand since it was written` });
    const body = stripDigest(block.body);
    for (const missing of dedupe(missingCitations(body, analyzer.repoIndex).map((c) => c.file))) {
      add({ step: entry.number, kind: 'missing-path', file: missing, message: `${title} cites /${missing}, which no longer exists` });
    }
    const recorded = readDigest(block.body);
    if (!recorded) {
      add({ step: entry.number, kind: 'no-fact-record', message: `${title} has no fact record; regenerate it (--steps ${entry.number}) to enable fact checks` });
      continue;
    }
    const section = await analyzer.section(entry.number);
    for (const change of compare(recorded, digestOf(section.facts))) {
      add({ step: entry.number, ...change, message: `${title}: ${change.message}` });
    }
  }
  const diffs: { step: number; title: string; diff: string }[] = [];
  if (options.diff) {
    for (const step of new Set(findings.filter((f) => f.drift && f.step !== null).map((f) => f.step as number))) {
      const block = blocks.get(step);
      if (!block) continue;
      const entry = STEPS.find((s) => s.number === step);
      const now = (await analyzer.section(step)).markdown;
      const diff = unifiedDiff(stripDigest(block.body), now, { before: `step ${step} in ${output}`, after: `step ${step} regenerated from the code` });
      if (diff) diffs.push({ step, title: entry?.title ?? `Step ${step}`, diff });
    }
  }
  return {
    schema: 'project-context/check',
    version: 1,
    output,
    root: analyzer.repoIndex.root,
    current: !findings.some((f) => f.drift),
    findings,
    ...(options.diff ? { diffs } : {}),
  };
}

function compare(before: readonly DigestEntry[], now: readonly DigestEntry[]): Omit<Finding, 'drift' | 'step'>[] {
  const key = (e: DigestEntry) => `${e.kind}\u0000${e.id}`;
  const old = new Map(before.map((e) => [key(e), e]));
  const cur = new Map(now.map((e) => [key(e), e]));
  const out: Omit<Finding, 'drift' | 'step'>[] = [];
  const where = (e: DigestEntry) => (e.file ? ` (/${e.file})` : '');
  const what = (e: DigestEntry) => `${factWords(e.kind)} "${e.id}"${where(e)}`;
  for (const [k, e] of cur) {
    const was = old.get(k);
    if (!was) out.push({ kind: 'fact-added', fact: { kind: e.kind, id: e.id }, file: e.file, message: `new ${what(e)}` });
    else if (was.hash !== e.hash) out.push({ kind: 'fact-altered', fact: { kind: e.kind, id: e.id }, file: e.file, message: `changed ${what(e)}` });
  }
  for (const [k, e] of old) {
    if (!cur.has(k)) out.push({ kind: 'fact-removed', fact: { kind: e.kind, id: e.id }, file: e.file, message: `removed ${what(e)}` });
  }
  return out;
}

function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The readable report: one line per finding. A fact change that several sections share (a removed route shows in
 * the API, database and infrastructure steps) is one line naming those sections.
 */
export function formatCheck(report: CheckReport): string {
  const lines: string[] = [];
  const grouped = new Map<string, { finding: Finding; steps: number[] }>();
  for (const f of report.findings) {
    if (f.fact && f.step !== null) {
      const key = `${f.kind}\u0000${f.fact.kind}\u0000${f.fact.id}`;
      const group = grouped.get(key);
      if (group) group.steps.push(f.step);
      else grouped.set(key, { finding: f, steps: [f.step] });
      continue;
    }
    lines.push(`${f.drift ? 'drift' : 'note '}  ${f.message}`);
  }
  for (const { finding, steps } of grouped.values()) {
    const what = finding.message.replace(/^step \d+ \([^)]*\): /, '');
    const where = steps.length === 1 ? `step ${steps[0]}` : `steps ${steps.join(', ')}`;
    lines.push(`drift  ${where}: ${what}`);
  }
  // What is counted is what was printed: a change several sections share is one line, and one difference.
  const drifted = lines.filter((l) => l.startsWith('drift')).length;
  const notes = lines.length - drifted;
  const noted = notes > 0 ? ` and ${notes} note${notes === 1 ? '' : 's'}` : '';
  for (const d of report.diffs ?? []) lines.push('', `What regenerating step ${d.step} (${d.title}) would change:`, d.diff.trimEnd());
  lines.push(
    report.current
      ? `${report.output} is current${noted ? ` (${notes} note${notes === 1 ? '' : 's'} above)` : ''}.`
      : `${report.output} drifted: ${drifted} difference${drifted === 1 ? '' : 's'}${noted} above. Regenerate and review those sections: project-context --steps ${stepsOf(report).join(',')}${report.diffs ? '' : ' (--check --diff shows what would change)'}`,
  );
  return lines.join('\n');
}

function stepsOf(report: CheckReport): number[] {
  return [...new Set(report.findings.filter((f) => f.drift && f.step !== null).map((f) => f.step as number))].sort((a, b) => a - b);
}
