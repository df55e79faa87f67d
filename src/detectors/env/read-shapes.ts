/**
 * The shapes around an environment read that decide what it means: whether it is assigned or deleted, guarded,
 * given a fallback (`?? 'x'`, `|| 3000`, a converter's default), required by a check that throws, or part of a
 * fluent chain (`env.get('X').required()`). Pure functions of a syntax node, used by reads.ts.
 */
import { onFirstUse } from '../../scan/lazy-ts.js';
import { ts } from '../../scan/ts.js';
import { lastName } from '../shared/ast.js';
import { localHelperDefault, passedToCopingParam, switchDefaultCopes } from './local-default.js';
import { objectHolderCopes } from './reads-holder.js';
import { everyUseCopes } from './reads-bindings.js';
import type { RawRead } from './raw-reads.js';
import { afterUnsetExit, ASSERTION, fails, holderOutcome, holdsOnlyWhenSet, ifWhenTrue } from './unset-check.js';

export const ASSIGN = onFirstUse(() => new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]));

export function enclosingFunction(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  return n;
}

/** `invariant(process.env.X, …)`, `assert(process.env.X)`, `assert.ok(…)`, or `if (!process.env.X) throw …`: fails when unset. */
export function guardOf(node: ts.Node): Pick<RawRead, 'required'> {
  const n = withOptionalChain(node);
  const p = n.parent;
  const guard =
    (ts.isCallExpression(p) && p.arguments[0] === n && ASSERTION.test(lastName(p.expression) ?? '')) ||
    assertedSet(n) ||
    (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken && requiredCheck(p)) ||
    holderOutcome(n) === 'fails';
  if (!guard) return {};
  // At module level the check runs when the module loads (startup); in a function, when that function runs.
  return { required: enclosingFunction(node) ? 'check' : 'guard' };
}

/** `invariant(typeof process.env.X === 'string', …)`, `assert(process.env.X !== undefined)`: the argument holds only when set. */
function assertedSet(n: ts.Node): boolean {
  let arg: ts.Node = n;
  while (arg.parent && (ts.isBinaryExpression(arg.parent) || ts.isTypeOfExpression(arg.parent) || ts.isParenthesizedExpression(arg.parent))) arg = arg.parent;
  const call = arg.parent;
  if (arg === n || !call || !ts.isCallExpression(call) || call.arguments[0] !== arg || !ASSERTION.test(lastName(call.expression) ?? '')) return false;
  return holdsOnlyWhenSet(arg as ts.Expression, new Set([n.getText()]));
}

export function optional(exportedAs: string | undefined): { exportedAs?: string } {
  return exportedAs ? { exportedAs } : {};
}

/** The outermost call of a fluent chain (`env.get('X').required().asString()`). */
export function chainEnd(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && ts.isCallExpression(n.parent.parent)) n = n.parent.parent;
  return n;
}

/** The call of `method` in the fluent chain after `node` (`.required(false)` in `get('X').required(false).asBool()`). */
export function chainCall(node: ts.Node, method: string): ts.CallExpression | undefined {
  for (let n = node; ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n; n = n.parent.parent) {
    if (!ts.isCallExpression(n.parent.parent)) break;
    if (n.parent.name.text === method) return n.parent.parent;
  }
  return undefined;
}

export function inFunction(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isClassLike(n)) return true;
  return false;
}

export function chainHas(node: ts.Node, method: string): boolean {
  for (let n = node; ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n; n = n.parent.parent) {
    if (n.parent.name.text === method) return true;
    if (!ts.isCallExpression(n.parent.parent)) break;
  }
  return false;
}

export function outer(node: ts.Node): ts.Node & { parent: ts.Node } {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  return n as ts.Node & { parent: ts.Node };
}

/** The left side of `=`, `??=`, `||=`: the code sets the variable (the right side may read it; that is seen apart). */
export function isAssigned(node: ts.Node): boolean {
  const n = outer(node);
  return ts.isBinaryExpression(n.parent) && n.parent.left === n && ASSIGN().has(n.parent.operatorToken.kind);
}

export function isDeleted(node: ts.Node): boolean {
  return ts.isDeleteExpression(outer(node).parent);
}

/**
 * True when the code copes with the variable unset: the left side of `??` / `||`; a comparison
 * (`process.env.X === 'true'`); a boolean (`!!process.env.X`, `Boolean(…)`, `!process.env.X` as a flag); a positive
 * check (`if (process.env.X)`, `X ? … : …`, `X && …`) and the reads it guards. A negated check whose branch throws or
 * exits (`if (!process.env.X) throw …`) is how code says the variable is required.
 */
export const FALLBACK_OPS = onFirstUse(() => new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]));

