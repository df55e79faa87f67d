/**
 * Which function taking an authorizer event is the authorizer: the one API Gateway calls (exported — the Lambda's
 * `handler` — possibly through a wrapper, `export const handler = middy(async (event) => …)`) or one that builds the
 * answer (returns an authorizer result or a policy document). A private helper handed the event
 * (`function extractToken(event: APIGatewayTokenAuthorizerEvent): string | null`) is neither.
 */
import { ts } from '../../scan/ts.js';

const RESULT_TYPE = /Authorizer(Result|Response)|PolicyDocument|\bPolicy\b/;
const BUILDS_ANSWER = /\bpolicyDocument\b|\bisAuthorized\b|Policy\s*\(/;

export function isAuthorizerEntry(fn: ts.SignatureDeclaration, sf: ts.SourceFile): boolean {
  if (RESULT_TYPE.test(fn.type?.getText(sf) ?? '')) return true;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body && BUILDS_ANSWER.test(body.getText(sf))) return true;
  return exported(fn, sf);
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** Exported by a modifier, `export default`, `exports.x = …`, or by name (`export { x }`, `module.exports = { x }`). */
function exported(fn: ts.Node, sf: ts.SourceFile): boolean {
  if (ts.isFunctionDeclaration(fn)) return hasExport(fn) || (fn.name !== undefined && exportedByName(fn.name.text, sf));
  if (ts.isMethodDeclaration(fn)) return ts.isClassLike(fn.parent) && (hasExport(fn.parent) || (fn.parent.name !== undefined && exportedByName(fn.parent.name.text, sf)));
  // Climb through wrappers (`middy(fn)`, `withAuth(fn)`, parentheses) to what holds the function.
  let n: ts.Node = fn;
  while (ts.isCallExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isExportAssignment(p)) return true;
  if (ts.isBinaryExpression(p) && p.right === n && /^(module\.)?exports\b/.test(p.left.getText(sf))) return true;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
    const st = p.parent?.parent;
    return (st !== undefined && hasExport(st)) || exportedByName(p.name.text, sf);
  }
  // Not held by a name this file could export (a callback, an object member): not a helper we can tell apart.
  return !ts.isVariableDeclaration(p);
}

// Not shared `exportedNames`/`exportedNamesFromText`: they give the names a module exports under (`handler` for
// `export { check as handler }`, `exports.handler = check`), and this asks whether the local binding is exported at all.
function exportedByName(name: string, sf: ts.SourceFile): boolean {
  const text = sf.text;
  const esc = name.replace(/[$]/g, '\\$&');
  return new RegExp(`export\\s*(default\\s+${esc}\\b|\\{[^}]*\\b${esc}\\b)|exports\\.\\w+\\s*=\\s*${esc}\\b|module\\.exports\\s*=\\s*(${esc}\\b|\\{[^}]*\\b${esc}\\b)`).test(text);
}
