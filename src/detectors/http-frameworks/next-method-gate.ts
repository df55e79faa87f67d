/**
 * Whether the `req.method` tests of a Pages Router handler restrict the methods it serves. A test is a gate only when
 * requests of other methods end in an error answer (a 405, an early return) or in no answer at all; a handler that
 * merely branches on one method and then goes on to common code (`const signin = req.method === 'GET' && …;
 * if (signin) …; return NextAuth(req, res, options)`) serves every method.
 */
import { ts } from '../../scan/ts.js';

/** A comparison with a method name, or `[…].includes(x.method)`. */
const METHOD_TEST = /\bmethod\s*[!=]==?\s*['"`][A-Z]+['"`]|['"`][A-Z]+['"`]\s*[!=]==?\s*[\w.]*\bmethod\b|\.includes\(\s*[\w.]*\bmethod\b/;
/** What a request of another method gets after the branches: an error status, an `Allow` header, a throw. */
const ERROR_ANSWER = /\b(40[0-9]|50[01])\b|['"`]Allow['"`]|not allowed|\bthrow\b/i;

/** True when the handler `body` serves every method despite the method tests the file's text holds. */
export function servesAllMethods(body: ts.Node, sf: ts.SourceFile): boolean {
  const flags = methodFlags(sf);
  let branches = false;
  const visit = (n: ts.Node): void => {
    if (branches) return;
    if ((ts.isIfStatement(n) || ts.isConditionalExpression(n)) && testsMethod(ts.isIfStatement(n) ? n.expression : n.condition, sf, flags)) branches = true;
    else if (ts.isSwitchStatement(n) && /\bmethod$/.test(n.expression.getText(sf))) branches = true;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  // No branch on the method at all: the tests are values used elsewhere, the handler answers every method.
  if (!branches) return true;
  return ts.isBlock(body) && fallsThrough(body.statements, sf, flags);
}

/** `const isSignin = req.method === 'GET' && …`: constants holding a method test, which a condition may name. */
function methodFlags(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && METHOD_TEST.test(n.initializer.getText(sf))) out.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function testsMethod(cond: ts.Expression, sf: ts.SourceFile, flags: ReadonlySet<string>): boolean {
  const text = cond.getText(sf);
  if (METHOD_TEST.test(text)) return true;
  let named = false;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && flags.has(n.text)) named = true;
    else ts.forEachChild(n, visit);
  };
  visit(cond);
  return named;
}

/**
 * The first `if` on the method among `statements` (inside a top-level `try` too): a negative test (`!==`, `!…`) is a
 * guard; a positive chain ending in `else` covers the rest; one without `else` falls through when the statements after
 * it (other method tests aside) do more than answer with an error.
 */
function fallsThrough(statements: ts.NodeArray<ts.Statement>, sf: ts.SourceFile, flags: ReadonlySet<string>): boolean {
  const isMethodIf = (s: ts.Statement): s is ts.IfStatement => ts.isIfStatement(s) && testsMethod(s.expression, sf, flags);
  for (const [i, s] of statements.entries()) {
    if (ts.isTryStatement(s)) {
      if (fallsThrough(s.tryBlock.statements, sf, flags)) return true;
      continue;
    }
    if (!isMethodIf(s)) continue;
    if (/^!|!==?/.test(s.expression.getText(sf))) return false;
    let last: ts.IfStatement = s;
    while (last.elseStatement && ts.isIfStatement(last.elseStatement)) last = last.elseStatement;
    if (last.elseStatement) return false;
    return statements.slice(i + 1).some((r) => !isMethodIf(r) && !ERROR_ANSWER.test(r.getText(sf)));
  }
  return false;
}
