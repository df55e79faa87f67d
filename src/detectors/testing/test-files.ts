/**
 * Which files are tests: `*.test.*` / `*.spec.*` anywhere, and the files of a test folder, but not the helpers a test
 * folder also holds (fixtures, utils, setup, factories, mocks). Which folders Playwright runs (`testDir` of a
 * playwright.config), so their specs are not listed as the unit runner's.
 */
import path from 'node:path';
import type { RepoIndex } from '../../scan/repo-index.js';

/** `*.test.*`, `*.spec.*`, `*_test.*`, `*.e2e.*`, and the hyphenated family (`*.e2e-spec.*`, `*.int-test.*`). */
export const TEST_FILE = /(\.|_)([a-z0-9]+-)?(test|spec|e2e)\.[cm]?[jt]sx?$/;
const TEST_DIR = /(^|\/)(__tests__|tests?|e2e|specs?|cypress)\//;
const SOURCE = /\.[cm]?[jt]sx?$/;
/** Folders of test data, wherever they are: nothing in them is a test. */
const DATA_DIR = /(^|\/)(fixtures?|__fixtures__|__mocks__)\//;
/** Folders of test helpers: a `*.test.*` file in them is a test, any other file a helper. */
const HELPER_DIR = /(^|\/)(mocks?|helpers?|steps|utils?|support|setup|factories|test-utils|testutils|__helpers__|__utils__)\//i;
/**
 * A test folder's helper files by name: `test/utils.ts`, `tests/fixtures.ts`, `test/global-setup.ts`, `test/db-helper.ts`,
 * and step definitions shared by BDD tests (`tests/user-shared-steps.ts`, imported by the specs, not run).
 */
const HELPER_NAME = /(^|[-_.])(fixtures?|utils?|helpers?|setup|teardown|factories|factory|mocks?|support|context|constants|types|globals?|seed|steps?|test-?utils|testUtils)(\.config)?\.[cm]?[jt]sx?$|\.config\.[cm]?[jt]s$|\.d\.ts$/i;

/** A source file that may be a test when a runner's config matches it: not a declaration, dot file or test data. */
export function mayBeTest(file: string): boolean {
  // A dot file (`cypress/.eslintrc.cjs`) is a tool's config, never a test.
  return SOURCE.test(file) && !file.endsWith('.d.ts') && !DATA_DIR.test(file) && !file.slice(file.lastIndexOf('/') + 1).startsWith('.');
}

/**
 * A Next.js App Router route file (`app/debug/test/page.tsx` is the page at /debug/test): a `test` folder under
 * `app/` is a URL segment, so its route files are the application's, not tests.
 */
const APP_ROUTE_FILE = /(^|\/)app\/(?:[^/]+\/)*(?:page|layout|route|template|default|loading|error|global-error|not-found)\.[cm]?[jt]sx?$/;

export function isTestFile(file: string): boolean {
  if (!mayBeTest(file)) return false;
  if (TEST_FILE.test(file)) return true;
  if (APP_ROUTE_FILE.test(file) && testByFolderOnly(file)) return false;
  // Inside a test folder, a file in a helpers folder or named like a helper or a config file is not a test.
  return TEST_DIR.test(file) && !HELPER_DIR.test(file) && !HELPER_NAME.test(file.slice(file.lastIndexOf('/') + 1));
}

/**
 * Whether a file uses a test API: a top-level `describe(` / `it(` / `test(` / `suite(` call (imported or a runner's
 * global), or an import of a test runner (`tap`'s `t.test(`). A file that is a test only by its folder's name
 * (`modules/test/authenticated.ts`, an API module called "test") is one only when it does, or something runs it.
 */
const TEST_CALL = /^[ \t]*(?:describe|it|test|suite|context|Deno\.test)(?:\.\w+)*\s*\(/m;
const TEST_IMPORT = /(?:from\s*|require\(\s*|import\s*)['"](?:vitest|mocha|node:test|bun:test|ava|tap|tape|uvu|@jest\/globals|@japa\/runner)(?:\/[\w-]+)?['"]/;
export function usesTestApi(text: string): boolean {
  return TEST_CALL.test(text) || TEST_IMPORT.test(text);
}

/** A file that is a test by its folder's name alone: not named as one (`*.test.*`) nor in a `__tests__` folder. */
export function testByFolderOnly(file: string): boolean {
  return !TEST_FILE.test(file) && !/(^|\/)__tests__\//.test(file);
}

/**
 * Test folders that name their tests `*.test.*` / `*.spec.*` keep everything else there as helpers: a plain file
 * beside `login.spec.ts` (`test/api-client.ts`) is imported by the tests, not run. `__tests__` folders are the
 * exception, since Jest runs every file in them.
 */
export function withoutHelpers(files: readonly string[]): string[] {
  const suffixed = new Set<string>();
  for (const f of files) if (TEST_FILE.test(f)) suffixed.add(testRoot(f));
  return files.filter((f) => TEST_FILE.test(f) || /(^|\/)__tests__\//.test(f) || !suffixed.has(testRoot(f)));
}

function testRoot(file: string): string {
  return /^(.*?(?:^|\/)(?:__tests__|tests?|e2e|specs?|cypress))\//.exec(file)?.[1] ?? file.slice(0, Math.max(0, file.lastIndexOf('/')));
}

export interface PlaywrightDir {
  readonly config: string;
  /** The folder Playwright runs, repo-relative. */
  readonly dir: string;
}

/** `testDir` of every playwright.config, resolved from the config's folder (the config's folder when unset). */
export function playwrightDirs(index: RepoIndex): PlaywrightDir[] {
  const out: PlaywrightDir[] = [];
  for (const config of index.files.filter((f) => /(^|\/)playwright\.config\.[cm]?[jt]s$/.test(f))) {
    const text = index.read(config) ?? '';
    const base = path.posix.dirname(config) === '.' ? '' : path.posix.dirname(config);
    const testDir = /\btestDir\s*:\s*(?:path\.(?:join|resolve)\(\s*__dirname\s*,\s*)?['"`]([^'"`$]+)['"`]/.exec(text)?.[1];
    const dir = testDir ? path.posix.normalize(path.posix.join(base, testDir)).replace(/\/$/, '') : base;
    if (dir.startsWith('..')) continue;
    out.push({ config, dir: dir === '.' ? '' : dir });
  }
  return out;
}

/** The Playwright config that runs `file`, when it sits in a `testDir` (and is named as Playwright's tests are). */
export function playwrightOf(dirs: readonly PlaywrightDir[], file: string): PlaywrightDir | undefined {
  if (!/\.(test|spec)\.[cm]?[jt]sx?$/.test(file) && !/(^|\/)(e2e|playwright)\//.test(file)) return undefined;
  // An explicit `testDir` (not the config's own folder, where unit tests may live too) is Playwright's.
  return dirs.find((d) => d.dir !== path.posix.dirname(d.config).replace(/^\.$/, '') && (d.dir === '' || file.startsWith(`${d.dir}/`)));
}