export function hasFallback(node: ts.Node): boolean {
  const n = throughConversions(node);
  const p = n.parent;
  // `a || env.X || b` is `(a || env.X) || b`: a read is covered when, climbing the chain, it is part of a left operand.
  // Not `const p = env.X || ''; if (!p) throw …`: the empty stand-in is caught by the check (unset-check.ts).
  if (leftOfFallback(n)) return holderOutcome(n) !== 'fails';
  // `readSeverity(import.meta.env.X) ?? 'warning'`: a plain function call given the read, whose result has a default.
  if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression) && plainCallee(p.expression) && leftOfFallback(outer(p))) return true;
  if (ts.isBinaryExpression(p) && COMPARISONS().has(p.operatorToken.kind)) return true;
  if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'Boolean') return true;
  // A converter that says it tolerates a missing value: `toOptionalString(env.X)`, `withDefault(env.X, …)`.
  if (ts.isCallExpression(p) && p.arguments[0] === n && OPTIONAL_CALL.test(lastName(p.expression) ?? '')) return true;
  // `asString(import.meta.env.X, 'dev')`, `toNumber(env.PORT, 3000)`: a converter given a literal default (a radix is
  // no default: parseInt and its kind are left out).
  if (ts.isCallExpression(p) && p.arguments[0] === n && p.arguments.length >= 2 && CONVERTER.test(lastName(p.expression) ?? '') && isDefaultValue(p.arguments[1])) return true;
  // `parseNumberOr(process.env.X, 3)`, a helper defined in this file that returns its second argument.
  if (ts.isCallExpression(p) && localHelperDefault(p, n)) return true;
  if (switchDefaultCopes(n) || passedToCopingParam(n, hasFallback)) return true;
  if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) return !requiredCheck(p);
  // `let url = process.env.X; if (!url) url = …` (or `if (!url) { …; return }`): the `if` copes with unset.
  if (holderOutcome(n) === 'copes') return true;
  // `if (!process.env.X) return …;` above `Number(process.env.X)`: the check names the bare read.
  if (guarded(n, node) || afterUnsetExit(n) || (n !== node && afterUnsetExit(node))) return true;
  // `const envMax = process.env.X; return envMax ? parseInt(envMax, 10) : 100`: every use of the holder copes.
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name) && holderUsesCope(p)) return true;
  // `const env = { port: process.env.PORT }` … `env.port || 8080` in the same file.
  return ts.isPropertyAssignment(p) && objectHolderCopes(n, hasFallback);
}

/**
 * `'x' || process.env.X` / `'x' ?? process.env.X`: a literal that is never falsy (or never nullish) on the left of the
 * chain always wins, so the read's value is never used.
 */
