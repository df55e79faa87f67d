/**
 * Code a Lambda bundles without being its handler: a shared module (`src/lambda-edge/shared/shared.ts`) that every
 * handler imports runs in the Lambda too, so `AWS_REGION` read there is set by the runtime, not "set nowhere".
 * Followed forward from Lambda code through relative imports (and the repository's aliases), two levels deep.
 */
import { moduleReferencesOf } from '../detectors/shared/import-text.js';
import { moduleResolver } from '../detectors/shared/resolve-module.js';
import type { RepoIndex } from '../scan/repo-index.js';

const CODE = /\.[cm]?[jt]sx?$/;
const DEPTH = 2;

/** Files imported (up to two levels) by `start`, the files already known to run in a Lambda; `start` excluded. */
export function importedByLambdaCode(index: RepoIndex, start: readonly string[]): Set<string> {
  const resolver = moduleResolver(index);
  const seen = new Set(start);
  const out = new Set<string>();
  let frontier = start.filter((f) => CODE.test(f));
  for (let depth = 0; depth < DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const file of frontier) {
      const text = index.read(file);
      if (!text || !(text.includes('import') || text.includes('require') || text.includes('export'))) continue;
      // Imports (with bindings or bare), re-exports and `require`s; a dynamic `import()` is not followed.
      const modules = new Set(moduleReferencesOf(index, file).filter((r) => r.kind !== 'dynamic').map((r) => r.module));
      for (const module of modules) {
        // npm packages are not the repository's code; only paths and aliases resolve to files.
        const target = resolver.resolve(file, module);
        if (target === undefined || seen.has(target)) continue;
        seen.add(target);
        out.add(target);
        next.push(target);
      }
    }
    frontier = next;
  }
  return out;
}
