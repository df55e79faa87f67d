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

const LANGUAGES = /^(ts|typescript|js|javascript|tsx|jsx|mjs|cjs)$/i;
const MAX_LINES = 30;

export function readmeExamples(index: RepoIndex, readme: string, needles: readonly string[], limit = 3): CodeExample[] {
  const text = index.read(readme);
  if (!text) return [];
  const lines = text.split(/\r?\n/);
  const out: CodeExample[] = [];
  let title: string | undefined;
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const h = /^#{1,4}\s+(.+?)\s*#*$/.exec(lines[i]);
    if (h) title = h[1];
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    const body = lines.slice(i + 1, end);
    const language = open[3];
    if (LANGUAGES.test(language) && needles.some((n) => body.some((l) => l.includes(n)))) {
      const clipped = body.length > MAX_LINES ? [...body.slice(0, MAX_LINES), '// …'] : body;
      out.push({ file: readme, line: i + 1, language: language.toLowerCase(), code: clipped.join('\n'), title });
    }
    i = end;
  }
  return out;
}
