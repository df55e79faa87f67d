/** The import graph of one app's source files (resolved to repository files), built once per index and app. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { posix } from 'node:path';
import { isSourceFile } from '../../scan/ts.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface ImportEdge {
  readonly from: string;
  /** Local names bound by the import (`Button`, `default` → its local name). */
  readonly names: readonly string[];
  /** The exported names those bindings take, in the same order: `default` for a default import, `*` for a namespace. */
  readonly imported: readonly string[];
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
    const text = index.read(file);
    if (!text || !text.includes('import')) continue;
    const byTarget = new Map<string, { names: string[]; imported: string[] }>();
    for (const { module, names, imported } of importClauses(text)) {
      if (/^(react|react-dom|next|@?tanstack|@types)(\/|$)/.test(module)) continue;
      const target = resolver.resolve(file, module);
      if (!target || target === file) continue;
      const prior = byTarget.get(target) ?? { names: [], imported: [] };
      byTarget.set(target, { names: [...prior.names, ...names], imported: [...prior.imported, ...imported] });
    }
    for (const [target, { names, imported }] of byTarget) {
      const list = importers.get(target);
      const edge = { from: file, names, imported };
      if (list) list.push(edge);
      else importers.set(target, [edge]);
    }
  }
  const graph = { importers };
  byApp.set(appDir, graph);
  return graph;
}

// Import statements are matched on text rather than parsed: the graph needs every file of the app, and most of them
// no other detector parses. `import type` and `type X` specifiers bind types, not values, and are left out.
const IMPORT = /^[ \t]*import\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"\n]+)['"]/gm;

export function importClauses(text: string): { module: string; names: string[]; imported: string[] }[] {
  const out: { module: string; names: string[]; imported: string[] }[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[1]) continue;
    const clause = m[2];
    const names: string[] = [];
    const imported: string[] = [];
    const def = /^([A-Za-z_$][\w$]*)\s*(,|$)/.exec(clause);
    if (def && def[1] !== 'type') {
      names.push(def[1]);
      imported.push('default');
    }
    const ns = /\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause);
    if (ns) {
      names.push(ns[1]);
      imported.push('*');
    }
    const named = /\{([^}]*)\}/.exec(clause);
    for (const part of named ? named[1].split(',') : []) {
      const spec = part.trim();
      if (!spec || /^type\s/.test(spec)) continue;
      const alias = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(spec);
      if (!alias) continue;
      names.push(alias[2] ?? alias[1]);
      imported.push(alias[1]);
    }
    out.push({ module: m[3], names, imported });
  }
  return out;
}

/**
 * Files importing `file`, directly or through the index barrels above it (`services/base/index.ts` of
 * `export { default } from './base'`, imported as `'./base'`): re-export lines are not imports, so a module reached
 * only through its folder's barrel would otherwise look unused.
 */
export function importersThroughBarrels(index: RepoIndex, graph: ImportGraph, file: string): ImportEdge[] {
  const out = [...(graph.importers.get(file) ?? [])];
  const resolver = moduleResolver(index);
  let target = file;
  for (let dir = posix.dirname(file), hops = 0; hops < 3 && dir !== '.' && dir !== ''; dir = posix.dirname(dir), hops++) {
    const barrel = ['ts', 'tsx', 'js', 'jsx'].map((ext) => `${dir}/index.${ext}`).find((f) => f !== target && index.has(f));
    if (!barrel) break;
    const lines = [...(index.read(barrel) ?? '').matchAll(/^[ \t]*export\s+(\*|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/gm)];
    const mine = lines.filter((m) => resolver.resolve(barrel, m[2]) === target);
    if (mine.length === 0) break;
    // Names the barrel passes on from this module (`export { default as api }` → api); `*` only when it re-exports
    // nothing else, so an importer taking another module's names from the barrel is not counted.
    const names = new Set(mine.flatMap((m) => (m[1] === '*' ? ['*'] : m[1].slice(1, -1).split(',').map((p) => p.trim().split(/\s+as\s+/).pop() ?? ''))));
    const whole = names.has('*') && mine.length === lines.length;
    if (names.has('*') && !whole) break;
    const seen = new Set(out.map((e) => e.from));
    for (const edge of graph.importers.get(barrel) ?? []) {
      if (seen.has(edge.from) || edge.from === file || !(whole || edge.imported.some((n) => names.has(n)))) continue;
      out.push(edge);
    }
    target = barrel;
  }
  return out;
}
