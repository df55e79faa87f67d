/**
 * `parseNumberOr(process.env.X, 3)` where the same file defines `const parseNumberOr = (value, fallback) => … ?
 * parsed : fallback`: a local helper that can return the argument given after the read is a default for it. Only a
 * helper whose body is seen here counts (a name alone proves nothing: `path.join(env.HOME, '.cfg')`,
 * `Buffer.from(env.KEY, 'base64')` pass a literal too), so the rule can only turn "no fallback" into "fallback" where
 * the code shows one.
 */
import { ts, walk } from '../../scan/ts.js';
import { onFirstUse } from '../../scan/lazy-ts.js';
import { isDefaultValue, skipParens } from './read-shapes.js';
import { fails } from './unset-check.js';

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

/** How deep calls of calls are followed (`a(process.env.X)` → `b(value)` → …). */
let paramDepth = 0;

/**
 * `createMetadataBase(process.env.A ?? process.env.B, 'http://localhost')`, `parseLogLevel(env.LOG_LEVEL)`: the read (or
 * the `??`/`||` chain it ends) is passed to a function of this file whose parameter copes with `undefined` — a default
 * parameter (`value = 'x'`), or every use of it does (`value ?? fallback`, `switch (value) { … default: … }`). `copes` is
 * hasFallback, asked of each use in the function's body.
 */
export function passedToCopingParam(read: ts.Node, copes: (use: ts.Node) => boolean): boolean {
  let arg: ts.Node = read;
  while (ts.isBinaryExpression(arg.parent) && arg.parent.right === arg && FALLBACK_KINDS().has(arg.parent.operatorToken.kind)) arg = arg.parent;
  while (ts.isParenthesizedExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return false;
  const i = call.arguments.indexOf(arg as ts.Expression);
  if (i < 0 || paramDepth >= 2) return false;
  const fn = topLevelFunction(call.getSourceFile(), call.expression.text);
  const param = fn?.parameters[i];
  if (!fn || !param || param.dotDotDotToken || !ts.isIdentifier(param.name)) return false;
  if (param.initializer && isDefaultValue(param.initializer)) return true;
  paramDepth++;
  try {
    return everyParamUseCopes(fn, param.name.text, copes);
  } finally {
    paramDepth--;
  }
}

/** `??` and `||`, made on first use: reading `ts.SyntaxKind` at import would load the compiler before step 1 (lazy-ts.ts). */
const FALLBACK_KINDS = onFirstUse(() => new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]));

/** At least one use of the parameter in the body, and each copes; a reassignment or a shadowing name makes it unsure. */
function everyParamUseCopes(fn: Fn, name: string, copes: (use: ts.Node) => boolean): boolean {
  if (!fn.body) return false;
  let uses = 0;
  let ok = true;
  walk(fn.body, (n) => {
    if (!ok) return false;
    if (!ts.isIdentifier(n) || n.text !== name) return undefined;
    const p = n.parent;
    if ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n)) return undefined;
    if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)) && p.name === n) ok = false;
    else if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) ok = false;
    else {
      uses++;
      if (!copes(n)) ok = false;
    }
    return undefined;
  });
  return ok && uses > 0;
}

/** `switch (value?.toLowerCase()) { … default: return … }`: unset reaches the default clause, which does not fail. */
export function switchDefaultCopes(n: ts.Node): boolean {
  const p = n.parent;
  if (!ts.isSwitchStatement(p) || p.expression !== n) return false;
  const clause = p.caseBlock.clauses.find(ts.isDefaultClause);
  return !!clause && !clause.statements.some(fails);
}
