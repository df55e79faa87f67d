/**
 * What the code does when a variable is unset, read from the `if` that tests it. A variable is required only when the
 * test holds for every unset value (`!X` alone or in an `||` chain: `if (!process.env.VERCEL && !X)` is an opt-in, not
 * a requirement) and the branch fails: it throws or exits non-zero. `process.exit(0)` after "skipping" succeeds.
 * A branch that assigns the variable's holder (`if (!url) url = …`) or leaves successfully is a fallback.
 */
import { ts, walk } from '../../scan/ts.js';


/**
 * The `if` whose condition holds whenever `test` does: `test` alone or an operand of `||` (parentheses allowed).
 * `narrowsNot` accepts the other operand of an `&&` that does not narrow the test (a helper's own parameter).
 */
export function ifWhenTrue(test: ts.Node, narrowsNot?: (e: ts.Expression) => boolean): ts.IfStatement | undefined {
  let child = test;
  for (let n = test.parent; n; child = n, n = n.parent) {
    if (ts.isParenthesizedExpression(n)) continue;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.BarBarToken) continue;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && narrowsNot?.(n.left === child ? n.right : n.left)) continue;
    return ts.isIfStatement(n) && n.expression === child ? n : undefined;
  }
  return undefined;
}

/** Some operand of `cond` reached through `||`, parentheses (and `&&` whose other side `narrowsNot` accepts) passes `leaf`. */
export function holdsWhen(cond: ts.Expression, leaf: (e: ts.Expression) => boolean, narrowsNot?: (e: ts.Expression) => boolean): boolean {
  let c = cond;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (leaf(c)) return true;
  if (!ts.isBinaryExpression(c)) return false;
  if (c.operatorToken.kind === ts.SyntaxKind.BarBarToken) return holdsWhen(c.left, leaf, narrowsNot) || holdsWhen(c.right, leaf, narrowsNot);
  if (c.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken || !narrowsNot) return false;
  return (narrowsNot(c.right) && holdsWhen(c.left, leaf, narrowsNot)) || (narrowsNot(c.left) && holdsWhen(c.right, leaf, narrowsNot));
}

/**
 * The branch fails: it throws, or exits with a code other than 0 (code in a nested function runs later, if ever). A
 * throw inside a `try` whose `catch` handles it (logs, shows it; does not throw again) is no failure: the code goes on.
 */
export function fails(branch: ts.Statement): boolean {
  if (ts.isThrowStatement(branch)) return !caught(branch);
  let found = false;
  walk(branch, (x) => {
    if (found || ts.isFunctionLike(x)) return false;
    if ((ts.isThrowStatement(x) && !caught(x)) || (isExit(x) && exitCodeFails(x, branch))) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** The branch throws, but only into a `catch` of the same function that handles it: the code copes with unset. */
export function throwsIntoCatch(branch: ts.Statement): boolean {
  if (ts.isThrowStatement(branch)) return caught(branch);
  let found = false;
  walk(branch, (x) => {
    if (found || ts.isFunctionLike(x)) return false;
    if (ts.isThrowStatement(x) && caught(x)) found = true;
    return found ? false : undefined;
  });
  return found && !fails(branch);
}

/** `throw` inside the `try` block of a `try … catch` (same function) whose `catch` does not fail in turn. */
function caught(node: ts.Node): boolean {
  let child = node;
  for (let n = node.parent; n && !ts.isFunctionLike(n) && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isTryStatement(n) && n.tryBlock === child && n.catchClause) return !fails(n.catchClause.block);
  }
  return false;
}

/**
 * The branch ends by leaving with success: `return`, `continue`, `break`, `process.exit(0)` (a "skipping" branch
 * copes with unset). Its last statement decides: a `return` inside a nested `if` may not run.
 */
export function leavesQuietly(branch: ts.Statement): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  if (!last) return false;
  if (ts.isReturnStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last)) return true;
  return ts.isExpressionStatement(last) && isExit(last.expression) && !exitCodeFails(last.expression, branch);
}

/**
 * An earlier `if (!process.env.X) return|throw|exit` in a block enclosing the read: past it, X is set, so the read
 * never sees `undefined` (the `if` says what unset means, and is seen as a read of its own).
 */
export function afterUnsetExit(read: ts.Node): boolean {
  const holders = new Set([read.getText()]);
  for (let child: ts.Node = read, n: ts.Node | undefined = read.parent; n; child = n, n = n.parent) {
    const list = ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n) ? n.statements : undefined;
    for (const st of list ?? []) {
      if (st === child) break;
      if (ts.isIfStatement(st) && !st.elseStatement && holdsWhen(st.expression, (e) => testsUnset(e, holders)) && (fails(st.thenStatement) || leavesQuietly(st.thenStatement))) return true;
    }
    if (ts.isFunctionLike(n)) break;
  }
  return false;
}

