import { existsSync, readFileSync } from 'node:fs';
import { parseOutput } from '../output/index.js';
import { STEPS } from '../steps/registry.js';
import type { StepContext } from '../steps/types.js';
import { missingCitations } from '../steps/verify-citations.js';
import { Analyzer } from '../wizard/analyzer.js';
import path from 'node:path';
import { digestOf, readDigest, stripDigest, type DigestEntry } from './fact-digest.js';
import { factRecordPath, readFactRecord, recordedFacts, type RecordRead } from './fact-record.js';

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
}

/**
 * Compares PROJECT-CONTEXT.md with the code as it is now: cited paths that are gone, facts added, removed or altered
 * since each section was accepted (from the digest line each block carries), sections edited by hand, steps never
 * accepted. Reads only; the wizard's own files are left out of the analysis.
 */
export async function checkOutput(root: string, output: string, context: StepContext, exclude: readonly string[]): Promise<CheckReport> {
  if (!existsSync(output)) {
    throw Object.assign(new Error(`There is no ${output} to check. Run project-context first to write it.`), { name: 'CheckInputError' });
  }
  const doc = parseOutput(readFileSync(output, 'utf8'));
  const record = readFactRecord(output);
  const recordFile = path.basename(factRecordPath(output));
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
    // The record beside the file, for the block with this hash; a file written before the record moved out carries
    // it in the block itself.
    const fromRecord = record.kind === 'ok' ? recordedFacts(record.record, entry.number, block.hash) : undefined;
    const recorded = fromRecord?.entries ?? readDigest(block.body);
    if (!recorded) {
      add({ step: entry.number, kind: 'no-fact-record', message: `${title} has no fact record ${noRecordReason(record.kind, recordFile, entry.number)}` });
      continue;
    }
    for (const kind of fromRecord?.superseded ?? []) {
      add({
        step: entry.number,
        kind: 'fact-altered',
        fact: { kind, id: '*' },
        message: `${title}: the ${kind} facts changed after it was accepted (a later section recorded them differently); the lines below compare with that later record`,
      });
    }
    const section = await analyzer.section(entry.number);
    for (const change of compare(recorded, digestOf(section.facts))) {
      add({ step: entry.number, ...change, message: `${title}: ${change.message}` });
    }
  }
  return {
    schema: 'project-context/check',
    version: 1,
    output,
    root: analyzer.repoIndex.root,
    current: !findings.some((f) => f.drift),
    findings,
  };
}

function compare(before: readonly DigestEntry[], now: readonly DigestEntry[]): Omit<Finding, 'drift' | 'step'>[] {
  const key = (e: DigestEntry) => `${e.kind}\u0000${e.id}`;
  const old = new Map(before.map((e) => [key(e), e]));
  const cur = new Map(now.map((e) => [key(e), e]));
  const out: Omit<Finding, 'drift' | 'step'>[] = [];
  const where = (e: DigestEntry) => (e.file ? ` (/${e.file})` : '');
  for (const [k, e] of cur) {
    const was = old.get(k);
    if (!was) out.push({ kind: 'fact-added', fact: { kind: e.kind, id: e.id }, file: e.file, message: `added ${e.kind} "${e.id}"${where(e)}` });
    else if (was.hash !== e.hash) out.push({ kind: 'fact-altered', fact: { kind: e.kind, id: e.id }, file: e.file, message: `changed ${e.kind} "${e.id}"${where(e)}` });
  }
  for (const [k, e] of old) {
    if (!cur.has(k)) out.push({ kind: 'fact-removed', fact: { kind: e.kind, id: e.id }, file: e.file, message: `removed ${e.kind} "${e.id}"${where(e)}` });
  }
  return out;
}

function noRecordReason(read: RecordRead['kind'], file: string, step: number): string {
  if (read === 'missing') return `(${file} is missing beside it: commit it with the file, or regenerate with --steps ${step})`;
  if (read === 'damaged') return `(${file} is not a fact record project-context can read; regenerate with --steps ${step} to rewrite it)`;
  return `in ${file} for this block; regenerate it (--steps ${step}) to enable fact checks`;
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
  const drifted = report.findings.filter((f) => f.drift).length;
  lines.push(
    report.current
      ? `${report.output} is current.`
      : `${report.output} drifted (${drifted} finding${drifted === 1 ? '' : 's'}). Regenerate and review those sections: project-context --steps ${stepsOf(report).join(',')}`,
  );
  return lines.join('\n');
}

function stepsOf(report: CheckReport): number[] {
  return [...new Set(report.findings.filter((f) => f.drift && f.step !== null).map((f) => f.step as number))].sort((a, b) => a - b);
}
