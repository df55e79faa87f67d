/**
 * Test files a test script leaves out on its command line: Mocha's and Vitest's `--exclude <glob>` (Mocha's older
 * `--ignore`), Jest's `--testPathIgnorePatterns <regex>`. Mocha drops an excluded file even when it is named on the
 * command line, so `npm test -- <that file>` runs nothing: the "run one file" example must be another file.
 */
import { globToRegExp } from '../../scan/glob.js';

const FLAG = /--(exclude|ignore|testPathIgnorePatterns)(?:=|\s+)(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;

/** A test of repo-relative paths (`dir` is the package's folder, where the script runs). */
export function excludedByScript(script: string | undefined, dir: string): (file: string) => boolean {
  if (!script) return () => false;
  const tests: ((rel: string) => boolean)[] = [];
  for (const m of script.matchAll(FLAG)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (!value) continue;
    if (m[1] === 'testPathIgnorePatterns') {
      try {
        const re = new RegExp(value.replace(/<rootDir>\/?/g, ''));
        tests.push((rel) => re.test(rel));
      } catch {
        // A pattern we cannot read excludes nothing we can name.
      }
    } else {
      const re = globToRegExp(value);
      tests.push((rel) => re.test(rel));
    }
  }
  if (tests.length === 0) return () => false;
  return (file) => {
    const rel = dir && file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
    return tests.some((t) => t(rel));
  };
}
