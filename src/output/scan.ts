/**
 * Reading PROJECT-CONTEXT.md into our blocks and the user's text around them. The rules:
 * - A marker is a whole line at column 0 (see markers.ts). A block runs from `begin step=N` to the next `end step=N`.
 * - Marker lines inside fenced code blocks (``` or ~~~, CommonMark rules) are text, so a section or the user's notes
 *   may quote marker lines in a code block. A fence that would swallow our blocks is not honoured: a block body whose
 *   fence never closes is re-read ignoring fences, and a fence in the user's text that never closes, or that holds a
 *   begin marker whose block still matches its hash (a block we wrote, not a quotation), is read as plain text.
 * - A begin whose end never comes (another marker or the end of the file arrives first), an end without a begin, and
 *   a second block for the same step are reported; those marker lines are kept as they are, as user text.
 */
import { fenceCloses, fenceOpen, looksLikeMarker, parseMarker, sectionHash, type Fence } from './markers.js';

/** A marker line that does not form a block (its partner is missing), kept in the file as user text. */
export interface StrayMarker {
  kind: 'begin' | 'end';
  step: number;
  /** 1-based line. */
  line: number;
}

export interface Line {
  text: string;
  eol: string;
  start: number;
}

export interface RawBlock {
  step: number;
  hash: string;
  begin: number;
  end: number;
}

export interface Scan {
  lines: Line[];
  blocks: RawBlock[];
  strays: StrayMarker[];
  damaged: number[];
}

/** Lines with their ends (`\r\n`, `\n`, or '' for the last line without one); indexOf, not a regex: the output of a
 * big monorepo is tens of thousands of lines, read several times per accepted step. A UTF-8 byte-order mark (Notepad
 * adds one) is not part of the first line: a marker there is still a marker, and since no edit starts before the
 * first line, the mark stays where it is when blocks are written. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      lines.push({ text: text.slice(start), eol: '', start });
      break;
    }
    const cr = nl > start && text.charCodeAt(nl - 1) === 13;
    lines.push({ text: text.slice(start, cr ? nl - 1 : nl), eol: cr ? '\r\n' : '\n', start });
    start = nl + 1;
  }
  return lines;
}

/** Index of the `end step` line closing a block that begins before `from`, or -1. */
function findEnd(lines: Line[], from: number, step: number, fences: boolean): number {
  let fence: Fence | null = null;
  for (let j = from; j < lines.length; j++) {
    const t = lines[j].text;
    if (fence) {
      if (fenceCloses(t, fence)) fence = null;
      continue;
    }
    const m = parseMarker(t);
    if (m) return m.kind === 'end' && m.step === step ? j : -1;
    if (fences) fence = fenceOpen(t);
  }
  return -1;
}

/** Whether line `at` begins a block whose body still matches its hash: a block we wrote, not a quoted marker. */
function isIntactBlockAt(text: string, lines: Line[], at: number): boolean {
  const m = parseMarker(lines[at].text);
  if (m?.kind !== 'begin') return false;
  let end = findEnd(lines, at + 1, m.step, true);
  if (end < 0) end = findEnd(lines, at + 1, m.step, false);
  return end >= 0 && sectionHash(text.slice(lineEnd(lines[at]), lines[end].start)) === m.hash;
}

export function scan(text: string): Scan {
  const lines = splitLines(text);
  const blocks: RawBlock[] = [];
  const strays = new Map<number, StrayMarker>();
  const damaged = new Set<number>();
  const ignoredFences = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    let fence: Fence | null = null;
    let fenceAt = -1;
    let begin = -1;
    const found: StrayMarker[] = [];
    const hurt: number[] = [];
    for (let j = i; j < lines.length; j++) {
      const t = lines[j].text;
      if (fence) {
        if (fenceCloses(t, fence)) fence = null;
        else if (isIntactBlockAt(text, lines, j)) break; // the fence swallowed one of our blocks: it is not real
        continue;
      }
      const m = parseMarker(t);
      if (m?.kind === 'begin') {
        begin = j;
        break;
      }
      if (m) found.push({ kind: 'end', step: m.step, line: j + 1 });
      else if (looksLikeMarker(t)) hurt.push(j);
      else if (!ignoredFences.has(j) && (fence = fenceOpen(t))) fenceAt = j;
    }
    if (fence) {
      // A fence in the user's text that never closes, or that swallows a block we wrote, would hide our blocks: read
      // its opening line as text and scan again.
      ignoredFences.add(fenceAt);
      continue;
    }
    for (const s of found) strays.set(s.line, s);
    for (const h of hurt) damaged.add(h);
    if (begin < 0) break;
    const marker = parseMarker(lines[begin].text)!;
    let end = findEnd(lines, begin + 1, marker.step, true);
    if (end < 0) end = findEnd(lines, begin + 1, marker.step, false);
    if (end < 0) {
      strays.set(begin + 1, { kind: 'begin', step: marker.step, line: begin + 1 });
      i = begin + 1;
      continue;
    }
    blocks.push({ step: marker.step, hash: marker.hash ?? '', begin, end });
    i = end + 1;
  }
  return {
    lines,
    blocks,
    strays: [...strays.values()].sort((a, b) => a.line - b.line),
    damaged: [...damaged].sort((a, b) => a - b),
  };
}

export function lineEnd(line: Line): number {
  return line.start + line.text.length + line.eol.length;
}

export function bodyOf(text: string, s: Scan, b: RawBlock): string {
  return text.slice(lineEnd(s.lines[b.begin]), s.lines[b.end].start);
}

/** Plain sentences for `OutputDocument.malformed`. */
export function describeProblems(s: Scan): string[] {
  const out: string[] = [];
  for (const st of s.strays) {
    out.push(
      st.kind === 'begin'
        ? `Line ${st.line}: section ${st.step} begins but its end marker is missing.`
        : `Line ${st.line}: section ${st.step} ends here but its begin marker is missing.`,
    );
  }
  for (const d of s.damaged) out.push(`Line ${d + 1} looks like a project-context marker but is damaged.`);
  const seen = new Map<number, number>();
  for (const b of s.blocks) {
    const first = seen.get(b.step);
    if (first === undefined) seen.set(b.step, b.begin + 1);
    else out.push(`Section ${b.step} appears more than once (lines ${first} and ${b.begin + 1}); only the first is updated.`);
  }
  return out;
}
