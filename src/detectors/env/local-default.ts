/**
 * `parseNumberOr(process.env.X, 3)` where the same file defines `const parseNumberOr = (value, fallback) => … ?
 * parsed : fallback`: a local helper that can return the argument given after the read is a default for it. Only a
 * helper whose body is seen here counts (a name alone proves nothing: `path.join(env.HOME, '.cfg')`,
 * `Buffer.from(env.KEY, 'base64')` pass a literal too), so the rule can only turn "no fallback" into "fallback" where
 * the code shows one.
 */
import { ts } from '../../scan/ts.js';
import { isDefaultValue, skipParens } from './read-shapes.js';

export function localHelperDefault(call: ts.CallExpression, read: ts.Node): boolean {
  if (call.arguments[0] !== read || call.arguments.length < 2 || !ts.isIdentifier(call.expression)) return false;
  const fn = topLevelFunction(call.getSourceFile(), call.expression.text);
  if (!fn) return false;
  for (let i = 1; i < Math.min(fn.parameters.length, call.arguments.length); i++) {
    const p = fn.parameters[i];
    if (!ts.isIdentifier(p.name) || !isDefaultValue(call.arguments[i])) continue;
    if (returnsParam(fn, p.name.text)) return true;
  }
  return false;
}

type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** `function f(…)` or `const f = (…) => …` / `function (…)` at the file's top level. */
function topLevelFunction(sf: ts.SourceFile, name: string): Fn | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name && st.body) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer && skipParens(d.initializer);
      if (ts.isIdentifier(d.name) && d.name.text === name && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return init;
    }
  }
  return undefined;
}

/** Some `return` of the function (or its expression body) can be the parameter itself. */
function returnsParam(fn: Fn, name: string): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return mayBe(body, name);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression && mayBe(n.expression, name)) found = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** `fallback`, `ok ? parsed : fallback`, `parsed ?? fallback`, `value || fallback`. */
function mayBe(expr: ts.Expression, name: string): boolean {
  const e = skipParens(expr);
  if (ts.isIdentifier(e)) return e.text === name;
  if (ts.isConditionalExpression(e)) return mayBe(e.whenTrue, name) || mayBe(e.whenFalse, name);
  const op = ts.isBinaryExpression(e) ? e.operatorToken.kind : undefined;
  if (ts.isBinaryExpression(e) && (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)) return mayBe(e.right, name);
  return false;
}
