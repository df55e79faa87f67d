/** Key components of an app: the component files imported by the most other files (at least two). */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { followExport } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';
import type { ImportEdge, ImportGraph } from './graph.js';

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

export function keyComponents(index: RepoIndex, appDir: string, graph: ImportGraph, limit = 12): KeyComponentData[] {
  // Rank on the import graph first; only the few top files are parsed (to drop type-only names and find the line).
  // A file counts as an importer only when it imports one of the module's components: a module that exports both a
  // hook and a component (`useFetch` and `FetchWrapperComponent`) is not "imported" as a component by the hook's users.
  const ranked = [...graph.importers]
    .filter(([file]) => COMPONENT_FILE.test(file) && !NOT_COMPONENT.test(file))
    .map(([file, edges]) => ({ file, edges, usedBy: componentImporters(edges, new Set()).size }))
    .filter((r) => r.usedBy >= 2)
    .sort(byUse)
    .slice(0, limit * 2);
  const rows: KeyComponentData[] = [];
  for (const { file, edges } of ranked) {
    const sf = index.parse(file);
    const importers = componentImporters(edges, sf ? notComponents(index, sf) : new Set());
    if (importers.size < 2) continue;
    const names = [...new Set([...importers.values()].flat())].sort();
    const exported = edges.flatMap((e) => e.imported.filter((imp, i) => shownName(e, i) === names[0]))[0] ?? names[0];
    const line = sf ? followExport(index, file, exported, 0).line ?? followExport(index, file, 'default', 0).line : undefined;
    const label = names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ');
    rows.push({ app: appDir, name: label, file, line, usedBy: importers.size });
  }
  return rows.sort(byUse).slice(0, limit);
}

const byUse = (a: { file: string; usedBy: number }, b: { file: string; usedBy: number }): number =>
  b.usedBy - a.usedBy || (a.file < b.file ? -1 : 1);

/** Capitalised exports that are no components: types, enums, plain classes, and names re-exported from a file that is no component
 * file (`export { PostComment } from './post-comment.enum'`). */
function notComponents(index: RepoIndex, sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isEnumDeclaration(st)) out.add(st.name.text);
    // A class is a component only when it extends (React.)Component or PureComponent.
    if (ts.isClassDeclaration(st) && st.name && !(st.heritageClauses ?? []).some((h) => /\b(Pure)?Component\b/.test(h.getText(sf)))) out.add(st.name.text);
    if (!ts.isExportDeclaration(st) || !st.exportClause || !ts.isNamedExports(st.exportClause) || !st.moduleSpecifier) continue;
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
    if (names.length > 0) out.set(edge.from, [...(out.get(edge.from) ?? []), ...names]);
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
