/** Usage examples quoted from a package README: its TypeScript/JavaScript code blocks that use the package. */
import type { RepoIndex } from '../../scan/repo-index.js';

export interface CodeExample {
  readonly file: string;
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /** A heading above the block, when there is one (`Quick start`). */
  readonly title?: string;
}

/** A doc file's TypeScript/JavaScript code blocks: how many, and where the first one opens. */
export interface DocBlocks {
  readonly file: string;
  readonly line: number;
  readonly count: number;
}

const LANGUAGES = /^(ts|typescript|js|javascript|tsx|jsx|mjs|cjs)$/i;
const MAX_LINES = 30;

interface Fenced {
  readonly line: number;
  readonly language: string;
  readonly body: string[];
  readonly title?: string;
}

/** The TypeScript/JavaScript fenced blocks of a markdown text, with the heading above each. */
function* codeBlocks(text: string): Generator<Fenced> {
  const lines = text.split(/\r?\n/);
  let title: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,4}\s+(.+?)\s*#*$/.exec(lines[i]);
    if (h) title = h[1];
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    if (LANGUAGES.test(open[3])) yield { line: i + 1, language: open[3].toLowerCase(), body: lines.slice(i + 1, end), title };
    i = end;
  }
}

export function readmeExamples(index: RepoIndex, readme: string, needles: readonly string[], limit = 3): CodeExample[] {
  const text = index.read(readme);
  if (!text) return [];
  const out: CodeExample[] = [];
  for (const b of codeBlocks(text)) {
    if (out.length >= limit) break;
    // A block that only declares the export (`export function getEnv(…) {` pasted from the source, often out of date)
    // shows no use of it: not an example.
    if (!needles.some((n) => b.body.some((l) => l.includes(n) && !declares(l, n)))) continue;
    const clipped = b.body.length > MAX_LINES ? [...b.body.slice(0, MAX_LINES), '// …'] : b.body;
    out.push({ file: readme, line: b.line, language: b.language, code: clipped.join('\n'), title: b.title });
  }
  return out;
}

function declares(line: string, needle: string): boolean {
  const id = needle.replace(/^\./, '').replace(/\($/, '');
  if (!/^[A-Za-z_$][\w$]*$/.test(id)) return false;
  return new RegExp(`\\b(?:function\\s*\\*?\\s*|class\\s+|(?:const|let|var)\\s+)${id.replace(/\$/g, '\\$')}\\b`).test(line);
}

/** How many TypeScript/JavaScript blocks each doc file holds (files without any left out). */
export function docBlocks(index: RepoIndex, files: readonly string[]): DocBlocks[] {
  const out: DocBlocks[] = [];
  for (const file of files) {
    const text = index.read(file);
    if (!text?.includes('```') && !text?.includes('~~~')) continue;
    let first = 0;
    let count = 0;
    for (const b of codeBlocks(text)) {
      first ||= b.line;
      count++;
    }
    if (count) out.push({ file, line: first, count });
  }
  return out;
}
