/**
 * PROJECT-CONTEXT.md as a sequence of our marked blocks and the user's own text around them (how the file is read:
 * scan.ts). Pure string functions: no I/O, so every rule here is unit-tested directly.
 *
 * Writing rules (the guarantees the writer builds on):
 * - Text outside blocks is never changed. New blocks go in step order: right after the block with the nearest lower
 *   step, else right before the nearest higher one, else at the end of the file after a blank line.
 * - The written block must read back as exactly the accepted section; otherwise upsertBlock throws SectionTextError.
 * - Line endings: a file that uses CRLF gets new blocks with CRLF; hashes are computed on LF-normalised text.
 */
import { beginMarker, endMarker, looksLikeMarker, normalizeSection, sectionHash } from './markers.js';
import { bodyOf, describeProblems, lineEnd, scan, type RawBlock, type Scan, type StrayMarker } from './scan.js';

export type { StrayMarker } from './scan.js';

export interface OutputBlock {
  step: number;
  hash: string;
  /** The exact text between the begin and end marker lines. */
  body: string;
  /** The body no longer matches the hash in its begin marker: someone edited it after it was written. */
  handEdited: boolean;
  /** 1-based line of the begin marker. */
  line: number;
}

export interface OutputDocument {
  /** In document order; a duplicated step appears twice here (and in `malformed`). */
  blocks: OutputBlock[];
  /** Non-whitespace text outside blocks (stray marker lines count). */
  hasForeignText: boolean;
  /** Plain sentences describing damaged markers. */
  malformed: string[];
  strays: StrayMarker[];
}

/**
 * Accepting a step reads the whole file several times (inspect, accept, read back what was written, then the next
 * step's inspect): on a big monorepo that is megabytes scanned and hashed again for identical text. The last text
 * scanned and parsed is remembered; an equal string (compared by content) reuses the result. Results are shared, so
 * nothing that receives them may mutate them.
 */
let lastScan: { text: string; scan: Scan } | undefined;
let lastDoc: { text: string; doc: OutputDocument } | undefined;

function scanOnce(text: string): Scan {
  if (lastScan?.text !== text) lastScan = { text, scan: scan(text) };
  return lastScan.scan;
}

export function parseOutput(text: string): OutputDocument {
  if (lastDoc?.text !== text) lastDoc = { text, doc: parseFresh(text) };
  return lastDoc.doc;
}

function parseFresh(text: string): OutputDocument {
  const s = scanOnce(text);
  const inBlock = new Set<number>();
  for (const b of s.blocks) for (let k = b.begin; k <= b.end; k++) inBlock.add(k);
  return {
    blocks: s.blocks.map((b) => {
      const body = bodyOf(text, s, b);
      return { step: b.step, hash: b.hash, body, handEdited: sectionHash(body) !== b.hash, line: b.begin + 1 };
    }),
    hasForeignText: s.lines.some((l, k) => !inBlock.has(k) && /\S/.test(l.text)),
    malformed: describeProblems(s),
    strays: s.strays,
  };
}

/** The line ending a document uses (its first one), LF for a new or one-line document. */
function eolOf(text: string): string {
  return /\r?\n/.exec(text)?.[0] ?? '\n';
}

/** A complete block, including the end marker's line ending. */
export function renderBlock(step: number, markdown: string, eol = '\n'): string {
  const body = normalizeSection(markdown);
  return `${beginMarker(step, sectionHash(markdown))}${eol}${eol === '\n' ? body : body.replace(/\n/g, eol)}${endMarker(step)}${eol}`;
}

/** A section whose text would be read back as something else (it holds a marker line outside a code block). */
export class SectionTextError extends Error {
  constructor(readonly step: number, line: string | undefined) {
    super(
      line
        ? `Section ${step} contains the line "${line.slice(0, 80)}", which would be read as a project-context marker; indent it or put it in a code block, then accept again.`
        : `Section ${step} cannot be stored safely between project-context markers; check it for marker-like lines.`,
    );
    this.name = 'SectionTextError';
  }
}

