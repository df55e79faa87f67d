/**
 * Where a package's tests live: a test folder (`test`, `__tests__`, `e2e`…) or, for tests beside the code, the
 * package's first-level folder; with each folder's count, the tool that runs it when not the unit runner, and the
 * sub-folders that split it (`test` holding `e2e`, `integration` and `unit`).
 */
import { playwrightOf, type PlaywrightDir } from './test-files.js';

export interface TestLocation {
  readonly dir: string;
  readonly count: number;
  readonly colocated: boolean;
  readonly runner?: string;
  /** The deepest folder holding all of them, when below `dir` (`cypress/e2e`). */
  readonly within?: string;
  /** The folders directly under `dir` that hold its tests, when there are several (`e2e`, `integration`, `unit`). */
  readonly folders?: readonly string[];
}

interface Entry {
  count: number;
  colocated: boolean;
  runner?: string;
  within?: string;
  folders: Set<string>;
}

/** At most this many sub-folders are named; more are a tree, not a split. */
const MAX_FOLDERS = 6;

export function testLocations(tests: readonly string[], pkgDir: string, playwright: readonly PlaywrightDir[], runnerOf: (f: string) => string | undefined): TestLocation[] {
  const locations = new Map<string, Entry>();
  for (const f of tests) {
    // A spec in a Playwright `testDir` is Playwright's, wherever the folder is and whatever it is called.
    const pw = playwrightOf(playwright, f);
    // A file the `test` script runs with node (`scripts/test-arc-regressions.js`) sits in its own folder: no test folder, not beside code it tests.
    const script = runnerOf(f) === 'script';
    const other = pw ? 'Playwright' : runnerOf(f) === 'cypress' ? 'Cypress' : script ? 'run with node by the `test` script' : undefined;
    const m = pw ? undefined : /^(.*?(?:^|\/)(?:__tests__|tests?|e2e|specs?|cypress))\//.exec(f);
    const dir = pw ? pw.dir : m ? m[1] : f.slice(0, Math.max(0, f.lastIndexOf('/')));
    const key = pw || m || script ? dir : topDir(dir, pkgDir);
    const entry = locations.get(key) ?? { count: 0, colocated: !m && !pw && !script, ...(other ? { runner: other } : {}), folders: new Set<string>() };
    entry.count++;
    entry.within = commonFolder(entry.within, f.slice(0, Math.max(0, f.lastIndexOf('/'))));
    const rest = (key ? f.slice(key.length + 1) : f).split('/');
    if (rest.length > 1) entry.folders.add(rest[0]);
    locations.set(key, entry);
  }
  return [...locations]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dir, { within, folders, ...v }]) => ({
      dir,
      ...v,
      ...(within && within !== dir && !v.colocated ? { within } : {}),
      ...(!v.colocated && folders.size > 1 && folders.size <= MAX_FOLDERS ? { folders: [...folders].sort() } : {}),
    }));
}

/** The deepest folder holding both `a` (undefined at first) and `b`. */
function commonFolder(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join('/');
}

/** Colocated tests are summarised by the package's first-level folder (`packages/web/src`). */
function topDir(dir: string, pkgDir: string): string {
  const rest = pkgDir === '' ? dir : dir.slice(pkgDir.length + 1);
  const first = rest.split('/')[0];
  return [pkgDir, first].filter(Boolean).join('/');
}
