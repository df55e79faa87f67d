/** Key components of an app: the component files imported by the most other files (at least two). */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { followExport } from '../shared/component-ref.js';
import type { ImportGraph } from './graph.js';

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
  const ranked = [...graph.importers]
    .filter(([file, edges]) => COMPONENT_FILE.test(file) && !NOT_COMPONENT.test(file) && edges.some((e) => e.names.some(isComponentName)))
    .map(([file, edges]) => ({ file, edges, usedBy: new Set(edges.map((e) => e.from)).size }))
    .filter((r) => r.usedBy >= 2)
    .sort((a, b) => b.usedBy - a.usedBy || (a.file < b.file ? -1 : 1))
    .slice(0, limit * 2);
  const rows: KeyComponentData[] = [];
  for (const { file, edges, usedBy } of ranked) {
    const sf = index.parse(file);
    const types = new Set((sf?.statements ?? []).filter((s) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)).map((s) => (s as ts.InterfaceDeclaration).name.text));
    const names = [...new Set(edges.flatMap((e) => e.names).filter((n) => isComponentName(n) && !types.has(n)))].sort();
    if (names.length === 0) continue;
    const line = sf ? followExport(index, file, names[0], 0).line ?? followExport(index, file, 'default', 0).line : undefined;
    const label = names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ');
    rows.push({ app: appDir, name: label, file, line, usedBy });
    if (rows.length === limit) break;
  }
  return rows;
}

function isComponentName(name: string): boolean {
  return /^[A-Z]/.test(name) && !/(Context|Provider)$/.test(name);
}
