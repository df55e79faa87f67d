/**
 * Code a Lambda bundles without being its handler: a shared module (`src/lambda-edge/shared/shared.ts`) that every
 * handler imports runs in the Lambda too, so `AWS_REGION` read there is set by the runtime, not "set nowhere".
 * Followed forward from Lambda code through relative imports (and the repository's aliases), two levels deep.
 */
import { moduleResolver } from '../detectors/shared/resolve-module.js';
import { importsFromText } from '../detectors/shared/text-scan.js';
import type { RepoIndex } from '../scan/repo-index.js';

const CODE = /\.[cm]?[jt]sx?$/;
/** `import './x'`, `export * from './x'`, `export { a } from './x'`: modules taken in without a binding. */
const BARE = /\b(?:import|export\s*(?:\*|\{[^}]*\}))\s*(?:from\s*)?['"]([^'"\n]+)['"]/g;
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
      const modules = new Set([...importsFromText(text).values()].map((b) => b.module));
      for (const m of text.matchAll(BARE)) modules.add(m[1]);
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
