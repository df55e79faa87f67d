import { cell, plain } from './text.js';

/**
 * A GitHub-flavoured markdown table. Cells are escaped; pass already-formatted inline code as-is via `raw`.
 * One space on each side of every pipe, the separator included (`| --- |`), and an empty cell as one space: the
 * "compact" style markdownlint's MD060 accepts.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const row = (cells: readonly string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
  const head = row(headers.map(cell));
  const rule = row(headers.map(() => '---'));
  const body = rows.map((r) => row(headers.map((_, i) => escapePipes(r[i] ?? '').trim())));
  return [head, rule, ...body].join('\n');
}

/** Table cells may hold inline markdown (code spans, links); only pipes and newlines must go. */
function escapePipes(text: string): string {
  return plain(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/(?<!\\)\|/g, '\\|');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const body = plain(text).replace(/\s+$/, '');
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language || 'text'}\n${body}\n${fence}`;
}

export function bullets(items: readonly string[], indent = 0): string {
  const pad = ' '.repeat(indent);
  return items.map((i) => `${pad}- ${i}`).join('\n');
}

export function heading(level: 2 | 3 | 4 | 5, text: string): string {
  return `${'#'.repeat(level)} ${plain(text).replace(/\n/g, ' ')}`;
}

/** Joins blocks with one blank line, dropping empty ones. */
export function join(...blocks: (string | false | null | undefined)[]): string {
  return blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '').join('\n\n');
}

/** The first line of every step's section: `## 3. Backend & API`. */
export function stepHeading(number: number, title: string): string {
  return `## ${number}. ${title}`;
}
