/**
 * The record `--check` compares the code with: which facts each accepted section was built from. It lives beside the
 * output as readable JSON (`PROJECT-CONTEXT.facts.json`), committed with it, instead of as hidden base64 lines inside
 * the markdown, which cost 23–41 % of the file's bytes and counted against the map's size budget.
 *
 * Write protocol (session.ts): the record of a section is written, atomically, before its block; records are kept
 * for every block in the file, so a crash between the two writes leaves a record without a block (ignored, pruned
 * later), never a block without its record. A record belongs to a block by the block's hash (the `hash=` of its begin
 * marker), so a record that does not match the block in the file is never used.
 *
 * Shape: one table of facts per kind, shared by the sections (the CDK facts feed five of them), and per section the
 * block hash and a checksum of each kind's facts as they were when it was accepted. A later section that records a
 * kind again with other facts changes the table: the earlier section's checksum then no longer matches, which is
 * itself a sign that the code changed after it was accepted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errCode, fsFailure, writeFileAtomic } from '../output/atomic.js';
import { OutputWriteError } from '../output/write.js';
import type { DigestEntry } from './fact-digest.js';

export const FACT_RECORD_SCHEMA = 'project-context/facts';

export interface SectionRecord {
  readonly step: number;
  /** The `hash=` of the block's begin marker. */
  readonly hash: string;
  /** Kind → checksum of that kind's facts when the section was accepted. */
  readonly kinds: Readonly<Record<string, string>>;
}

/** `[id, hash]`, or `[id, hash, file]` when the id does not already name the first cited file. */
type Row = readonly [string, string] | readonly [string, string, string];

export interface FactRecord {
  readonly sections: readonly SectionRecord[];
  readonly facts: Readonly<Record<string, readonly Row[]>>;
}

export const EMPTY_RECORD: FactRecord = { sections: [], facts: {} };

/** `docs/PROJECT-CONTEXT.md` → `docs/PROJECT-CONTEXT.facts.json`. */
export function factRecordPath(output: string): string {
  const ext = path.extname(output);
  return path.join(path.dirname(output), `${path.basename(output, ext === '.md' ? ext : '')}.facts.json`);
}