/** The branch assigns `name` (`url = …`, in any nested `if`/`else`). */
export function assigns(branch: ts.Statement, name: string): boolean {
  let found = false;
  walk(branch, (x) => {
    if (found || ts.isFunctionLike(x)) return false;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(x.left) && x.left.text === name) found = true;
    return found ? false : undefined;
  });
  return found;
}

function isExit(x: ts.Node): x is ts.CallExpression {
  return ts.isCallExpression(x) && /^(process|Deno)\.exit$/.test(x.expression.getText());
}

/** `exit(1)`, `exit(code)` fail; `exit(0)` succeeds; `exit()` fails only after `process.exitCode = <not 0>`. */
function exitCodeFails(call: ts.CallExpression, branch: ts.Statement): boolean {
  const arg = call.arguments[0];
  if (arg) return !(ts.isNumericLiteral(arg) && Number(arg.text) === 0);
  let code = false;
  walk(branch, (x) => {
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^process\.exitCode$/.test(x.left.getText())) {
      code = !(ts.isNumericLiteral(x.right) && Number(x.right.text) === 0);
    }
  });
  return code;
}

/** `!v`, `v == null`, `v === undefined`, `typeof v === 'undefined'` for a holder `v` of the value. */
export function testsUnset(e: ts.Expression, holders: ReadonlySet<string>): boolean {
  let c = e;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) {
    let operand: ts.Expression = c.operand;
    while (ts.isParenthesizedExpression(operand)) operand = operand.expression;
    return holders.has(operand.getText());
  }
  if (!ts.isBinaryExpression(c)) return false;
  const op = c.operatorToken.kind;
  const empty = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
  // `typeof v === 'undefined'`: the same test, spelled for a value that may not be declared.
  const typeOf = (x: ts.Expression) => ts.isTypeOfExpression(x) && holders.has(x.expression.getText());
  const undefinedText = (x: ts.Expression) => ts.isStringLiteralLike(x) && x.text === 'undefined';
  if ((typeOf(c.left) && undefinedText(c.right)) || (typeOf(c.right) && undefinedText(c.left))) return true;
  // `typeof v !== 'string'`: holds for an unset value (its type is 'undefined').
  const otherType = (x: ts.Expression) => ts.isStringLiteralLike(x) && x.text !== 'undefined';
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
    return (typeOf(c.left) && otherType(c.right)) || (typeOf(c.right) && otherType(c.left));
  }
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return false;
  return (holders.has(c.left.getText()) && empty(c.right)) || (holders.has(c.right.getText()) && empty(c.left));
}

/**
 * `v`, `typeof v === 'string'`, `v !== undefined`, `v != null`, `!!v`, `Boolean(v)`, or an `&&` with one of them: the
 * expression is true only when `v` is set, so `invariant(…)` / `assert(…)` of it fails when unset.
 */
export function holdsOnlyWhenSet(e: ts.Expression, holders: ReadonlySet<string>): boolean {
  let c = e;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (holders.has(c.getText())) return true;
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return testsUnset(c.operand, holders);
  if (ts.isCallExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Boolean' && c.arguments[0]) return holdsOnlyWhenSet(c.arguments[0], holders);
  if (!ts.isBinaryExpression(c)) return false;
  const op = c.operatorToken.kind;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) return holdsOnlyWhenSet(c.left, holders) || holdsOnlyWhenSet(c.right, holders);
  const typeOf = (x: ts.Expression) => ts.isTypeOfExpression(x) && holders.has(x.expression.getText());
  const empty = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
  const held = (x: ts.Expression) => holders.has(x.getText());
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
    const typeText = (x: ts.Expression) => ts.isStringLiteralLike(x) && x.text !== 'undefined';
    return (typeOf(c.left) && typeText(c.right)) || (typeOf(c.right) && typeText(c.left));
  }
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
    return (held(c.left) && empty(c.right)) || (held(c.right) && empty(c.left));
  }
  return false;
}

/** `invariant(…)`, `assert(…)`, `assert.ok(…)`, `assert.strict(…)`: throws when its first argument is falsy. */
export const ASSERTION = /^(invariant|assert|ok|strict)$/;

/**
 * `const { DATABASE_URL } = process.env;` then, later in the same block, `invariant(typeof DATABASE_URL === 'string')`
 * or `if (!DATABASE_URL) throw …`: the binding is checked before use, so the code fails when the variable is unset.
 * A reassignment in between ends the search (the check then tests another value). Returns the checking statement.
 */
