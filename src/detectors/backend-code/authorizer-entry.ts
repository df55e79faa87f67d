/**
 * Which function taking an authorizer event is the authorizer: the Lambda's handler, the one API Gateway calls. That
 * is the function exported as `handler` (`export const handler = middy(async (event) => …)`, `module.exports =
 * { handler: check }`), or one exported under another name a deployment may point at (`handler: 'auth.authorize'`)
 * that builds the whole answer itself (`principalId` with a `policyDocument`, `isAuthorized`, or an authorizer result
 * type). A helper handed the event is not, exported or not: `parseCookies(event)`, `createPolicy(event, effect):
 * PolicyDocument` in a shared util, a private `extractToken(event)`.
 */
import { ts } from '../../scan/ts.js';

const RESULT_TYPE = /Authorizer(Result|Response)/;
const BUILDS_ANSWER = /\bprincipalId\b[\s\S]*\bpolicyDocument\b|\bpolicyDocument\b[\s\S]*\bprincipalId\b|\bisAuthorized\b/;

export function isAuthorizerEntry(fn: ts.SignatureDeclaration, sf: ts.SourceFile): boolean {
  const names = exportNames(fn, sf);
  if (names === undefined) return false;
  if (names.includes('handler')) return true;
  if (RESULT_TYPE.test(fn.type?.getText(sf) ?? '')) return true;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  return body !== undefined && BUILDS_ANSWER.test(body.getText(sf));
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

function hasDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false);
}

/**
 * The names a function is exported under (`default` for a default export); `[]` when it is held by nothing this file
 * could name (a callback, an object member: exported or not, the name is unknown); undefined when it is not exported.
 */
function exportNames(fn: ts.Node, sf: ts.SourceFile): string[] | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    const own = hasExport(fn) ? [hasDefault(fn) ? 'default' : fn.name?.text ?? 'default'] : [];
    return nonEmpty([...own, ...(fn.name ? exportedAs(fn.name.text, sf) : [])]);
  }
  if (ts.isMethodDeclaration(fn)) {
    const cls = fn.parent;
    const exported = ts.isClassLike(cls) && (hasExport(cls) || (cls.name !== undefined && exportedAs(cls.name.text, sf).length > 0));
    return exported ? [fn.name.getText(sf)] : undefined;
  }
  // Climb through wrappers (`middy(fn)`, `withAuth(fn)`, parentheses) to what holds the function.
  let n: ts.Node = fn;
  while (ts.isCallExpression(n.parent) || ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isExportAssignment(p)) return ['default'];
  if (ts.isBinaryExpression(p) && p.right === n) {
    const left = p.left.getText(sf);
    const member = /^(?:module\.)?exports\.(\w+)$/.exec(left);
    if (member) return [member[1]];
    if (left === 'module.exports') return ['default'];
  }
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
    const st = p.parent?.parent;
    return nonEmpty([...(st !== undefined && hasExport(st) ? [p.name.text] : []), ...exportedAs(p.name.text, sf)]);
  }
  if (ts.isVariableDeclaration(p)) return undefined;
  return [];
}

function nonEmpty(names: string[]): string[] | undefined {
  return names.length > 0 ? names : undefined;
}

// Not shared `exportedNames`/`exportedNamesFromText`: they give every name a module exports, and this asks under which
// names one local binding is exported (`export { check as handler }`, `module.exports = { handler: check }`).
function exportedAs(local: string, sf: ts.SourceFile): string[] {
  const text = sf.text;
  const esc = local.replace(/[$]/g, '\\$&');
  const out: string[] = [];
  if (new RegExp(`export\\s+default\\s+${esc}\\s*;?\\s*$`, 'm').test(text) || new RegExp(`module\\.exports\\s*=\\s*${esc}\\b(?!\\s*[.(\\[])`).test(text)) out.push('default');
  for (const m of text.matchAll(new RegExp(`(?:module\\.)?exports\\.(\\w+)\\s*=\\s*${esc}\\b(?!\\s*[.(\\[])`, 'g'))) out.push(m[1]);
  for (const m of text.matchAll(/export\s*\{([^}]*)\}(?!\s*from\b)/g)) {
    for (const item of m[1].split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      if (name === local) out.push(alias ?? name);
    }
  }
  for (const m of text.matchAll(/module\.exports\s*=\s*\{([^}]*)\}/g)) {
    for (const item of m[1].split(',')) {
      const [key, value] = item.split(':').map((s) => s.trim());
      if ((value ?? key) === local && /^\w+$/.test(key)) out.push(key);
    }
  }
  return out;
}