interface Edit {
  from: number;
  to: number;
  insert: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  // Right to left so earlier offsets stay valid; at one offset a removal goes before an insertion.
  const sorted = [...edits].sort((a, b) => b.from - a.from || b.to - b.from - (a.to - a.from));
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

/** The range removing a block plus one blank separator line (after it, else before it), undoing an insertion. */
function removalRange(s: Scan, b: RawBlock): Edit {
  const { lines } = s;
  let from = lines[b.begin].start;
  let to = lineEnd(lines[b.end]);
  const next = lines[b.end + 1];
  const prev = lines[b.begin - 1];
  if (next && next.text.trim() === '' && next.eol) to = lineEnd(next);
  else if (prev && prev.text.trim() === '') from = prev.start;
  return { from, to, insert: '' };
}

export interface UpsertOptions {
  /**
   * Also remove further copies of this step's block and its stray marker lines — used only after the user agreed to
   * replace a damaged or hand-edited section.
   */
  readonly clean?: boolean;
}

/** Replaces the step's block (the first, if duplicated) or inserts it in step order. Pure. */
export function upsertBlock(text: string, step: number, markdown: string, options: UpsertOptions = {}): string {
  const s = scanOnce(text);
  const eol = eolOf(text);
  const block = renderBlock(step, markdown, eol);
  const mine = s.blocks.filter((b) => b.step === step);
  const edits: Edit[] = [];
  let out: string;
  if (options.clean) {
    for (const dup of mine.slice(1)) edits.push(removalRange(s, dup));
    for (const st of s.strays.filter((x) => x.step === step)) {
      const l = s.lines[st.line - 1];
      edits.push({ from: l.start, to: lineEnd(l), insert: '' });
    }
  }
  if (mine.length) {
    edits.push({ from: s.lines[mine[0].begin].start, to: lineEnd(s.lines[mine[0].end]), insert: block });
    out = applyEdits(text, edits);
  } else {
    const lower = s.blocks.filter((b) => b.step < step);
    const higher = s.blocks.filter((b) => b.step > step);
    if (lower.length) {
      const prev = lower.reduce((a, b) => (b.step >= a.step ? b : a));
      const endLine = s.lines[prev.end];
      edits.push({ from: lineEnd(endLine), to: lineEnd(endLine), insert: `${endLine.eol ? '' : eol}${eol}${block}` });
    } else if (higher.length) {
      const next = higher.reduce((a, b) => (b.step < a.step ? b : a));
      const at = s.lines[next.begin].start;
      edits.push({ from: at, to: at, insert: `${block}${eol}` });
    } else if (/\S/.test(text)) {
      edits.push({ from: text.length, to: text.length, insert: `${/\r?\n$/.test(text) ? '' : eol}${eol}${block}` });
    } else {
      edits.push({ from: text.charCodeAt(0) === 0xfeff ? 1 : 0, to: text.length, insert: block }); // a byte-order mark stays
    }
    out = applyEdits(text, edits);
  }
  verifyUpsert(out, step, markdown, s.blocks.length + (mine.length ? 0 : 1) - (options.clean ? Math.max(0, mine.length - 1) : 0));
  return out;
}

/** The written block must read back as exactly this section; otherwise its text collides with the marker syntax. */
function verifyUpsert(out: string, step: number, markdown: string, expectedBlocks: number): void {
  const doc = parseOutput(out);
  const block = doc.blocks.find((b) => b.step === step);
  if (block && !block.handEdited && block.hash === sectionHash(markdown) && doc.blocks.length === expectedBlocks) return;
  throw new SectionTextError(step, normalizeSection(markdown).split('\n').find((l) => looksLikeMarker(l)));
}

/** Removes the step's block (the first, if duplicated) and the blank line that separated it. Pure. */
export function removeBlock(text: string, step: number): string {
  const s = scanOnce(text);
  const b = s.blocks.find((x) => x.step === step);
  return b ? applyEdits(text, [removalRange(s, b)]) : text;
}
