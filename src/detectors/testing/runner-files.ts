/**
 * Which runner runs a test file. A unit runner's config may state the files it runs (Vitest `test.include`, Jest
 * `testMatch`): a file in a `test/` folder that no include matches is a helper (`src/test/render.tsx` beside
 * `include: ['src/**\/*.test.{ts,tsx}']`), not a test. Cypress runs `cypress/` specs and `*.cy.*` files, never the
 * unit runner, so they are neither its count nor its "run one file" example. Read from the config's text only.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';
import { globListMatcher } from '../../scan/glob.js';
import { TEST_FILE } from './test-files.js';
import { testBlockArray, patternScope } from './vitest-test-block.js';

const VITEST = /(^|\/)(vitest|vite)\.config\.[cm]?[jt]s$/;
const JEST = /(^|\/)jest\.config\.[cm]?[jt]s$/;
/** Named as a test (`*.test.*`, `*.spec.*`, `*.e2e-spec.*`): kept even when no include matches it, since another script may run it. */
const NAMED_TEST = TEST_FILE;
/** What Jest's and Vitest's default patterns run (not `*.e2e-spec.*`, which needs a config of its own). */
const DEFAULT_NAMED = /(\.|_)(test|spec|e2e)\.[cm]?[jt]sx?$/;
const CYPRESS_SPEC = /(^|\/)cypress\/|\.cy\.[cm]?[jt]sx?$/;

/** A matcher for the files the package's unit runner config says it runs, when a config states them literally. */
export function unitIncludes(index: RepoIndex, configFiles: readonly string[]): ((file: string) => boolean) | undefined {
  for (const config of configFiles) {
    const text = index.read(config);
    if (!text || /\b(projects|workspace)\s*:/.test(text)) continue;
    let list: string | undefined;
    // Only `test.include` (never `test.coverage.include`, `optimizeDeps.include` or an `exclude`).
    if (VITEST.test(config)) list = testBlockArray(text, 'include');
    else if (JEST.test(config)) list = /\btestMatch\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
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

const SETUP_KEYS = /["']?\b(setupFiles(?:AfterEnv)?|globalSetup|globalTeardown|supportFile)["']?\s*:\s*(\[[^\]]*\]|(['"`])[^'"`\n]*\3)/g;

/**
 * Files a runner config names as setup, not tests: Vitest and Jest `setupFiles` / `setupFilesAfterEnv` /
 * `globalSetup` / `globalTeardown` (`./test/setup-test-env.ts`) and Cypress's `supportFile`, resolved from the
 * config's folder (Jest's `<rootDir>` from its literal `rootDir`). `texts` are config file → text.
 */
export function declaredSetupFiles(texts: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [config, text] of texts) {
    const base = path.posix.dirname(config) === '.' ? '' : path.posix.dirname(config);
    const rootDir = /["']?\brootDir["']?\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
    const root = rootDir ? path.posix.join(base, rootDir) : base;
    for (const m of text.matchAll(SETUP_KEYS)) {
      for (const s of m[2].matchAll(/(['"`])([^'"`\n]+)\1/g)) {
        const named = s[2].startsWith('<rootDir>') ? path.posix.join(root, s[2].slice('<rootDir>'.length)) : path.posix.join(base, s[2]);
        out.add(path.posix.normalize(named).replace(/^\.?\//, ''));
      }
    }
  }
  return out;
}

/** Config keys that change which files Jest or Vitest runs; with none of them, their default patterns hold. */
const PATTERN_KEYS = /\b(include|testMatch|testRegex|projects|workspace|preset|dir|roots)["']?\s*:/;
/** Scripts that run tests with another runner (which may run every file of a test folder). */
export const OTHER_RUNNER = /--test\b|\b(mocha|ava|tap|tape|uvu|jasmine|karma|node-tap)\b/;

/**
 * Jest's and Vitest's default patterns, when they are the package's only unit runners and no config or script
 * changes them: only `*.test.*` / `*.spec.*` files (and, for Jest, `__tests__` folders) run, so a plain file in a
 * `test/` folder is a helper, whatever the folder is called.
 */
export function defaultIncludes(unitRunners: readonly string[], texts: Iterable<string>, scripts: readonly string[]): ((file: string) => boolean) | undefined {
  if (unitRunners.length === 0 || unitRunners.some((r) => r !== 'Vitest' && r !== 'Jest')) return undefined;
  for (const text of texts) if (PATTERN_KEYS.test(patternScope(text))) return undefined;
  if (scripts.some((s) => OTHER_RUNNER.test(s))) return undefined;
  return (file) => DEFAULT_NAMED.test(file) || /(^|\/)__tests__\//.test(file);
}
