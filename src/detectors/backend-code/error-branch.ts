/**
 * Whether an `instanceof SomeError` check turns the error into an HTTP response: the branch it guards must build one
 * (a status set, a response object returned, `res.status(…)`, `new Response`, `throw new NotFoundException()`), here
 * or in a local helper it returns (`return redirectToSignIn(…)`). A branch that only rethrows (a retry loop giving up
 * on a non-retryable error) or continues maps nothing.
 */
import { ts } from '../../scan/ts.js';

/**
 * A response built in code: an HTTP status (`res.status(404)`, `{ statusCode: 400 }`, `status: 401`, `HttpStatus.X`,
 * `reply.code(…)`) or a response object / HTTP exception. A word that only contains "status" (`paymentStatus`) is a
 * domain value, not a response.
 */
export const HTTP_STATUS = /\.(status|code)\s*\(|\b(status|statusCode|httpStatus)\s*(?::|=(?!=))|\bstatusCode\b|\bHttpStatus\b|\bStatusCodes\b/;
/**
 * A status read into a variable (`const status = err.httpResponse?.status`) to decide something (whether to retry) is
 * not one set on a response; neither is a comparison (`status === 404`, excluded by `=(?!=)` above).
 */
const STATUS_READ = /\b(?:const|let|var)\s+(?:status|statusCode|httpStatus)\s*=\s*[^;\n]*?\.(?:status|statusCode)\b[^;\n]*/g;
const RESPONSE =
  /\bnew\s+(Response|\w*HttpException|HttpError|\w*HTTPException)\s*\(|\b(Response|NextResponse)\.\w+\(|\b(res|reply|response)\.(send|json|redirect|sendStatus|writeHead|end)\s*\(|\bthrow\s+new\s+\w*Exception\s*\(|\b(createError|httpErrors)\s*\(|\bBoom\.\w+\(|\b(error|redirect|json)\s*\(\s*\d{3}\b/;

/** `instanceof` in an `if`/`?:` condition: the code it guards; undefined when the check stands elsewhere or is negated. */
export function guardedBranch(check: ts.Node): ts.Node | undefined {
  let node = check;
  for (let p = node.parent; p; node = p, p = p.parent) {
    if (ts.isParenthesizedExpression(p)) continue;
    if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) continue;
    if (ts.isIfStatement(p) && p.expression === node) return p.thenStatement;
    if (ts.isConditionalExpression(p) && p.condition === node) return p.whenTrue;
    return undefined;
  }
  return undefined;
}

/**
 * The branch builds a response, itself or by returning a call to a function declared in the same file that does;
 * `maybe` when it returns a call this file does not define (`return handleZodError(err)` from another module).
 */
export function branchBuildsResponse(branch: ts.Node, sf: ts.SourceFile, local: (name: string) => ts.Node | undefined): boolean | 'maybe' {
  const text = branch.getText(sf);
  if (buildsResponse(text)) return true;
  let found: boolean | 'maybe' = false;
  const visit = (n: ts.Node): void => {
    if (found === true) return;
    const value = ts.isReturnStatement(n) ? n.expression : ts.isArrowFunction(n) ? undefined : n === branch && ts.isExpression(n) ? n : undefined;
    const call = value && unwrapAwait(value);
    if (call && ts.isCallExpression(call)) {
      const fn = ts.isIdentifier(call.expression) ? local(call.expression.text) : undefined;
      if (fn && buildsResponse(fn.getText(sf))) found = true;
      else if (!fn) found = 'maybe';
    }
    if (!ts.isFunctionLike(n) || n === branch) ts.forEachChild(n, visit);
  };
  visit(branch);
  return found;
}

function buildsResponse(raw: string): boolean {
  const text = raw.replace(STATUS_READ, '');
  return HTTP_STATUS.test(text) || RESPONSE.test(text);
}

function unwrapAwait(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return x;
}

/** Functions declared at the file's top level by name: `function f()`, `const f = () => …`. */
export function localFunctions(sf: ts.SourceFile): (name: string) => ts.Node | undefined {
  let byName: Map<string, ts.Node> | undefined;
  return (name) => {
    if (!byName) {
      byName = new Map();
      for (const s of sf.statements) {
        if (ts.isFunctionDeclaration(s) && s.name && s.body) byName.set(s.name.text, s);
        if (ts.isVariableStatement(s)) {
          for (const d of s.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) byName.set(d.name.text, d.initializer);
          }
        }
      }
    }
    return byName.get(name);
  };
}
