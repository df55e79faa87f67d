/** The import graph of one app's source files (resolved to repository files), built once per index and app. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, ts } from '../../scan/ts.js';
import { importsCached } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface ImportEdge {
  readonly from: string;
  /** Local names bound by the import (`Button`, `default` → its local name). */
  readonly names: readonly string[];
}

export interface ImportGraph {
  /** Imported file → who imports it and under which local names. */
  readonly importers: ReadonlyMap<string, readonly ImportEdge[]>;
}

const graphs = new WeakMap<RepoIndex, Map<string, ImportGraph>>();

export function importGraph(index: RepoIndex, appDir: string, files: readonly string[]): ImportGraph {
  let byApp = graphs.get(index);
  if (!byApp) {
    byApp = new Map();
    graphs.set(index, byApp);
  }
  const cached = byApp.get(appDir);
  if (cached) return cached;
  const resolver = moduleResolver(index);
  const importers = new Map<string, ImportEdge[]>();
  for (const file of files) {
    if (!isSourceFile(file) || /\.(test|spec|stories)\.[jt]sx?$/.test(file)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const byTarget = new Map<string, string[]>();
    const typeOnly = typeOnlyNames(sf);
    for (const [local, binding] of importsCached(sf)) {
      if (typeOnly.has(local)) continue;
      if (/^(react|react-dom|next|@?tanstack|@types)(\/|$)/.test(binding.module)) continue;
      const target = resolver.resolve(file, binding.module);
      if (!target || target === file) continue;
      byTarget.set(target, [...(byTarget.get(target) ?? []), local]);
    }
    for (const [target, names] of byTarget) {
      const list = importers.get(target);
      const edge = { from: file, names };
      if (list) list.push(edge);
      else importers.set(target, [edge]);
    }
  }
  const graph = { importers };
  byApp.set(appDir, graph);
  return graph;
}

/** Names bound by `import type {…}` or `import { type X }`: types, not components or modules in use. */
function typeOnlyNames(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause) continue;
    const clause = st.importClause;
    const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
    if (clause.isTypeOnly) {
      if (clause.name) out.add(clause.name.text);
      for (const el of named) out.add(el.name.text);
    } else for (const el of named) if (el.isTypeOnly) out.add(el.name.text);
  }
  return out;
}
