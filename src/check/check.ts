import { MAX_OUTPUT_BYTES, OUTPUT_POLICY, parseOutput } from '../output/index.js';
import { readRegularFile, sameFile } from '../output/path-policy.js';
import type { SessionState } from '../../state/schema.js';
import { loadState } from '../../state/store.js';
import { STEPS } from '../steps/registry.js';
import type { StepContext } from '../steps/types.js';
import { missingCitations } from '../steps/verify-citations.js';
import { Analyzer } from '../wizard/analyzer.js';
import path from 'node:path';
import { unifiedDiff } from '../diff/line-diff.js';
import { digestOf, readDigest, stripDigest, type DigestEntry } from './fact-digest.js';
import { factRecordPath, readFactRecord, recordedFacts, type RecordRead } from './fact-record.js';
import { factWords } from './fact-words.js';

export type FindingKind =
  | 'missing-path'
  | 'fact-added'
  | 'fact-removed'
  | 'fact-altered'
  | 'hand-edited'
  | 'malformed'
  | 'missing-section'
  | 'no-sections'
  | 'not-accepted'
  | 'no-fact-record';

/** Findings that mean the file no longer matches the code (exit 3); the others are notes. */
const DRIFT: ReadonlySet<FindingKind> = new Set([
  'missing-path',
  'fact-added',
  'fact-removed',
  'fact-altered',
  'hand-edited',
  'malformed',
  'missing-section',
  'no-sections',
]);

export interface Finding {
  readonly step: number | null;
  readonly kind: FindingKind;
  readonly drift: boolean;
  readonly message: string;
  /** Repo-relative file the finding is about, when there is one. */
  readonly file?: string;
  /** 1-based line of the output file the finding points at: the section's heading, or the line citing a lost path. */
  readonly line?: number;
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
  /** The local session's state file: an accepted section the file lacks is then drift (see checkOutput). */
  readonly stateFile?: string;
}

function checkInputError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CheckInputError' });
}

/**
 * The file to check, under the output's path policy: a committed PROJECT-CONTEXT.md that is a link (to /dev/zero, to a
 * file outside the repository), a FIFO or a device is refused with one sentence, never read.
 */
function readChecked(output: string): string {
  let bytes: Buffer | undefined;
  try {
    bytes = readRegularFile(output, { ...OUTPUT_POLICY, maxBytes: MAX_OUTPUT_BYTES });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw checkInputError(error instanceof Error && !code ? error.message : `Cannot read ${output} (${code ?? String(error)}).`);
  }
  if (bytes === undefined) throw checkInputError(`There is no ${output} to check. Run project-context first to write it.`);
  return bytes.toString('utf8');
}

/**
 * The steps the local session says were accepted into this output; empty when there is no usable session (a clean
 * clone in CI: the state folder is never committed). A damaged state only loses this extra check.
 */
function acceptedBySession(stateFile: string | undefined, output: string): ReadonlySet<number> {
  if (!stateFile) return new Set();
  let state: SessionState | null;
  try {
    state = loadState(stateFile);
  } catch {
    return new Set();
  }
  if (!state || !sameFile(state.output, output)) return new Set();
  return new Set(state.steps.filter((s) => s.status === 'accepted').map((s) => s.number));
}

/**
 * Compares PROJECT-CONTEXT.md with the code as it is now: cited paths that are gone, facts added, removed or altered
 * since each section was accepted (from the digest line each block carries), sections edited by hand, steps never
 * accepted. What it can know of deleted sections: a file with no section at all is drift; with a local session
 * (`stateFile`), a section it accepted that the file lacks is drift; on a clean clone a section cut out of a file that
 * still has others cannot be told from a step never accepted (a note). Reads only; the wizard's own files are left
 * out of the analysis.
 */
