/**
 * Files that look like tests only because a folder is named `test`, `tests`, `spec` or `specs`
 * (`rest-routers/test/index.ts`, an API module called "test"), which the application's own code imports: they ship
 * with the application, so the code scans that skip test code must still read them. A file imported only by tests
 * (`test/server.ts` beside `test/api.test.ts`) stays a test file.
 */
import type { RepoIndex } from '../../scan/repo-index-types.js';
import { isSourceFile } from '../../scan/ts.js';
import { moduleReferencesOf } from './import-text.js';
import { moduleResolver } from './resolve-module.js';
import { isAppSource, isBuildOrVendor, isTestFile } from './source-scope.js';

/** A test folder named like the code it holds, not a fixtures, mocks or browser-test folder. */
const NAMED_FOLDER = /(^|\/)(tests?|specs?)\//;
/** Test-like for another reason too: a test's file name, or a folder that holds only test code or its data. */
const OTHER_TEST = /(^|\/)(__tests__|__mocks__|__fixtures__|e2e|fixtures|mocks?|cypress|playwright)\/|\.(test|spec|stories|e2e|bench)\.[cm]?[jt]sx?$/;
/** An import specifier naming such a folder: `./test`, `../tests/app`, `@server/modules/test'`. */
const SPECIFIER = /\/(tests?|specs?)['"/]/;
/** Tool configuration imports helpers from test folders (`playwright.config.ts`); that is not the application. */
const CONFIG_FILE = /(^|\/)[^/]*\.config\.[cm]?[jt]s$/;

const cache = new WeakMap<RepoIndex, ReadonlySet<string>>();

/**
 * The files only folder-named as tests that the application's non-test sources import directly, once per index: one
 * text test per application source, whose imports are read only when its text names such a folder.
 */
export function importedFromTestFolders(index: RepoIndex): ReadonlySet<string> {
  let found = cache.get(index);
  if (!found) cache.set(index, (found = compute(index)));
  return found;
}

function compute(index: RepoIndex): ReadonlySet<string> {
  const candidates = new Set(index.files.filter((f) => isSourceFile(f) && NAMED_FOLDER.test(f) && !OTHER_TEST.test(f) && isTestFile(f) && !isBuildOrVendor(index, f)));
  const found = new Set<string>();
  if (candidates.size === 0) return found;
  const resolver = moduleResolver(index);
  for (const file of index.files) {
    if (CONFIG_FILE.test(file) || !isAppSource(index, file)) continue;
    const text = index.read(file);
    if (!text || !SPECIFIER.test(text)) continue;
    for (const ref of moduleReferencesOf(index, file)) {
      const target = resolver.resolve(file, ref.module);
      if (target && candidates.has(target)) found.add(target);
    }
  }
  return found;
}
