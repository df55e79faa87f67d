/** Key components of an app: the component files imported by the most other files (at least two). */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { defaultExportName, followExport } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';
import type { ImportEdge, ImportGraph } from './graph.js';
import { pushTo } from '../../collections.js';

export interface KeyComponentData {
  readonly app: string;
  readonly name: string;
  readonly file: string;
  readonly line?: number;
  /** Distinct files importing it. */
  readonly usedBy: number;
}

const COMPONENT_FILE = /\.(tsx|jsx|vue|svelte)$/;
const NOT_COMPONENT = /(^|\/)(app|pages|routes)\/.*(page|layout|route|_app|_document)\.[jt]sx$|\.(test|spec|stories)\.[jt]sx$/;

const BARREL = /(^|\/)index\.[jt]sx?$/;

export function keyComponents(index: RepoIndex, appDir: string, graph: ImportGraph, limit = 12): KeyComponentData[] {
  // Rank on the import graph first; only the few top files are parsed (to drop type-only names and find the line).
  // A file counts as an importer only when it imports one of the module's components: a module that exports both a
  // hook and a component (`useFetch` and `FetchWrapperComponent`) is not "imported" as a component by the hook's users.
  // Barrels (`index.ts` of `export { Button } from './Button'`) are ranked too, then each name is credited to the file
  // that defines it: a row cites the component's definition, never the barrel it passed through.
  const ranked = [...graph.importers]
    .filter(([file]) => (COMPONENT_FILE.test(file) || BARREL.test(file)) && !NOT_COMPONENT.test(file))
    .map(([file, edges]) => ({ file, edges, usedBy: componentImporters(edges, new Set()).size }))
    .filter((r) => r.usedBy >= 2)
    .sort(byUse)
    .slice(0, limit * 2);
  const defs = new Map<string, { names: Map<string, Set<string>>; importers: Set<string>; lines: Map<string, number | undefined>; defaultName?: string }>();
  const credit = (file: string, edges: readonly ImportEdge[]) => {
    const sf = index.parse(file);
    if (!sf) return;
    const types = notComponents(index, sf);
    for (const edge of edges) {
      edge.imported.forEach((exported, i) => {
        const shown = shownName(edge, i);
        if (!isComponentName(shown) || types.has(exported) || exported === '*') return;
        const found = followExport(index, file, exported, 0);
        const home = found.line !== undefined ? found.file : file;
        if (!COMPONENT_FILE.test(home) || NOT_COMPONENT.test(home)) return;
        // A default export is known by its importers' local names; a named one by its own name.
        const key = exported === 'default' ? 'default' : exported;
        let def = defs.get(home);
        if (!def) defs.set(home, (def = { names: new Map(), importers: new Set(), lines: new Map() }));
        if (!def.names.has(key)) def.names.set(key, new Set());
        def.names.get(key)!.add(`${edge.from}\u0000${shown}`);
        def.importers.add(edge.from);
        def.lines.set(key, found.line);
        if (key === 'default') def.defaultName ??= defaultExportName(index, found.line !== undefined ? found.file : file);
      });
    }
  };
  for (const { file, edges } of ranked) credit(file, edges);
  // A component reached through a barrel may also be imported directly by a few files: they count too.
  const done = new Set(ranked.map((r) => r.file));
  for (const home of [...defs.keys()]) if (!done.has(home)) credit(home, graph.importers.get(home) ?? []);
  const rows: KeyComponentData[] = [];
  for (const [file, def] of defs) {
    if (def.importers.size < 2) continue;
    const shown = [...def.names.keys()].map((key) => ({ key, name: key === 'default' ? usualName(def.names.get(key)!, def.defaultName) : key }));
    shown.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = shown.map((n) => n.name);
    const label = names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ');
    rows.push({ app: appDir, name: label, file, line: def.lines.get(shown[0].key), usedBy: def.importers.size });
  }
  return rows.sort(byUse).slice(0, limit);
}

/**
 * The name most importers give a default export (`import Navigation from './Nav'` in most files): the one a reader
 * searching the code will meet. On a tie, the name it is declared under (`const Nav = …; export default Nav`) when
 * importers use it, else the first in order.
 */
function usualName(uses: ReadonlySet<string>, declared: string | undefined): string {
  const counts = new Map<string, number>();
  for (const use of uses) {
    const name = use.slice(use.indexOf('\u0000') + 1);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const best = Math.max(...counts.values());
  const top = [...counts].filter(([, n]) => n === best).map(([name]) => name).sort();
  return declared && top.includes(declared) ? declared : top[0];
}

const byUse = (a: { file: string; usedBy: number }, b: { file: string; usedBy: number }): number =>
  b.usedBy - a.usedBy || (a.file < b.file ? -1 : 1);

/** Capitalised exports that are no components: types (declared or exported type-only), enums, plain classes, and names
 * re-exported from a file that is no component file (`export { PostComment } from './post-comment.enum'`). */
function notComponents(index: RepoIndex, sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) out.add(st.name.text);
    // A class is a component only when it extends (React.)Component or PureComponent.
    if (ts.isClassDeclaration(st) && st.name && !(st.heritageClauses ?? []).some((h) => /\b(Pure)?Component\b/.test(h.getText(sf)))) out.add(st.name.text);
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
    // `export type { ErrorMessages }`, `export { type Props }`: a type-only export is never a component.
    for (const el of st.exportClause.elements) if (st.isTypeOnly || el.isTypeOnly) out.add(el.name.text);
    if (!st.moduleSpecifier) continue;
    if (!ts.isStringLiteralLike(st.moduleSpecifier)) continue;
    const target = moduleResolver(index).resolve(sf.fileName, st.moduleSpecifier.text);
    if (target && !COMPONENT_FILE.test(target)) for (const el of st.exportClause.elements) out.add(el.name.text);
  }
  return out;
}

/** Importing file → the component names it takes from the module (types left out). */
function componentImporters(edges: readonly ImportEdge[], types: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const edge of edges) {
    const names = edge.imported.flatMap((imp, i) => (isComponentName(shownName(edge, i)) && !types.has(imp) ? [shownName(edge, i)] : []));
    if (names.length > 0) pushTo(out, edge.from, ...names);
  }
  return out;
}

/** The name a binding is known by: the export's own name, or the local name of a default or namespace import. */
function shownName(edge: ImportEdge, i: number): string {
  const imported = edge.imported[i];
  return imported === 'default' || imported === '*' ? edge.names[i] : imported;
}

function isComponentName(name: string): boolean {
  // Capitalised but no component: constants (`MAX_UPLOAD_SIZE`) and validation schemas (`NoteEditorSchema`).
  return /^[A-Z]/.test(name) && !/(Context|Provider|Schema)$/.test(name) && !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name);
}
