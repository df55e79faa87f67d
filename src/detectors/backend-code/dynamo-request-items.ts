/**
 * Tables a batch request names by assignment rather than in its literal: `var query = {}; query[TABLE] = {…};
 * send(new BatchGetCommand({ RequestItems: query }))`, or `const op = { RequestItems: {} }; op.RequestItems[TABLE] =
 * …`. The keys assigned in the function around the call are its tables.
 */
import { ts } from '../../scan/ts.js';

/**
 * The key expressions assigned into a batch's `RequestItems` object (`items`), found in the function around `at`:
 * `<variable>[key] = …` for the variable holding it, and `<params variable>.RequestItems[key] = …`.
 */
export function assignedRequestItems(items: ts.ObjectLiteralExpression, params: ts.ObjectLiteralExpression, at: ts.Node): ts.Expression[] {
  const targets = new Set<string>();
  const nameOf = (literal: ts.ObjectLiteralExpression) => {
    const p = literal.parent;
    return p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : undefined;
  };
  const itemsName = nameOf(items);
  if (itemsName) targets.add(itemsName);
  const paramsName = nameOf(params);
  if (paramsName) targets.add(`${paramsName}.RequestItems`);
  if (targets.size === 0) return [];
  let scope: ts.Node = at;
  while (scope.parent && !ts.isFunctionLike(scope)) scope = scope.parent;
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left)) {
      const owner = n.left.expression.getText().replace(/\s+/g, '').replace(/\[['"]RequestItems['"]\]$/, '.RequestItems');
      if (targets.has(owner)) out.push(n.left.argumentExpression);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}
