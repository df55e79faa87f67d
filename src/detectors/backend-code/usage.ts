/** Who uses an exported function: files that import it (resolved to its defining file) and mention it again. */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { ts } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { moduleResolver } from '../shared/resolve-module.js';

interface Importer {
  readonly file: string;
  readonly module: string;
}

/**
 * The import bindings of one file, memoised (and kept across runs). A caller that holds the file's tree passes it, so
 * that the tree need not be parsed again once it is dropped.
 */
export function importBindings(index: RepoIndex, file: string, tree?: ts.SourceFile) {
  return index.memo('imports@1', file, () => {
    const sf = tree ?? index.parse(file);
    return sf ? [...importsOf(sf).values()] : [];
  });
}

/** Which files `importBindings` reads: the others cannot import anything. */
export function mayImport(text: string): boolean {
  return text.includes('import') || text.includes('require');
}

/**
 * Imported name → the files (of one file list) that import it. Built once per index and list, so asking about every
 * middleware and error mapping of a 20,000-file monorepo costs one pass over the files instead of one per name.
 */
const importerTables = new WeakMap<RepoIndex, WeakMap<readonly string[], Map<string, Importer[]>>>();

function importerTable(index: RepoIndex, files: readonly string[]): Map<string, Importer[]> {
  let byList = importerTables.get(index);
  if (!byList) importerTables.set(index, (byList = new WeakMap()));
  let table = byList.get(files);
  if (table) return table;
  table = new Map();
  for (const file of files) {
    const text = index.read(file);
    if (!text || !mayImport(text)) continue;
    for (const binding of importBindings(index, file) ?? []) {
      const list = table.get(binding.imported);
      if (list) list.push({ file, module: binding.module });
      else table.set(binding.imported, [{ file, module: binding.module }]);
    }
  }
  byList.set(files, table);
  return table;
}

/** Per name: defining file → its importers (each importer resolved once per name, not once per definition). */
const byTargetCache = new WeakMap<Map<string, Importer[]>, Map<string, Map<string, string[]>>>();

export function importersOf(index: RepoIndex, files: readonly string[], definingFile: string, name: string): string[] {
  const direct = importersByName(index, files, definingFile, name, name);
  // `const auth = require('./auth')` takes the whole module: it is this name when the module exports only it.
  if (!new RegExp(`(module\\.exports\\s*=|export default)\\s*${name}\\b`).test(index.read(definingFile) ?? '')) return direct;
  const whole = ['*', 'default'].flatMap((imported) => importersByName(index, files, definingFile, imported, undefined));
  return [...new Set([...direct, ...whole])].sort();
}

function importersByName(
  index: RepoIndex,
  files: readonly string[],
  definingFile: string,
  name: string,
  mentioned: string | undefined,
): string[] {
  const table = importerTable(index, files);
  let byName = byTargetCache.get(table);
  if (!byName) byTargetCache.set(table, (byName = new Map()));
  let byTarget = byName.get(name);
  if (!byTarget) {
    byTarget = new Map();
    const resolver = moduleResolver(index);
    for (const { file, module } of table.get(name) ?? []) {
      if (mentioned !== undefined && !index.read(file)?.includes(mentioned)) continue;
      const target = resolver.resolve(file, module);
      if (target === undefined) continue;
      const list = byTarget.get(target);
      if (!list) byTarget.set(target, [file]);
      else if (list.at(-1) !== file) list.push(file);
    }
    byName.set(name, byTarget);
  }
  return [...new Set(byTarget.get(definingFile) ?? [])].filter((f) => f !== definingFile).sort();
}
