/**
 * Project helper functions that build parts of a TypeScript configuration (`httpApiEvent('post', '/todos')`,
 * `getHandler('x.handler')`): the function a name stands for and the one expression it returns, so the config reader can
 * read that expression with the call's arguments in place of the parameters. Nothing is run.
 */
import { ts, walk } from '../../scan/ts.js';
import { constantsOf } from '../shared/ast.js';

const constantsCache = new WeakMap<ts.SourceFile, Map<string, ts.Expression>>();

/** `constantsOf` once per tree: the config reader asks for a file's constants per helper call and per import. */
export function constantsIn(sf: ts.SourceFile): Map<string, ts.Expression> {
  let found = constantsCache.get(sf);
  if (!found) constantsCache.set(sf, (found = constantsOf(sf)));
  return found;
}

export type HelperFunction = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** A function declared in the file under `name`: `function name() {}` or `const name = (…) => …`. */
export function functionIn(sf: ts.SourceFile, name: string): HelperFunction | undefined {
  for (const s of sf.statements) if (ts.isFunctionDeclaration(s) && s.name?.text === name && s.body) return s;
  let init = constantsIn(sf).get(name);
  while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init))) init = init.expression;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

/**
 * The literal the function returns: an expression body, or the one `return` of a block body (returns inside nested
 * functions do not count). Only literals that describe configuration are taken (objects, arrays, strings, templates);
 * a helper computing its value any other way is left unread.
 */
export function returnedLiteral(fn: HelperFunction): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  let expr: ts.Expression | undefined;
  if (ts.isBlock(body)) {
    const returns: (ts.Expression | undefined)[] = [];
    walk(body, (node) => {
      if (ts.isReturnStatement(node)) returns.push(node.expression);
      return !ts.isFunctionLike(node);
    });
    expr = returns.length === 1 ? returns[0] : undefined;
  } else {
    expr = body;
  }
  while (expr && (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr))) expr = expr.expression;
  if (!expr) return undefined;
  const literal = ts.isObjectLiteralExpression(expr) || ts.isArrayLiteralExpression(expr) || ts.isStringLiteralLike(expr) || ts.isTemplateExpression(expr);
  return literal ? expr : undefined;
}
