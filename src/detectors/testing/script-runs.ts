/**
 * Test runners of the package's own: `"test": "pnpm build && node scripts/test-arc-regressions.js && node
 * scripts/test-webhook-regressions.js"` runs two project files that start the API and assert on it. They are the
 * package's tests even with no framework and no `*.test.*` name. Read from the script's text only, never run.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';

/** `node [--flags] file`, `tsx file`, `ts-node file`: a project file the command runs. */
const RUNS_FILE = /(?:^|[\s;&|(])(?:node|tsx|ts-node)\s+(?:-{1,2}[\w-]+(?:[=\s](?![^\s]*\.[cm]?[jt]sx?\b)[^\s&|;]+)?\s+)*["']?([\w./@-]+\.[cm]?[jt]sx?)\b/g;
/** A command that runs a test framework: then the files `node` runs beside it are build or setup steps. */
const FRAMEWORK = /\b(jest|vitest|mocha|ava|tap|tape|uvu|jasmine|karma|playwright|cypress)\b|--test\b/;
/** Files named for another job than testing (`node scripts/build.js && …`). */
const NOT_A_TEST = /(^|[/._-])(build|setup|prepare|generate|gen|clean|copy|compile|lint|format|postinstall|codegen|seed|migrate)([._-]|\.[cm]?[jt]sx?$)/i;

/** The project files the package's `test` script runs with node (repo-relative), when it runs no framework. */
export function scriptRunFiles(index: RepoIndex, dir: string, script: string | undefined): string[] {
  if (!script || FRAMEWORK.test(script)) return [];
  const out: string[] = [];
  for (const m of script.matchAll(RUNS_FILE)) {
    const file = path.posix.normalize(dir ? `${dir}/${m[1]}` : m[1]).replace(/^\.\//, '');
    if (file.startsWith('..') || NOT_A_TEST.test(path.posix.basename(file)) || !index.has(file) || out.includes(file)) continue;
    out.push(file);
  }
  return out;
}
