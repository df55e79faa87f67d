/**
 * How a route array is built when it is not a plain literal: `[…].filter(Boolean)`, `[…].flatMap((r) => (r ? [r] : []))`
 * (dropping the `null` entries of `cond ? {…} : null`), and entries or spreads that exist only when a condition holds.
 * Anything else is left to the reader to report as not read, so the route count is never quietly too small.
 */
import { ts } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';

/**
 * The array a call only filters: `X.filter(…)` (a subset of the same entries: reading them all over-reports only
 * entries the code may hide, as for mapped JSX routes), or `X.flatMap(cb)` whose callback keeps each entry or drops a
 * null one. Undefined for any other call.
 */
export function filteredArray(node: ts.Expression): ts.Expression | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const method = node.expression.name.text;
  if (method === 'filter') return node.expression.expression;
  if (method === 'flatMap' && keepsEntry(node.arguments[0])) return node.expression.expression;
  return undefined;
}

/** `(r) => r`, `(r) => [r]`, `(r) => (r ? [r] : [])`, `(r) => (r !== null ? [r] : [])` and the same with `return`. */
function keepsEntry(fn: ts.Expression | undefined): boolean {
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters.length !== 1) return false;
  const param = fn.parameters[0].name;
  if (!ts.isIdentifier(param)) return false;
  let body: ts.Node = fn.body;
  if (ts.isBlock(body)) {
    if (body.statements.length !== 1 || !ts.isReturnStatement(body.statements[0]) || !body.statements[0].expression) return false;
    body = body.statements[0].expression;
  }
  const p = param.text.replace(/\$/g, '\\$');
  const text = body.getText().replace(/\s+/g, '').replace(/^\((.*)\)$/, '$1');
  const kept = `(${p}|\\[${p}\\])`;
  const test = `(${p}|!!${p}|Boolean\\(${p}\\)|${p}!==?(null|undefined)|\\(${p}!==?(null|undefined)\\))`;
  return new RegExp(`^(${kept}|${test}\\?\\[${p}\\]:\\[\\])$`).test(text);
}

/** A `cond ? a : b` or `cond && a` entry: its branches, each with the condition under which it exists. */
export function branches(node: ts.Expression, sf: ts.SourceFile): { expr: ts.Expression; when: string }[] | undefined {
  const text = (e: ts.Expression) => clip(e.getText(sf).replace(/\s+/g, ' '), 48);
  if (ts.isConditionalExpression(node)) {
    const cond = text(node.condition);
    const negated = ts.isIdentifier(node.condition) || ts.isPropertyAccessExpression(node.condition) ? `!${cond}` : `!(${cond})`;
    return [
      { expr: node.whenTrue, when: `when ${cond}` },
      { expr: node.whenFalse, when: `when ${negated}` },
    ];
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return [{ expr: node.right, when: `when ${text(node.left)}` }];
  }
  return undefined;
}

/** `null`, `undefined`, `false` or `[]`: an entry or spread that adds no route. */
export function isNothing(node: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isIdentifier(node) && node.text === 'undefined') return true;
  return ts.isArrayLiteralExpression(node) && node.elements.length === 0;
}
