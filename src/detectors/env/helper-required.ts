/**
 * Whether an env helper fails when the variable is unset: `getEnv(name)` whose body checks the value it read from
 * `process.env[name]` and throws or exits (`if (!value) throw …`, `invariant(value)`), or records the failure in a
 * module-level flag the module then throws on (`ok = false` … `if (!ok) throw …`). The test must hold for every
 * unset value and the branch fail (unset-check.ts): `process.exit(0)` after "skipping" is no failure. A call to it without a fallback
 * argument is then a required read, not "the code gets undefined".
 */
import { lastName } from '../shared/ast.js';
import { ts, walk } from '../../scan/ts.js';
import { fails, holdsWhen, testsUnset } from './unset-check.js';

export function failsWhenUnset(access: ts.Expression, fn: ts.Node | undefined): boolean {
  if (!fn || !ts.isFunctionLike(fn)) return false;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return false;
  // What holds the value: the read itself, and the variable it initialises (`const value = process.env[key]`).
  const holders = new Set([access.getText()]);
  // `if (!value && !optional) throw`: the helper's own parameters are decided per call (a call with a fallback is
  // not required), so they do not narrow the test; any other `&&` term does (`if (!value && isProd) throw`).
  const params = new Set((fn as ts.FunctionLikeDeclaration).parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean));
  const ofParams = (e: ts.Expression): boolean => {
    let only = true;
    const visit = (x: ts.Node) => {
      if (ts.isIdentifier(x) && !params.has(x.text) && x.text !== 'undefined') only = false;
      else ts.forEachChild(x, visit);
    };
    visit(e);
    return only;
  };
  let n: ts.Node = access;
  // `process.env[key] ?? def` with `def` a parameter: the caller's default, so the holder is unset when the call has none.
  const callerDefault = (p: ts.Node) => ts.isBinaryExpression(p) && p.left === n && (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken) && ofParams(p.right);
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || callerDefault(n.parent)) n = n.parent;
  if (ts.isVariableDeclaration(n.parent) && n.parent.initializer === n && ts.isIdentifier(n.parent.name)) holders.add(n.parent.name.text);
  let found = false;
  walk(body, (x) => {
    if (found) return false;
    if (ts.isCallExpression(x) && /^(invariant|assert|ok|strict)$/.test(lastName(x.expression) ?? '') && x.arguments[0] && holders.has(x.arguments[0].getText())) found = true;
    else if (ts.isIfStatement(x) && holdsWhen(x.expression, (e) => testsUnset(e, holders), ofParams) && stops(x.thenStatement, access.getSourceFile())) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** The branch throws or exits non-zero, or sets a module-level flag that a module-level `if` throws on. */
function stops(branch: ts.Statement, sf: ts.SourceFile): boolean {
  const flags: string[] = [];
  walk(branch, (x) => {
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(x.left)) flags.push(x.left.text);
  });
  return fails(branch) || flags.some((f) => flagThrows(sf, f));
}

/** `let ok = true` at module level, and a module-level `if (!ok) throw …` (or `if (failed) process.exit(1)`). */
function flagThrows(sf: ts.SourceFile, flag: string): boolean {
  const declared = sf.statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === flag));
  if (!declared) return false;
  return sf.statements.some((st) => {
    if (!ts.isIfStatement(st)) return false;
    const cond = unwrap(st.expression);
    const names = ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken ? unwrap(cond.operand).getText(sf) : cond.getText(sf);
    return names === flag && fails(st.thenStatement);
  });
}

function unwrap(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  return x;
}

/**
 * Whether a helper's read (or its call of another helper) ends in a default of the helper's own: the left side of
 * `||` / `??` whose right side is not a parameter (`process.env[key] && process.env[key].split(',') || []`). A default
 * passed in by the caller (`?? fallback`) is decided per call, as a further argument.
 */
export function returnsDefault(access: ts.Node, fn: ts.Node | undefined): boolean {
  // A parameter with a default of its own (`defaultValue = 0`) is a value even when the caller passes none.
  const params = new Set(fn && ts.isFunctionLike(fn) ? fn.parameters.map((p) => (ts.isIdentifier(p.name) && !p.initializer ? p.name.text : '')).filter(Boolean) : []);
  const usesParam = (e: ts.Node): boolean => (ts.isIdentifier(e) && params.has(e.text)) || (ts.forEachChild(e, (c) => usesParam(c) || undefined) ?? false);
  let cur: ts.Node = access;
  for (let p = cur.parent; p && p !== fn; cur = p, p = p.parent) {
    if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      if (p.left === cur && !usesParam(p.right)) return true;
      if (p.left === cur) return false;
      continue; // the right side of `||` is a value too: `a || process.env[key] || []`
    }
    const passes =
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isNonNullExpression(p) ||
      (ts.isPropertyAccessExpression(p) && p.expression === cur) ||
      (ts.isCallExpression(p) && p.expression === cur) ||
      (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken);
    if (!passes) return false;
  }
  return false;
}
