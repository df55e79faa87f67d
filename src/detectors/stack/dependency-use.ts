/**
 * Whether a package's own source imports one of its declared dependencies. A dependency that is declared but never
 * imported (node-vendor-service declares express, yet its index.js is an SQS consumer) must not decide what the
 * package is: the role comes from what the code contains. Text only (shared/import-text.ts), filtered on the name first.
 */
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { moduleReferencesOf } from '../shared/import-text.js';
import { isTestFile } from '../shared/source-scope.js';

const SOURCE = /\.(tsx|jsx|ts|js|mts|mjs|cts|cjs)$/;
const SKIP = /(^|\/)(node_modules|dist|build|out|coverage|\.next)\//;
const cache = new WeakMap<RepoIndex, Map<string, 'yes' | 'no' | 'unknown'>>();

/**
 * 'yes' when a source file of the package (not of a package nested in it) imports `name` (or a subpath of it) with
 * `import`/`export … from`, `import(…)` or `require(…)`; 'no' when the package has source files and none does;
 * 'unknown' when it has no source files to read, so nothing is concluded from silence.
 */
export function importsDependency(index: RepoIndex, pkg: WorkspacePackage, name: string): 'yes' | 'no' | 'unknown' {
  let byPkg = cache.get(index);
  if (!byPkg) cache.set(index, (byPkg = new Map()));
  const key = `${pkg.dir}\0${name}`;
  const cached = byPkg.get(key);
  if (cached) return cached;
  let sources = 0;
  let answer: 'yes' | 'no' | 'unknown' = 'unknown';
  for (const file of index.filesUnder(pkg.dir)) {
    if (!SOURCE.test(file) || SKIP.test(file) || (index.packageOf(file)?.dir ?? '') !== pkg.dir) continue;
    sources++;
    const text = index.read(file);
    if (!text || !text.includes(name)) continue;
    if (!moduleReferencesOf(index, file).some((r) => r.module === name || r.module.startsWith(`${name}/`))) continue;
    answer = 'yes';
    break;
  }
  if (answer !== 'yes' && sources > 0) answer = 'no';
  byPkg.set(key, answer);
  return answer;
}

/**
 * Whether the package's source imports `name` only from test code (a test script signing in with `aws-amplify` in a
 * repository with no frontend): some file imports it, and every file that does is a test, fixture or story.
 */
export function importedOnlyByTests(index: RepoIndex, pkg: WorkspacePackage, name: string): boolean {
  let found = false;
  for (const file of index.filesUnder(pkg.dir)) {
    if (!SOURCE.test(file) || SKIP.test(file) || (index.packageOf(file)?.dir ?? '') !== pkg.dir) continue;
    const text = index.read(file);
    if (!text || !text.includes(name)) continue;
    if (!moduleReferencesOf(index, file).some((r) => r.module === name || r.module.startsWith(`${name}/`))) continue;
    if (!isTestFile(file)) return false;
    found = true;
  }
  return found;
}
