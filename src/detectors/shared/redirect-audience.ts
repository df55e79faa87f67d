/**
 * Who a redirect sends away, read from the conditions it runs under: `if (!session) redirect('/login')` turns away
 * signed-out visitors (an access guard), `if (session?.user) throw redirect({ to: '/' })` turns away signed-in ones (a
 * guest-only page such as /login: not a guard), and a redirect under no condition always redirects. Read from how the
 * condition is written only; anything else (a role check, a helper with an unknown name) is `undefined`, and callers
 * then keep calling it a guard, as they did before this was read.
 */
import { ts } from '../../scan/ts.js';

export type Audience = 'signed-in' | 'signed-out';
/** `neutral`: the condition names nothing about the visitor's session (`search.redirect`, `location.pathname`). */
type Reading = Audience | 'neutral' | undefined;

const AUTH = /auth|session|user|token|signed|logged|login|viewer|account|claims|\bme\b/i;
/** Names that hold for visitors without a session. */
const SIGNED_OUT = /guest|anonym|unauth|logged_?out|signed_?out|not_?(logged|signed|auth)/i;
/** Names that are about something other than having a session (roles, plans, loading states): unknown. */
const OTHER = /role|admin|permission|\bcan[A-Z_]|allowed|access|plan|subscri|verified|onboard|loading|pending|error|expired|invalid|status/i;

const flip = (r: Reading): Reading => (r === 'signed-in' ? 'signed-out' : r === 'signed-out' ? 'signed-in' : r);

/** Two conditions that both hold: neutral parts drop out; a conflict or an unknown part is unknown. */
function both(a: Reading, b: Reading): Reading {
  if (a === 'neutral') return b;
  if (b === 'neutral') return a;
  return a === b ? a : undefined;
}

/** Who a condition holds for, as written. */
export function conditionAudience(expr: ts.Expression, sf: ts.SourceFile): Reading {
  if (ts.isParenthesizedExpression(expr) || ts.isAwaitExpression(expr) || ts.isNonNullExpression(expr)) return conditionAudience(expr.expression, sf);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return flip(conditionAudience(expr.operand, sf));
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    // `a && b` and `a || b` over the same audience (`!user || !session`) hold for that audience.
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) return both(conditionAudience(expr.left, sf), conditionAudience(expr.right, sf));
    const negated = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
    if (negated || op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      const reading = equality(expr.left, expr.right, sf) ?? equality(expr.right, expr.left, sf);
      if (reading !== undefined) return negated ? flip(reading) : reading;
    }
    return AUTH.test(expr.getText(sf)) ? undefined : 'neutral';
  }
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr) || ts.isCallExpression(expr) || ts.isElementAccessExpression(expr)) {
    const text = (ts.isCallExpression(expr) ? expr.expression : expr).getText(sf);
    if (OTHER.test(text)) return undefined;
    if (SIGNED_OUT.test(text)) return 'signed-out';
    return AUTH.test(text) ? 'signed-in' : ts.isCallExpression(expr) && AUTH.test(expr.getText(sf)) ? undefined : 'neutral';
  }
  return AUTH.test(expr.getText(sf)) ? undefined : 'neutral';
}

/** `x == null` (signed-out when x names a session), `status === 'authenticated'`, `x === true`; else undefined. */
function equality(value: ts.Expression, other: ts.Expression, sf: ts.SourceFile): Reading {
  const empty = other.kind === ts.SyntaxKind.NullKeyword || other.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(other) && other.text === 'undefined');
  if (empty) return flip(conditionAudience(value, sf));
  if (other.kind === ts.SyntaxKind.TrueKeyword) return conditionAudience(value, sf);
  // The compared text says it: `status === 'unauthenticated'` (next-auth's useSession status).
  if (ts.isStringLiteralLike(other)) {
    if (/^(unauthenticated|signed_?out|logged_?out|anonymous|guest)$/i.test(other.text)) return 'signed-out';
    if (/^(authenticated|signed_?in|logged_?in)$/i.test(other.text)) return 'signed-in';
  }
  return undefined;
}

/** A statement that always leaves the function (`return`, `throw`, or a block ending in one). */
function leaves(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s)) return true;
  return ts.isBlock(s) && s.statements.length > 0 && leaves(s.statements[s.statements.length - 1]);
}

/**
 * Who the redirect at `node` is taken for, within its function `fn`: the `if`/`?:`/`&&`/`||` conditions above it, and
 * the early exits before it in each enclosing block (`if (session) return;` then `throw redirect(…)`). `always` when it
 * runs under no condition at all; `neutral` when the conditions say nothing about a session.
 */
export function redirectAudience(node: ts.Node, fn: ts.Node, sf: ts.SourceFile): Audience | 'always' | 'neutral' | undefined {
  let reading: Reading = 'neutral';
  let conditioned = false;
  const add = (r: Reading) => {
    conditioned = true;
    reading = both(reading, r);
  };
  for (let n: ts.Node = node, p = node.parent; p && n !== fn; n = p, p = p.parent) {
    if (ts.isIfStatement(p) && n !== p.expression) add(n === p.thenStatement ? conditionAudience(p.expression, sf) : flip(conditionAudience(p.expression, sf)));
    else if (ts.isConditionalExpression(p) && n !== p.condition) add(n === p.whenTrue ? conditionAudience(p.condition, sf) : flip(conditionAudience(p.condition, sf)));
    else if (ts.isBinaryExpression(p) && n === p.right && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) add(conditionAudience(p.left, sf));
    else if (ts.isBinaryExpression(p) && n === p.right && p.operatorToken.kind === ts.SyntaxKind.BarBarToken) add(flip(conditionAudience(p.left, sf)));
    else if (ts.isBlock(p) || ts.isSourceFile(p)) {
      for (const s of p.statements) {
        if (s === n) break;
        if (ts.isIfStatement(s) && !s.elseStatement && leaves(s.thenStatement)) add(flip(conditionAudience(s.expression, sf)));
      }
    }
    if (p === fn) break;
  }
  if (!conditioned) return 'always';
  return reading;
}
