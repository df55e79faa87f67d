/**
 * Reads through a prefix-filtered copy of env (`Object.entries(import.meta.env)` kept by `startsWith('VITE_APP_')`):
 * the copy reads every variable with the prefix, so each one set or declared for that code is read there.
 */
import type { EnvDynamicReadData, EnvReadData } from '../detectors/env/index.js';
import type { RepoIndex } from '../scan/repo-index.js';

/** `setFor(name, file)`: something sets the variable for the code in that file (the copy's own package, config, CI). */
export function prefixReads(copies: readonly EnvDynamicReadData[], names: Iterable<string>, setFor: (name: string, file: string) => boolean, index: RepoIndex): EnvReadData[] {
  const out: EnvReadData[] = [];
  const withPrefix = copies.filter((c) => c.prefix);
  if (withPrefix.length === 0) return out;
  for (const name of names) {
    for (const c of withPrefix) {
      if (!name.startsWith(c.prefix!) || name === c.prefix || !setFor(name, c.file)) continue;
      // The copy copes with anything: whether the variable is required is the schema's business, not known here.
      out.push({ name, file: c.file, package: index.packageOf(c.file)?.name ?? '', lines: [c.line], via: 'prefix', builtin: false, hasFallback: true });
    }
  }
  return out;
}
