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
  const rows: KeyComponentData[] = [];
  for (const [file, edges] of graph.importers) {
    if (!COMPONENT_FILE.test(file) || NOT_COMPONENT.test(file)) continue;
    const sf = index.parse(file);
    const types = new Set((sf?.statements ?? []).filter((s) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)).map((s) => (s as ts.InterfaceDeclaration).name.text));
    const names = new Set(edges.flatMap((e) => e.names).filter((n) => /^[A-Z]/.test(n) && !/(Context|Provider)$/.test(n) && !types.has(n)));
    if (names.size === 0) continue;
    const name = [...names].sort()[0];
    const usedBy = new Set(edges.map((e) => e.from)).size;
    if (usedBy < 2) continue;
    const line = sf ? followExport(index, file, name, 0).line ?? followExport(index, file, 'default', 0).line : undefined;
    const sorted = [...names].sort();
    const label = sorted.length > 3 ? `${sorted.slice(0, 3).join(', ')} (+${sorted.length - 3})` : sorted.join(', ');
    rows.push({ app: appDir, name: label, file, line, usedBy });
  }
  rows.sort((a, b) => b.usedBy - a.usedBy || (a.file < b.file ? -1 : 1));
  return rows.slice(0, limit);
}