function checksum(rows: readonly Row[]): string {
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${r[0]}\u0000${r[1]}\u0001`);
  return hash.digest('hex').slice(0, 10);
}

function rowOf(e: DigestEntry): Row {
  return e.file && !e.id.includes(e.file) ? [e.id, e.hash, e.file] : [e.id, e.hash];
}

/**
 * The record with one section's facts added (replacing the tables of its kinds). Sections whose block is no longer in
 * the file are dropped (`inFile`), and so are the kinds no section needs any more.
 */
export function withSection(record: FactRecord, step: number, hash: string, entries: readonly DigestEntry[], inFile: (step: number, hash: string) => boolean): FactRecord {
  const byKind = new Map<string, Row[]>();
  for (const e of entries) {
    let rows = byKind.get(e.kind);
    if (!rows) byKind.set(e.kind, (rows = []));
    rows.push(rowOf(e));
  }
  const facts: Record<string, readonly Row[]> = { ...record.facts };
  const kinds: Record<string, string> = {};
  for (const [kind, rows] of [...byKind].sort((a, b) => compare(a[0], b[0]))) {
    rows.sort((a, b) => compare(a[0], b[0]));
    facts[kind] = rows;
    kinds[kind] = checksum(rows);
  }
  const sections = [...record.sections.filter((s) => !(s.step === step && s.hash === hash) && inFile(s.step, s.hash)), { step, hash, kinds }].sort(
    (a, b) => a.step - b.step || compare(a.hash, b.hash),
  );
  const used = new Set(sections.flatMap((s) => Object.keys(s.kinds)));
  for (const kind of Object.keys(facts)) if (!used.has(kind)) delete facts[kind];
  return { sections, facts };
}

/** The record without sections whose block is gone; the same object when nothing changes. */
export function pruned(record: FactRecord, inFile: (step: number, hash: string) => boolean): FactRecord {
  const sections = record.sections.filter((s) => inFile(s.step, s.hash));
  if (sections.length === record.sections.length) return record;
  const used = new Set(sections.flatMap((s) => Object.keys(s.kinds)));
  return { sections, facts: Object.fromEntries(Object.entries(record.facts).filter(([kind]) => used.has(kind))) };
}

export interface RecordedFacts {
  readonly entries: DigestEntry[];
  /** Kinds recorded again by a section accepted later, from other facts: this section's view of them is gone. */
  readonly superseded: string[];
}

/** The facts recorded for the block with this step and hash; undefined when the record has none for it. */
export function recordedFacts(record: FactRecord, step: number, hash: string): RecordedFacts | undefined {
  const section = record.sections.find((s) => s.step === step && s.hash === hash);
  if (!section) return undefined;
  const entries: DigestEntry[] = [];
  const superseded: string[] = [];
  for (const [kind, sum] of Object.entries(section.kinds)) {
    const rows = record.facts[kind] ?? [];
    if (checksum(rows) !== sum) superseded.push(kind);
    for (const r of rows) entries.push({ kind, id: r[0], hash: r[1], file: r[2] });
  }
  return { entries, superseded };
}

/**
 * The file's text: readable JSON with one fact per line, so a pull request shows which facts changed. Keys are sorted
 * and nothing depends on time, so the same facts always give the same bytes.
 */
export function serializeFactRecord(record: FactRecord): string {
  const lines = [
    '{',
    `  "schema": ${JSON.stringify(FACT_RECORD_SCHEMA)},`,
    '  "version": 1,',
    `  "about": ${JSON.stringify('The facts each section of the context file was built from, for `project-context --check`. Written by project-context beside the file; commit both.')},`,
    '  "sections": [',
    record.sections.map((s) => `    ${JSON.stringify({ step: s.step, hash: s.hash, kinds: s.kinds })}`).join(',\n'),
    '  ],',
    '  "facts": {',
    Object.keys(record.facts)
      .sort(compare)
      .map((kind) => `    ${JSON.stringify(kind)}: [\n${rowsText(record.facts[kind])}\n    ]`)
      .join(',\n'),
    '  }',
    '}',
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

/**
 * A kind's rows as written. The record is rewritten at every accept with the tables of earlier sections unchanged (the
 * same arrays: `withSection` replaces only its own kinds), so each table is serialised once per run, not once per step.
 */
const rowsTexts = new WeakMap<readonly Row[], string>();

function rowsText(rows: readonly Row[]): string {
  let text = rowsTexts.get(rows);
  if (text === undefined) {
    text = rows.map((r) => `      ${JSON.stringify(r)}`).join(',\n');
    rowsTexts.set(rows, text);
  }
  return text;
}

/** Parses a record; undefined when the text is not one (damaged, hand-edited into something else, a newer version). */
export function parseFactRecord(text: string): FactRecord | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const d = data as { schema?: unknown; version?: unknown; sections?: unknown; facts?: unknown };
  if (!d || d.schema !== FACT_RECORD_SCHEMA || d.version !== 1 || !Array.isArray(d.sections) || !d.facts || typeof d.facts !== 'object') return undefined;
  const sections: SectionRecord[] = [];
  for (const s of d.sections as unknown[]) {
    const x = s as { step?: unknown; hash?: unknown; kinds?: unknown };
    if (typeof x?.step !== 'number' || typeof x.hash !== 'string' || !x.kinds || typeof x.kinds !== 'object') return undefined;
    const kinds = Object.fromEntries(Object.entries(x.kinds as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    sections.push({ step: x.step, hash: x.hash, kinds });
  }
  const facts: Record<string, Row[]> = {};
  for (const [kind, rows] of Object.entries(d.facts as Record<string, unknown>)) {
    if (!Array.isArray(rows)) return undefined;
    facts[kind] = rows.filter((r): r is Row => Array.isArray(r) && (r.length === 2 || r.length === 3) && r.every((v) => typeof v === 'string'));
  }
  return { sections, facts };
}

export type RecordRead = { readonly kind: 'missing' } | { readonly kind: 'damaged' } | { readonly kind: 'ok'; readonly record: FactRecord };

/** The record beside `output`. A symbolic link is never followed (a cloned repository could point it anywhere). */
export function readFactRecord(output: string): RecordRead {
  const file = factRecordPath(output);
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return { kind: 'missing' };
  }
  if (!st.isFile()) return { kind: 'damaged' };
  try {
    const record = parseFactRecord(fs.readFileSync(file, 'utf8'));
    return record ? { kind: 'ok', record } : { kind: 'damaged' };
  } catch {
    return { kind: 'damaged' };
  }
}

/**
 * Replaces the record atomically (temp file, fsync, rename). A link in its place is refused, as for the output; a
 * failure leaves the old record and throws an OutputWriteError with one sentence saying what to fix.
 */
export function writeFactRecord(output: string, record: FactRecord): void {
  const file = factRecordPath(output);
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      throw new OutputWriteError('not-a-file', file, `${file} is a symbolic link; project-context does not write through links. Remove it or choose another path with --output.`);
    }
  } catch (err) {
    if (err instanceof OutputWriteError) throw err;
    if (errCode(err) !== 'ENOENT') throw new OutputWriteError(fsFailure(err, false), file, `Cannot read ${file} (${errCode(err) ?? 'error'}); nothing was written.`);
  }
  try {
    writeFileAtomic(file, serializeFactRecord(record));
  } catch (err) {
    // The record is written first, beside the output: what stops it stops the output too, so the sentence is the
    // one writing the output would give (and names the record only when the cause is particular to it).
    const reason = fsFailure(err, true);
    const dir = path.dirname(output);
    const message = {
      'not-writable': `Cannot write ${output}: permission denied or read-only disk in ${dir}. Fix the permissions or choose another file with --output; the file was not changed.`,
      'disk-full': `Cannot write ${output}: the disk is full. Free some space and accept again; the file was not changed.`,
      'not-a-file':
        errCode(err) === 'ENOTDIR'
          ? `Cannot use ${output}: part of its folder path is a file, not a folder. Choose another path with --output.`
          : `${file} is a folder, not a file. Remove it or choose another path with --output; the file was not changed.`,
      'not-readable': `Cannot write ${output}: permission denied in ${dir}; the file was not changed.`,
      other: `Cannot write ${file} (${errCode(err) ?? (err as Error)?.message ?? 'unknown error'}); the file was not changed. Try again.`,
    }[reason];
    throw new OutputWriteError(reason, output, message);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
