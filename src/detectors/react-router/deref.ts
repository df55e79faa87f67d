/** Where a route array or object passed by name is defined: a const of this file, or an exported const of a module. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { followExport, importsCached, localDeclaration } from '../shared/component-ref.js';
import { moduleResolver } from '../shared/resolve-module.js';

/** An identifier's value: a const of this file, or an exported const (or default export) of the module it is imported from. */
export function derefValue(index: RepoIndex, expr: ts.Expression | undefined, sf: ts.SourceFile, depth = 0): { node: ts.Expression; sf: ts.SourceFile } | undefined {
  if (!expr || depth > 4) return undefined;
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) {
    return derefValue(index, expr.expression, sf, depth);
  }
  if (!ts.isIdentifier(expr)) return { node: expr, sf };
  const local = localDeclaration(sf, expr.text);
  if (local && ts.isVariableDeclaration(local) && local.initializer) return derefValue(index, local.initializer, sf, depth + 1);
  const binding = importsCached(sf).get(expr.text);
  if (!binding) return undefined;
  const target = moduleResolver(index).resolve(sf.fileName, binding.module);
  if (!target) return undefined;
  const defined = followExport(index, target, binding.imported, 0);
  const targetSf = index.parse(defined.file);
  if (!targetSf) return undefined;
  // `export default { list: DealList }`: the exported value itself.
  const inline =
    binding.imported === 'default'
      ? targetSf.statements.find((st): st is ts.ExportAssignment => ts.isExportAssignment(st) && !st.isExportEquals && !ts.isIdentifier(st.expression))
      : undefined;
  if (inline) return derefValue(index, inline.expression, targetSf, depth + 1);
  const name = binding.imported === 'default' ? defaultExportName(targetSf) : binding.imported;
  const decl = name ? localDeclaration(targetSf, name) : undefined;
  return decl && ts.isVariableDeclaration(decl) && decl.initializer ? derefValue(index, decl.initializer, targetSf, depth + 1) : undefined;
}

function defaultExportName(sf: ts.SourceFile): string | undefined {
  for (const st of sf.statements) if (ts.isExportAssignment(st) && ts.isIdentifier(st.expression)) return st.expression.text;
  return undefined;
}
