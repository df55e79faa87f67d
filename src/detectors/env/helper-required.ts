/**
 * Whether an env helper fails when the variable is unset: `getEnv(name)` whose body checks the value it read from
 * `process.env[name]` and throws or exits (`if (!value) throw …`, `invariant(value)`), or records the failure in a
 * module-level flag the module then throws on (`ok = false` … `if (!ok) throw …`). A call to it without a fallback
 * argument is then a required read, not "the code gets undefined".
 */
import { lastName } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';

export function failsWhenUnset(access: ts.Expression, fn: ts.Node | undefined): boolean {
  if (!fn || !ts.isFunctionLike(fn)) return false;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  // What holds the value: the read itself, and the variable it initialises (`const value = process.env[key]`).
  const holders = new Set([access.getText()]);
  let n: ts.Node = access;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  if (ts.isVariableDeclaration(n.parent) && n.parent.initializer === n && ts.isIdentifier(n.parent.name)) holders.add(n.parent.name.text);
  let fails = false;
  walk(body, (x) => {
    if (fails) return false;
    if (ts.isCallExpression(x) && /^(invariant|assert|ok|strict)$/.test(lastName(x.expression) ?? '') && x.arguments[0] && holders.has(x.arguments[0].getText())) fails = true;
    else if (ts.isIfStatement(x) && testsUnset(x.expression, holders) && stops(x.thenStatement, access.getSourceFile())) fails = true;
    return fails ? false : undefined;
  });
  return fails;
}

/** `!value`, `value === undefined`, `value == null`, alone or in an `&&`/`||` chain. */
function testsUnset(cond: ts.Expression, holders: ReadonlySet<string>): boolean {
  let c = cond;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return holders.has(unwrap(c.operand).getText());
  if (!ts.isBinaryExpression(c)) return false;
  const op = c.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return testsUnset(c.left, holders) || testsUnset(c.right, holders);
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const empty = (e: ts.Expression) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
  return (holders.has(c.left.getText()) && empty(c.right)) || (holders.has(c.right.getText()) && empty(c.left));
}

/** The branch throws or exits, or sets a module-level flag that a module-level `if` throws on. */
function stops(branch: ts.Statement, sf: ts.SourceFile): boolean {
  const flags: string[] = [];
  walk(branch, (x) => {
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(x.left)) flags.push(x.left.text);
  });
  return throwsOrExits(branch, sf) || flags.some((f) => flagThrows(sf, f));
}

/** `walk` visits children only: a bare `throw` branch is checked itself. */
function throwsOrExits(st: ts.Statement, sf: ts.SourceFile): boolean {
  let found = ts.isThrowStatement(st);
  walk(st, (x) => {
    if (ts.isThrowStatement(x) || (ts.isCallExpression(x) && /^process\.exit$/.test(x.expression.getText(sf)))) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** `let ok = true` at module level, and a module-level `if (!ok) throw …` (or `if (failed) process.exit(1)`). */
function flagThrows(sf: ts.SourceFile, flag: string): boolean {
  const declared = sf.statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === flag));
  if (!declared) return false;
  return sf.statements.some((st) => {
    if (!ts.isIfStatement(st)) return false;
    const cond = unwrap(st.expression);
    const names = ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken ? unwrap(cond.operand).getText(sf) : cond.getText(sf);
    return names === flag && throwsOrExits(st.thenStatement, sf);
  });
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  return x;
}
