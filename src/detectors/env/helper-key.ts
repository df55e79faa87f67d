/**
 * The parameter an env helper indexes `process.env` with, seen through what leaves the name unchanged:
 * `process.env[String(key)]`, `process.env[key as string]`, `process.env[key!]`, `` process.env[`${key}`] ``,
 * `process.env[key.toString()]`. A wrapper written that way (`getEnvironmentString(key, default)`) is still a helper
 * whose calls name the variable; without this its reads were one "computed name" and its calls' names went unread.
 */
import { ts } from '../../scan/ts.js';

export function keyIdentifier(expr: ts.Expression, depth = 0): ts.Identifier | undefined {
  if (depth > 4) return undefined;
  const e = expr;
  if (ts.isIdentifier(e)) return e;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
    return keyIdentifier(e.expression, depth + 1);
  }
  // `String(key)` (one argument: a second would not be the plain conversion).
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'String' && e.arguments.length === 1) return keyIdentifier(e.arguments[0], depth + 1);
  // `key.toString()`
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString') {
    return keyIdentifier(e.expression.expression, depth + 1);
  }
  // `` `${key}` ``: one span, nothing around it.
  if (ts.isTemplateExpression(e) && e.head.text === '' && e.templateSpans.length === 1 && e.templateSpans[0].literal.text === '') {
    return keyIdentifier(e.templateSpans[0].expression, depth + 1);
  }
  return undefined;
}
