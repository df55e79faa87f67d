/**
 * The marker lines that delimit each accepted section in PROJECT-CONTEXT.md:
 *
 *   <!-- project-context:begin step=3 hash=0123456789abcdef -->
 *   ## 3. Backend & API
 *   …
 *   <!-- project-context:end step=3 -->
 *
 * HTML comments render as nothing on GitHub and in editors' previews, so the markers stay out of the reader's way.
 * A marker is a whole line starting at column 0 (trailing spaces allowed); text that merely mentions a marker inside a
 * line, or an indented copy, is never a marker. Fenced code blocks are handled in document.ts.
 */
import crypto from 'node:crypto';

/** Section text as it is hashed and written: LF line ends, exactly one trailing newline. */
export function normalizeSection(markdown: string): string {
  // Plain loops, not /\n+$/: on a section of megabytes the regex retries at every line break.
  const lf = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return `${lf.slice(0, end)}\n`;
}

/** sha256 hex (first 16 characters) of the normalised section text. */
export function sectionHash(markdown: string): string {
  return crypto.createHash('sha256').update(normalizeSection(markdown), 'utf8').digest('hex').slice(0, 16);
}

export function beginMarker(step: number, hash: string): string {
  return `<!-- project-context:begin step=${step} hash=${hash} -->`;
}

export function endMarker(step: number): string {
  return `<!-- project-context:end step=${step} -->`;
}

// Lenient on inner spacing and on the hash's form: a marker whose hash was typed over is still a marker (its block
// then reads as hand-edited) rather than vanishing and leaving a stray end line.
const BEGIN_RE = /^<!--\s*project-context:begin\s+step=(\d{1,6})\s+hash=([^\s>]*)\s*-->\s*$/;
const END_RE = /^<!--\s*project-context:end\s+step=(\d{1,6})\s*-->\s*$/;
const ANY_RE = /^<!--\s*project-context:(?:begin|end)\b/;

export interface MarkerLine {
  readonly kind: 'begin' | 'end';
  readonly step: number;
  /** Only on begin markers. */
  readonly hash?: string;
}

/** The marker on a line (without its line ending), or null. */
export function parseMarker(line: string): MarkerLine | null {
  const b = BEGIN_RE.exec(line);
  if (b) return { kind: 'begin', step: Number(b[1]), hash: b[2] };
  const e = END_RE.exec(line);
  if (e) return { kind: 'end', step: Number(e[1]) };
  return null;
}

/** Whether a line starts like one of our markers (even a damaged one). */
export function looksLikeMarker(line: string): boolean {
  return ANY_RE.test(line);
}

/** An open fenced code block: its character and length (CommonMark: closed by ≥ as many of the same character). */
export interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
}

const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The fence a line opens, or null. A backtick fence's info string may not contain a backtick (CommonMark). */
export function fenceOpen(line: string): Fence | null {
  const m = FENCE_OPEN_RE.exec(line);
  if (!m) return null;
  const char = m[1][0] as '`' | '~';
  if (char === '`' && m[2].includes('`')) return null;
  return { char, length: m[1].length };
}

/** Whether a line closes the given fence. */
export function fenceCloses(line: string, fence: Fence): boolean {
  const m = FENCE_CLOSE_RE.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}
