/**
 * A Pages Router handler that dispatches on the method to functions of its own file:
 * `const { method } = req; switch (method) { case 'GET': await handleGET(req, res); break; … }` or
 * `if (req.method === 'POST') return handlePOST(req, res)`. The auth checks of such an API are inside `handleGET`, so
 * the route detector reads them there (one level), and the method handlers themselves are not guards.
 */
import { ts } from '../../scan/ts.js';
import { HTTP_METHODS } from './types.js';

/** A condition or switch subject that is the request method: `method`, `req.method`, `request.method`. */
const METHOD_SUBJECT = /^(?:\w+\.)?method$/;

export interface MethodDispatch {
  /** Method (or `*` for a `default:` branch) → the names of the file's functions called for it. */
  readonly byMethod: ReadonlyMap<string, readonly string[]>;
  /** Those functions' bodies by name; the names are never reported as guards when a check is found inside them. */
  readonly bodies: ReadonlyMap<string, ts.Node>;
}

/** The method handlers `body` dispatches to; empty when it calls none of the file's functions by method. */
export function methodDispatch(body: ts.Node, sf: ts.SourceFile): MethodDispatch {
  const byMethod = new Map<string, string[]>();
  const bodies = new Map<string, ts.Node>();
  const local = localFunctions(sf);
  const add = (methods: readonly string[], node: ts.Node) => {
    for (const name of calledLocals(node, local)) {
      bodies.set(name, local.get(name)!);
      for (const m of methods) if (!byMethod.get(m)?.includes(name)) byMethod.set(m, [...(byMethod.get(m) ?? []), name]);
    }
  };
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && n !== body) return;
    if (ts.isSwitchStatement(n) && METHOD_SUBJECT.test(n.expression.getText(sf))) {
      // `case 'GET': case 'HEAD': handleGET()` — labels without statements fall through to the next clause.
      let pending: string[] = [];
      for (const clause of n.caseBlock.clauses) {
        if (ts.isDefaultClause(clause)) pending.push('*');
        else if (ts.isStringLiteralLike(clause.expression) && HTTP_METHODS.has(clause.expression.text)) pending.push(clause.expression.text);
        if (clause.statements.length === 0) continue;
        for (const s of clause.statements) add(pending, s);
        pending = [];
      }
    }
    if (ts.isIfStatement(n)) {
      const m = equalsMethod(n.expression, sf);
      if (m) add([m], n.thenStatement);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return { byMethod, bodies };
}

/** `req.method === 'POST'` / `'POST' === method` → POST. */
function equalsMethod(cond: ts.Expression, sf: ts.SourceFile): string | undefined {
  if (!ts.isBinaryExpression(cond)) return undefined;
  const op = cond.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsEqualsToken && op !== ts.SyntaxKind.EqualsEqualsToken) return undefined;
  const [a, b] = ts.isStringLiteralLike(cond.right) ? [cond.left, cond.right] : [cond.right, cond.left];
  return ts.isStringLiteralLike(b) && HTTP_METHODS.has(b.text) && METHOD_SUBJECT.test(a.getText(sf)) ? b.text : undefined;
}

/** Names of the file's top-level functions called in `node` (nested functions are not looked into). */
function calledLocals(node: ts.Node, local: ReadonlyMap<string, ts.Node>): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && local.has(n.expression.text) && !out.includes(n.expression.text)) out.push(n.expression.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/** Top-level `function f() {}` and `const f = async () => {}` with their bodies. */
export function localFunctions(sf: ts.SourceFile): Map<string, ts.Node> {
  const out = new Map<string, ts.Node>();
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) out.set(s.name.text, s.body);
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) out.set(d.name.text, init.body);
    }
  }
  return out;
}
