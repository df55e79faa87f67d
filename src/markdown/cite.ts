import type { Citation } from '../facts.js';
import { code } from './text.js';

/** A repository path as the brief writes it: `/packages/name/src/file.ts`, with `:line` when known. */
export function repoPath(file: string, line?: number): string {
  const c = file.charCodeAt(0);
  // 46 '.', 47 '/': only such paths need the leading `./` or `/` removed (a regex for every citation was measurable).
  const clean = c === 46 || c === 47 ? `/${file.replace(/^\.?\/+/, '')}` : `/${file}`;
  return line ? `${clean}:${line}` : clean;
}

/** The path as inline code, ready for a table cell or a bullet. */
export function cite(citation: Citation | string, line?: number): string {
  if (typeof citation === 'string') return code(repoPath(citation, line));
  return code(repoPath(citation.file, citation.line));
}

/** Several citations, comma-separated, without duplicates. */
export function citeAll(citations: readonly Citation[], limit = 6): string {
  // Only the shown citations are formatted: a variable set by thousands of Lambdas shows two.
  const keys = [...new Set(citations.map((c) => repoPath(c.file, c.line)))];
  const shown = keys.slice(0, limit).map(code).join(', ');
  return keys.length > limit ? `${shown} (+${keys.length - limit} more)` : shown;
}
