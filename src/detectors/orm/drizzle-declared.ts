/**
 * Where a name used in a Drizzle schema file is declared (in the file, or the repository module it is imported from):
 * lets the table reader follow `...timestamps()` and `id.type()` helpers of a sibling `schema-utils.ts`.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { importsOf } from '../shared/ast.js';
import { followExport, localDeclaration } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface Declaration {
  readonly node: ts.Node;
  readonly sf: ts.SourceFile;
}

/** A top-level declaration of `name` as `sf` sees it; undefined when it is a package's or not found. */
export type Declared = (sf: ts.SourceFile, name: string) => Declaration | undefined;

export function declaredIn(index: RepoIndex): Declared {
  return (sf, name) => {
    const binding = importsOf(sf).get(name);
    if (!binding) {
      const node = localDeclaration(sf, name);
      return node ? { node, sf } : undefined;
    }
    if (binding.imported === '*' || binding.imported === 'default') return undefined;
    const target = moduleResolver(index).resolve(sf.fileName, binding.module);
    if (!target) return undefined;
    const at = followExport(index, target, binding.imported, 0);
    const tsf = index.parse(at.file);
    if (!tsf) return undefined;
    const node = localDeclaration(tsf, binding.imported);
    return node && (at.line === undefined || lineOf(node, tsf) === at.line) ? { node, sf: tsf } : undefined;
  };
}