export function bindingFails(el: ts.BindingElement, falsyDefault = false): ts.Statement | undefined {
  if (!ts.isIdentifier(el.name)) return undefined;
  let decl: ts.Node = el.parent;
  while (decl && !ts.isVariableDeclaration(decl)) decl = decl.parent;
  const st = decl?.parent?.parent;
  if (!st || !ts.isVariableStatement(st)) return undefined;
  const block = st.parent;
  const statements = ts.isBlock(block) || ts.isSourceFile(block) || ts.isModuleBlock(block) || ts.isCaseClause(block) || ts.isDefaultClause(block) ? block.statements : undefined;
  if (!statements) return undefined;
  const name = el.name.text;
  const holders = new Set([name]);
  for (const next of statements.slice(statements.indexOf(st) + 1)) {
    if (ts.isExpressionStatement(next) && ts.isBinaryExpression(next.expression) && ts.isIdentifier(next.expression.left) && next.expression.left.text === name) return undefined;
    if (ts.isExpressionStatement(next) && ts.isCallExpression(next.expression)) {
      const call = next.expression;
      const callee = ts.isIdentifier(call.expression) ? call.expression.text : ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
      // With a falsy default (`{ X = '' }`) only a truthiness test still fails when X is unset.
      const arg = call.arguments[0];
      if (ASSERTION.test(callee) && arg && (falsyDefault ? skipParensOf(arg).getText() === name : holdsOnlyWhenSet(arg, holders))) return next;
      continue;
    }
    const unset = falsyDefault ? (e: ts.Expression) => negates(e, name) : (e: ts.Expression) => testsUnset(e, holders);
    if (ts.isIfStatement(next) && holdsWhen(next.expression, unset) && fails(next.thenStatement)) return next;
  }
  return undefined;
}

/**
 * `let url = process.env.X` and, later in the same block, `if (!url) …`: that `if` says what unset means — it fails
 * (required), or assigns a default / leaves quietly (a fallback). `url ??= …` / `url ||= …` is a fallback too.
 */
export function holderOutcome(read: ts.Node): 'fails' | 'copes' | undefined {
  // `const pepper = process.env.X || ''` (or `?? ''`): a falsy stand-in, so `if (!pepper) throw` still fails when X
  // is unset; a test for `undefined` / `null` no longer does (the holder is never undefined).
  const falsy = falsyFallbackOf(read);
  const init = falsy ?? read;
  const decl = init.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== init || !ts.isIdentifier(decl.name)) return undefined;
  const st = decl.parent?.parent;
  if (!st || !ts.isVariableStatement(st)) return undefined;
  const block = st.parent;
  const statements = ts.isBlock(block) || ts.isSourceFile(block) || ts.isModuleBlock(block) || ts.isCaseClause(block) || ts.isDefaultClause(block) ? block.statements : undefined;
  if (!statements) return undefined;
  const name = decl.name.text;
  const holders = new Set([name]);
  const unset = falsy ? (e: ts.Expression) => negates(e, name) : (e: ts.Expression) => testsUnset(e, holders);
  for (const next of statements.slice(statements.indexOf(st) + 1)) {
    if (ts.isExpressionStatement(next) && ts.isBinaryExpression(next.expression) && ts.isIdentifier(next.expression.left) && next.expression.left.text === name) {
      const op = next.expression.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return 'copes';
      return undefined; // reassigned: the `if`s below test another value
    }
    if (!ts.isIfStatement(next) || !holdsWhen(next.expression, unset)) continue;
    if (fails(next.thenStatement)) return 'fails';
    return assigns(next.thenStatement, name) || leavesQuietly(next.thenStatement) || throwsIntoCatch(next.thenStatement) ? 'copes' : undefined;
  }
  return undefined;
}

/** `read || ''`, `read ?? ''` (or `0`, `false`, `null`, `undefined`): the expression, when the read has such a stand-in. */
function falsyFallbackOf(read: ts.Node): ts.Expression | undefined {
  let n = read;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p || !ts.isBinaryExpression(p) || p.left !== n) return undefined;
  const op = p.operatorToken.kind;
  if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return undefined;
  return isFalsyLiteral(p.right) ? p : undefined;
}

/** `''`, `0`, `false`, `null`, `undefined`: a stand-in that `!x` still rejects. */
export function isFalsyLiteral(e: ts.Expression): boolean {
  const r = skipParensOf(e);
  return (
    ((ts.isStringLiteral(r) || ts.isNoSubstitutionTemplateLiteral(r)) && r.text === '') ||
    (ts.isNumericLiteral(r) && Number(r.text) === 0) ||
    r.kind === ts.SyntaxKind.FalseKeyword || r.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(r) && r.text === 'undefined')
  );
}

function skipParensOf(e: ts.Expression): ts.Expression {
  let c = e;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  return c;
}

/** `!name` (parentheses allowed). */
function negates(e: ts.Expression, name: string): boolean {
  let c = e;
  while (ts.isParenthesizedExpression(c)) c = c.expression;
  if (!ts.isPrefixUnaryExpression(c) || c.operator !== ts.SyntaxKind.ExclamationToken) return false;
  let o: ts.Expression = c.operand;
  while (ts.isParenthesizedExpression(o)) o = o.expression;
  return ts.isIdentifier(o) && o.text === name;
}
