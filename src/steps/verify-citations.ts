import type { RepoIndex } from '../scan/repo-index.js';

/** Inline-code repository paths in a section: `/packages/api/src/x.ts` or `/packages/api/src/x.ts:12`. */
const CITED = /`(\/[^`\s:*{}<>|]+?)(?::(\d+))?`/g;

export interface CitedPath {
  readonly file: string;
  readonly line?: number;
}

/** Fenced code blocks quote code (template literals, shell lines) and are not citations. */
const FENCED = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;

export function citedPaths(markdown: string): CitedPath[] {
  const out: CitedPath[] = [];
  for (const m of markdown.replace(FENCED, '').matchAll(CITED)) {
    out.push({ file: m[1].slice(1).replace(/\/$/, ''), line: m[2] ? Number(m[2]) : undefined });
  }
  return out;
}

/**
 * Paths a section cites that the repository does not have (neither a file nor a folder). A non-empty answer is a bug
 * in a step: the wizard only prints what it verified.
 *
 * The convention every step follows: an inline code span that starts with `/` is a repository path, always. URL paths
 * are written after their HTTP method (`GET /v1/kv/{key}`) or as plain text via `urlPath()`, never as a bare code span.
 */
export function missingCitations(markdown: string, index: RepoIndex): CitedPath[] {
  return citedPaths(markdown).filter((c) => c.file !== '' && !index.has(c.file) && !index.hasDir(c.file));
}