export function shadowedByLiteral(node: ts.Node): boolean {
  let cur: ts.Node = throughConversions(node);
  while (ts.isParenthesizedExpression(cur.parent)) cur = cur.parent;
  for (; ts.isBinaryExpression(cur.parent) && FALLBACK_OPS().has(cur.parent.operatorToken.kind); ) {
    const p: ts.BinaryExpression = cur.parent;
    if (p.right === cur && alwaysWins(p.left, p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return true;
    cur = p;
    while (ts.isParenthesizedExpression(cur.parent)) cur = cur.parent;
  }
  return false;
}

/** A literal the operator never passes over: `||` a truthy one (a non-empty string, a non-zero number), `??` any but null. */
function alwaysWins(left: ts.Expression, or: boolean): boolean {
  let e = left;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && FALLBACK_OPS().has(e.operatorToken.kind)) return alwaysWins(e.left, or) || alwaysWins(e.right, or);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return !or || e.text !== '';
  if (ts.isNumericLiteral(e)) return !or || Number(e.text) !== 0;
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return !or;
  return false;
}

/** `n ?? …`, `n || …`, or `a || n || …` (`(a || n) || …`): climbing the chain, `n` is part of a left operand. */
function leftOfFallback(n: ts.Node): boolean {
  for (let cur: ts.Node = n; ts.isBinaryExpression(cur.parent) && FALLBACK_OPS().has(cur.parent.operatorToken.kind); ) {
    if (cur.parent.left === cur) return true;
    cur = cur.parent;
    while (ts.isParenthesizedExpression(cur.parent)) cur = cur.parent;
  }
  return false;
}

/** Calls that throw on `undefined`, before the default could apply: `JSON.parse(process.env.X) || {}`. */
const THROWS_ON_UNSET = new Set(['JSON.parse', 'Buffer.from', 'require', 'BigInt']);

/** `readSeverity`, `utils.readSeverity`: a named function, not a computed callee or a call of a call. */
function plainCallee(e: ts.Expression): boolean {
  const plain = ts.isIdentifier(e) || (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && ts.isIdentifier(e.name));
  return plain && !THROWS_ON_UNSET.has(e.getText());
}

/** How deep holders of holders are followed (`const a = process.env.X; const b = a; …`). */
let holderDepth = 0;

function holderUsesCope(decl: ts.VariableDeclaration): boolean {
  // An exported holder is used in other files too, unseen here.
  const st = decl.parent?.parent;
  if (holderDepth >= 3 || (st && ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) return false;
  holderDepth++;
  try {
    return everyUseCopes(decl, hasFallback);
  } finally {
    holderDepth--;
  }
}

/**
 * The read with the pure conversions around it: `parseInt(process.env.X, 10) || 200`, `Number(env.X) ?? 3`,
 * `+env.X || 1`, `String(env.X?.trim()) || 'a'`. They turn unset into `NaN` / `'undefined'` / `0` without throwing, so
 * what follows them (`||`, `??`, a comparison, `!`) is what the code does when the variable is unset.
 */
export function throughConversions(node: ts.Node): ts.Node & { parent: ts.Node } {
  let n = withOptionalChain(node);
  for (;;) {
    const p = n.parent;
    const call = ts.isCallExpression(p) && p.arguments[0] === n && PURE_CONVERSION.has(p.expression.getText().replace(/^(globalThis|window|Number)\./, ''));
    const plus = ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.PlusToken;
    if (!call && !plus) return n;
    n = withOptionalChain(p);
  }
}

export const PURE_CONVERSION = new Set(['parseInt', 'parseFloat', 'Number', 'String']);

/**
 * The read with an optional chain after it (`process.env.X?.split(',').map(…)`): the chain is `undefined` when the
 * variable is unset, so what follows it (`?? []`, a comparison, `!`) is what the code does then.
 */
export function withOptionalChain(node: ts.Node): ts.Node & { parent: ts.Node } {
  const n = outer(node);
  const p = n.parent;
  const link = (x: ts.Node, e: ts.Node) => (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) && x.expression === e;
  if (!link(p, n) || !(p as ts.PropertyAccessExpression).questionDotToken) return n;
  let cur: ts.Node = p;
  while (link(cur.parent, cur) || (ts.isNonNullExpression(cur.parent) && cur.parent.expression === cur)) cur = cur.parent;
  return outer(cur);
}

/**
 * `!process.env.X` in an `if` that holds whenever it does (alone or in an `||` chain, not beside an `&&` condition)
 * whose branch throws or exits non-zero (unset-check.ts).
 */
export function requiredCheck(not: ts.Node): boolean {
  const st = ifWhenTrue(not);
  return !!st && fails(st.thenStatement);
}

export const OPTIONAL_CALL = /optional|default|maybe/i;
export const CONVERTER = /^(as|to|get|read|env|coerce|with)[A-Z]\w*$/;

/** A default value: anything but `undefined`/`null` (`asString(env.X, window.location.origin)` has one). */
export function isDefaultValue(e: ts.Expression): boolean {
  return !(e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined'));
}

export const COMPARISONS = onFirstUse(() => new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]));

/**
 * The read is a positive condition, or sits where a positive condition naming the same expression holds. `read` is
 * the bare read when `node` wraps it (`process.env.X as Mode`, `process.env.X?.trim()`): a check of the bare read
 * guards it too.
 */
export function guarded(node: ts.Node, read: ts.Node = node): boolean {
  // `process?.env?.X` tests the same variable `process.env.X` then reads: optional chaining and spacing aside.
  const same = (text: string) => text.replace(/\?\./g, '.').replace(/\s+/g, '');
  const texts = new Set([same(node.getText()), same(read.getText())]);
  const raw = new Set([node.getText(), read.getText()]);
  const positive = (cond: ts.Expression): boolean => {
    const c = skipParens(cond);
    if (texts.has(same(c.getText()))) return true;
    // `configured?.length ? configured : defaults`: a property of the value is truthy only when the value is set.
    if (ts.isPropertyAccessExpression(c) && texts.has(same(skipParens(c.expression).getText()))) return true;
    // `typeof portEnv === 'string' && portEnv.length > 0 ? Number(portEnv) : 0`: a type test holds only when set.
    if (holdsOnlyWhenSet(c, raw)) return true;
    const op = ts.isBinaryExpression(c) ? c.operatorToken.kind : undefined;
    return ts.isBinaryExpression(c) && (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) && (positive(c.left) || positive(c.right));
  };
  let child: ts.Node = node;
  for (let n: ts.Node | undefined = node.parent; n && !ts.isSourceFile(n) && !ts.isFunctionLike(n); child = n, n = n.parent) {
    if (ts.isIfStatement(n) && (child === n.expression ? positive(n.expression) : child === n.thenStatement && positive(n.expression))) return true;
    if (ts.isConditionalExpression(n) && (child === n.condition ? positive(n.condition) : child === n.whenTrue && positive(n.condition))) return true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && (child === n.left ? positive(n.left) : positive(n.left))) return true;
  }
  return false;
}

export function skipParens(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