export async function checkOutput(root: string, output: string, context: StepContext, exclude: readonly string[], options: CheckOptions = {}): Promise<CheckReport> {
  const doc = parseOutput(readChecked(output));
  const accepted = acceptedBySession(options.stateFile, output);
  const record = readFactRecord(output);
  const recordFile = path.basename(factRecordPath(output));
  const analyzer = await Analyzer.open(root, context, { exclude });
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'drift'>) => findings.push({ ...f, drift: DRIFT.has(f.kind) });

  for (const problem of doc.malformed) add({ step: null, kind: 'malformed', message: problem });
  const empty = doc.blocks.length === 0 && accepted.size === 0;
  if (empty) {
    add({ step: null, kind: 'no-sections', message: `${output} holds no section written by project-context (it is empty, or every section was removed)` });
  }
  const blocks = new Map(doc.blocks.map((b) => [b.step, b]));
  for (const entry of STEPS) {
    const block = blocks.get(entry.number);
    const title = `step ${entry.number} (${entry.title})`;
    if (!block && accepted.has(entry.number)) {
      add({ step: entry.number, kind: 'missing-section', message: `${title} was accepted (says the session in ${options.stateFile}) but its section is not in the file` });
      continue;
    }
    if (!block) {
      // In a file without any section, ten "not in the file" notes would repeat the one finding above.
      if (!empty) add({ step: entry.number, kind: 'not-accepted', message: `${title} is not in the file` });
      continue;
    }
    // The body starts on the line after the begin marker, with the section's heading.
    const heading = block.line + 1;
    const bodyLines = block.body.split('\n');
    if (block.handEdited) add({ step: entry.number, kind: 'hand-edited', line: heading, message: `${title} was edited by hand since it was written` });
    const body = stripDigest(block.body);
    for (const missing of dedupe(missingCitations(body, analyzer.repoIndex).map((c) => c.file))) {
      const at = bodyLines.findIndex((l) => l.includes(`\`/${missing}`));
      add({ step: entry.number, kind: 'missing-path', file: missing, line: at === -1 ? heading : heading + at, message: `${title} cites /${missing}, which no longer exists` });
    }
    // The record beside the file, for the block with this hash; a file written before the record moved out carries
    // it in the block itself.
    const fromRecord = record.kind === 'ok' ? recordedFacts(record.record, entry.number, block.hash) : undefined;
    const recorded = fromRecord?.entries ?? readDigest(block.body);
    if (!recorded) {
      add({ step: entry.number, kind: 'no-fact-record', line: heading, message: `${title} has no fact record ${noRecordReason(record.kind, recordFile, entry.number)}` });
      continue;
    }
    for (const kind of fromRecord?.superseded ?? []) {
      add({
        step: entry.number,
        kind: 'fact-altered',
        fact: { kind, id: '*' },
        line: heading,
        message: `${title}: the ${kind} facts changed after it was accepted (a later section recorded them differently); the lines below compare with that later record`,
      });
    }
    const section = await analyzer.section(entry.number);
    for (const change of compare(recorded, digestOf(section.facts))) {
      add({ step: entry.number, ...change, line: heading, message: `${title}: ${change.message}` });
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
  // What is counted is what was printed: a change several sections share is one line, and one difference.
  const drifted = lines.filter((l) => l.startsWith('drift')).length;
  const notes = lines.length - drifted;
  const noted = notes > 0 ? ` and ${notes} note${notes === 1 ? '' : 's'}` : '';
  for (const d of report.diffs ?? []) lines.push('', `What regenerating step ${d.step} (${d.title}) would change:`, d.diff.trimEnd());
  const steps = stepsOf(report);
  const how =
    steps.length > 0
      ? ` Regenerate and review those sections: project-context --steps ${steps.join(',')}${report.diffs ? '' : ' (--check --diff shows what would change)'}`
      : ' Regenerate it: project-context';
  lines.push(
    report.current
      ? `${report.output} is current${noted ? ` (${notes} note${notes === 1 ? '' : 's'} above)` : ''}.`
      : `${report.output} drifted: ${drifted} difference${drifted === 1 ? '' : 's'}${noted} above.${how}`,
  );
  return lines.join('\n');
}

function stepsOf(report: CheckReport): number[] {
  return [...new Set(report.findings.filter((f) => f.drift && f.step !== null).map((f) => f.step as number))].sort((a, b) => a - b);
}
