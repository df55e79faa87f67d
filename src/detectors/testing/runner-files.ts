/**
 * Which runner runs a test file. A unit runner's config may state the files it runs (Vitest `test.include`, Jest
 * `testMatch`): a file in a `test/` folder that no include matches is a helper (`src/test/render.tsx` beside
 * `include: ['src/**\/*.test.{ts,tsx}']`), not a test. Cypress runs `cypress/` specs and `*.cy.*` files, never the
 * unit runner, so they are neither its count nor its "run one file" example. Read from the config's text only.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { globListMatcher } from '../../scan/glob.js';

const VITEST = /(^|\/)(vitest|vite)\.config\.[cm]?[jt]s$/;
const JEST = /(^|\/)jest\.config\.[cm]?[jt]s$/;
/** Named as a test (`*.test.*`, `*.spec.*`): kept even when no include matches it, since another script may run it. */
const NAMED_TEST = /(\.|_)(test|spec|e2e)\.[cm]?[jt]sx?$/;
const CYPRESS_SPEC = /(^|\/)cypress\/|\.cy\.[cm]?[jt]sx?$/;

/** A matcher for the files the package's unit runner config says it runs, when a config states them literally. */
export function unitIncludes(index: RepoIndex, configFiles: readonly string[]): ((file: string) => boolean) | undefined {
  for (const config of configFiles) {
    const text = index.read(config);
    if (!text || /\b(projects|workspace)\s*:/.test(text)) continue;
    let list: string | undefined;
    if (VITEST.test(config)) {
      const test = /\btest\s*:\s*\{/.exec(text);
      list = test ? /\binclude\s*:\s*\[([^\]]*)\]/.exec(text.slice(test.index))?.[1] : undefined;
    } else if (JEST.test(config)) list = /\btestMatch\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
    if (list === undefined || list.includes('${')) continue;
    const globs = [...list.matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1].replace(/^<rootDir>\//, ''));
    if (globs.length === 0) continue;
    const base = path.posix.dirname(config) === '.' ? '' : path.posix.dirname(config);
    const match = globListMatcher(globs);
    return (file) => (base === '' || file.startsWith(`${base}/`)) && match(base ? file.slice(base.length + 1) : file);
  }
  return undefined;
}

/**
 * `cypress` for a Cypress spec of a package that uses Cypress; `unit` for one the unit runner runs (any, when its
 * config states no include); `unmatched` for a file named as a test that the include leaves out (counted, never the
 * example); else `helper` (not a test).
 */
export function runnerOf(file: string, cypress: boolean, includes: ((file: string) => boolean) | undefined): 'cypress' | 'unit' | 'unmatched' | 'helper' {
  if (cypress && CYPRESS_SPEC.test(file)) return 'cypress';
  if (!includes || includes(file)) return 'unit';
  return NAMED_TEST.test(file) ? 'unmatched' : 'helper';
}
