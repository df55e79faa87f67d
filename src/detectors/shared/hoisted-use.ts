/**
 * A framework package hoisted to the root package.json (`WorkspacePackage.hoisted`) is credited to a folder because
 * the folder has the framework's config file. A `vite.config.ts` says nothing about the UI library, though: a Chrome
 * extension's background script built with Vite imports no React. For UI libraries the folder's own source must
 * import the library before the root's declaration counts for it.
 */
import { allDependencies, type WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';

// The import (or require) of the library, or a file only it compiles.
const USES: Readonly<Record<string, { words: readonly string[]; text: RegExp; file?: RegExp }>> = {
  react: { words: ['react'], text: /(?:from\s*|require\(\s*|import\s*)['"]react(?:-dom)?(?:\/[\w/-]*)?['"]/ },
  'react-dom': { words: ['react'], text: /(?:from\s*|require\(\s*|import\s*)['"]react(?:-dom)?(?:\/[\w/-]*)?['"]/ },
  vue: { words: ['vue'], text: /(?:from\s*|require\(\s*)['"]vue['"]/, file: /\.vue$/ },
  svelte: { words: ['svelte'], text: /(?:from\s*|require\(\s*)['"]svelte(?:\/[\w/-]*)?['"]/, file: /\.svelte$/ },
  'solid-js': { words: ['solid-js'], text: /(?:from\s*|require\(\s*)['"]solid-js(?:\/[\w/-]*)?['"]/ },
};

const SOURCE = /\.(tsx|jsx|ts|js|mts|mjs|cts|cjs|vue|svelte|astro|html)$/;
const cache = new WeakMap<RepoIndex, Map<string, boolean>>();

/** False only for a UI library that the package has from the root alone and that none of its source files imports. */
export function usesHoisted(index: RepoIndex, pkg: WorkspacePackage, name: string): boolean {
  const use = USES[name];
  if (!use || !(name in (pkg.hoisted ?? {})) || name in allDependencies(pkg.manifest)) return true;
  let byPkg = cache.get(index);
  if (!byPkg) cache.set(index, (byPkg = new Map()));
  const key = `${pkg.dir}\0${name}`;
  const cached = byPkg.get(key);
  if (cached !== undefined) return cached;
  let found = false;
  for (const file of index.filesUnder(pkg.dir)) {
    if (!SOURCE.test(file) || /(^|\/)(node_modules|dist|build|out|coverage)\//.test(file)) continue;
    if (use.file?.test(file)) {
      found = (index.packageOf(file)?.dir ?? '') === pkg.dir;
      if (found) break;
      continue;
    }
    const text = index.read(file);
    if (!text || !use.words.some((w) => text.includes(w)) || !use.text.test(text)) continue;
    if ((index.packageOf(file)?.dir ?? '') !== pkg.dir) continue;
    found = true;
    break;
  }
  byPkg.set(key, found);
  return found;
}
