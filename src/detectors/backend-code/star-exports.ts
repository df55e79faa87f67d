/**
 * A utilities barrel's `export * from './x'` lines: the names they pass on are the module's exports too. They are
 * read from the re-exported module's text (no parse), a few hops deep; a module that is itself a shared library
 * keeps its names in its own row, so they are not repeated here. `export * as ns from './x'` exports `ns`.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { codeOnly, exportedNamesFromText } from '../shared/text-scan.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isSharedLibPath } from './modules.js';

const STAR = /(?:^|;)[ \t]*export\s+(type\s+)?\*\s*(?:as\s+([\w$]+)\s*)?from\s*(['"])([^'"\n]+)\3/gm;

export function withStarExports(index: RepoIndex, file: string, text: string, names: readonly string[], depth = 0): string[] {
  if (!text.includes('*')) return [...names];
  const out = new Set(names);
  // Specifiers are blanked out of `codeOnly`'s text: find the lines there (not in comments), read them from the original.
  const code = codeOnly(text);
  for (const m of code.matchAll(STAR)) {
    if (m[1]) continue; // `export type * from`: types, not values
    if (m[2]) {
      out.add(m[2]);
      continue;
    }
    const line = text.slice(m.index, m.index + m[0].length);
    const spec = /(['"])([^'"\n]+)\1/.exec(line)?.[2];
    const target = spec ? moduleResolver(index).resolve(file, spec) : undefined;
    if (!target || depth > 3 || (isSharedLibPath(target) && target !== file)) continue;
    const targetText = index.read(target) ?? '';
    // `export *` never passes on a default export.
    for (const name of withStarExports(index, target, targetText, exportedNamesFromText(targetText), depth + 1)) if (name !== 'default') out.add(name);
  }
  return [...out].sort();
}
