/**
 * Strings that routes are built from, read without running anything: literals, templates, local and imported
 * constants, and property chains into constant objects or enums (`paths.app.users.path`, `Routes.Home`) — the
 * common "route constants" module pattern. Unresolvable parts stay as written (`${expr}`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts } from '../../scan/ts.js';
import { propertyNameText, type StaticString } from './ast.js';
import { followExport, importsCached, localDeclaration } from './component-ref.js';
import { moduleResolver } from './resolve-module.js';

interface Located {
  readonly node: ts.Node;
  readonly sf: ts.SourceFile;
}

export function staticValue(index: RepoIndex, sf: ts.SourceFile, expr: ts.Expression | undefined, depth = 0): StaticString | undefined {
  if (!expr || depth > 12) return undefined;
  const as = (e: ts.Expression) => ({ text: `\${${e.getText(sf)}}`, resolved: false });
  if (ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr)) return { text: expr.text, resolved: true };
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) {
    return staticValue(index, sf, expr.expression, depth + 1);
  }
  if (ts.isTemplateExpression(expr)) {
    let text = expr.head.text;
    let resolved = true;
    for (const span of expr.templateSpans) {
      const part = staticValue(index, sf, span.expression, depth + 1) ?? as(span.expression);
      text += part.text + span.literal.text;
      resolved &&= part.resolved;
    }
    return { text, resolved };
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticValue(index, sf, expr.left, depth + 1) ?? as(expr.left);
    const right = staticValue(index, sf, expr.right, depth + 1) ?? as(expr.right);
    return { text: left.text + right.text, resolved: left.resolved && right.resolved };
  }
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const found = locate(index, sf, expr, depth);
    if (found && ts.isExpression(found.node)) return staticValue(index, found.sf, found.node as ts.Expression, depth + 1);
  }
  return undefined;
}

/** The initializer an identifier or property chain stands for, in whichever file defines it. */
function locate(index: RepoIndex, sf: ts.SourceFile, expr: ts.Expression, depth: number): Located | undefined {
  if (depth > 12) return undefined;
  if (ts.isIdentifier(expr)) return declarationValue(index, sf, expr.text, depth);
  const name = ts.isPropertyAccessExpression(expr)
    ? expr.name.text
    : ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)
      ? expr.argumentExpression.text
      : undefined;
  if (!name) return undefined;
  const owner = locate(index, sf, (expr as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression, depth + 1);
  if (!owner) return undefined;
  let node = owner.node;
  while (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isObjectLiteralExpression(node)) {
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return { node: p.initializer, sf: owner.sf };
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return declarationValue(index, owner.sf, name, depth + 1);
    }
  }
  if (ts.isEnumDeclaration(node)) {
    const member = node.members.find((m) => propertyNameText(m.name) === name);
    if (member?.initializer) return { node: member.initializer, sf: owner.sf };
  }
  return undefined;
}

function declarationValue(index: RepoIndex, sf: ts.SourceFile, name: string, depth: number): Located | undefined {
  const local = localDeclaration(sf, name) ?? sf.statements.find((s) => ts.isEnumDeclaration(s) && s.name.text === name);
  if (local) {
    // Only a `const`: a `let` may be reassigned before the route is built.
    if (ts.isVariableDeclaration(local) && local.initializer && ts.isVariableDeclarationList(local.parent) && local.parent.flags & ts.NodeFlags.Const) return { node: local.initializer, sf };
    if (ts.isEnumDeclaration(local)) return { node: local, sf };
    return undefined;
  }
  const binding = importsCached(sf).get(name);
  if (!binding || binding.imported === '*' || depth > 10) return undefined;
  const target = moduleResolver(index).resolve(sf.fileName, binding.module);
  if (!target) return undefined;
  const defined = followExport(index, target, binding.imported, 0);
  const other = index.parse(defined.file);
  if (!other) return undefined;
  const exportedName = binding.imported === 'default' ? undefined : binding.imported;
  return exportedName ? declarationValue(index, other, exportedName, depth + 1) : undefined;
}
