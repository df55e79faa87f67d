/**
 * Next.js API routes: `pages/api/**` handlers (methods read from `req.method` checks, else any method) and App Router
 * `route.ts` files (one route per exported `GET`, `POST`…). URL paths come from the shared Next.js routing rules.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { dottedName, importsOf } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { nextMiddleware } from '../shared/next-middleware.js';
import { nextRouteFiles } from '../shared/next-routes.js';
import { sessionCheckIn } from '../shared/session-check.js';
import { helperGuardIn } from '../shared/auth-helpers.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { localFunctions, methodDispatch } from './next-dispatch.js';
import { servesAllMethods } from './next-method-gate.js';
import { packageName } from './paths.js';
import { HTTP_METHODS, type MiddlewareUse } from './types.js';


export interface NextApiRoute {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  /** `middleware.ts` when its matcher covers the route, then wrappers around the export (`withAuth(handler)`). */
  readonly middleware: readonly MiddlewareUse[];
  readonly file: string;
  readonly line: number;
}

export function nextApiRoutes(index: RepoIndex, packageDir: string): NextApiRoute[] {
  const out: NextApiRoute[] = [];
  const mw = nextMiddleware(index, packageDir);
  for (const route of nextRouteFiles(index, packageDir)) {
    if (route.kind !== 'route' && route.kind !== 'api') continue;
    const sf = index.parse(route.file);
    if (!sf) continue;
    const front: MiddlewareUse[] =
      mw && mw.covers(route.path) ? [{ name: mw.name, kind: 'middleware-file', at: { file: mw.file, line: mw.line }, code: { file: mw.file, line: mw.line } }] : [];
    // `const session = await auth(); if (!session) return 401` inside the handler guards it as much as a wrapper does.
    const checked = (fn: ts.Node | undefined): MiddlewareUse[] => inBodyGuards(index, fn, sf, route.file);
    const wrapped = (wrappers: readonly ts.Expression[], fn?: ts.Node) => [...front, ...wrappers.map((w) => wrapperUse(index, route.file, sf, w)), ...checked(fn)];
    if (route.kind === 'route') {
      for (const e of exportedMethods(sf)) {
        out.push({ method: e.name, path: route.path, handler: e.name, middleware: wrapped(e.wrappers, e.body), file: route.file, line: e.line });
      }
    } else {
      const { line, wrappers, body } = defaultExport(sf);
      const dispatch = body ? methodDispatch(body, sf) : undefined;
      const tested = [...new Set([...pagesMethods(sf), ...[...(dispatch?.byMethod.keys() ?? [])].filter((m) => m !== '*')])].sort();
      // A method test that is a branch, not a gate (other methods go on to common code): the handler serves them all.
      const methods = tested.length > 0 && body && servesAllMethods(body, sf) ? [] : tested;
      const forMethod = (m: string): MiddlewareUse[] => {
        if (!dispatch || dispatch.bodies.size === 0) return wrapped(wrappers, body);
        const all = new Set(dispatch.bodies.keys());
        const mine = m === 'ALL' ? [...all] : [...(dispatch.byMethod.get(m) ?? dispatch.byMethod.get('*') ?? [])];
        // The checks in the handler's body, then those inside the functions it calls for this method (`handleGET`).
        const own = [...front, ...wrappers.map((w) => wrapperUse(index, route.file, sf, w)), ...inBodyGuards(index, body, sf, route.file, all)];
        // Found in a function the handler calls, not in its own body: labelled so.
        const inner = mine.flatMap((name) => inBodyGuards(index, dispatch.bodies.get(name), sf, route.file)).map((u): MiddlewareUse => (u.kind === 'session-check' ? { ...u, kind: 'auth-helper' } : u));
        const found = [...own, ...inner].filter((u, i, list) => list.findIndex((o) => o.name === u.name) === i);
        if (inner.length > 0 || found.length > front.length + wrappers.length) return found;
        // A method handler that checks a token itself, calling no named check, is the check: named as before.
        return [...own, ...inBodyGuards(index, body, sf, route.file, new Set([...all].filter((n) => !mine.includes(n))))];
      };
      if (methods.length === 0) out.push({ method: 'ALL', path: route.path, handler: 'default', middleware: forMethod('ALL'), file: route.file, line });
      for (const m of methods) out.push({ method: m, path: route.path, handler: 'default', middleware: forMethod(m), file: route.file, line });
    }
  }
  return out;
}

/**
 * A guard inside the handler's own body: a session read and tested there, else a call to a repository function that
 * does the check and answers 401 itself (`const { auth, error } = await parseRequest(request)`).
 */
export function inBodyGuards(index: RepoIndex, fn: ts.Node | undefined, sf: ts.SourceFile, file: string, skip?: ReadonlySet<string>): MiddlewareUse[] {
  if (!fn) return [];
  const imports = importsOf(sf);
  const check = sessionCheckIn(fn, sf, imports, file, index, false, skip);
  // A helper that reads the session is named as written and cited at its definition, where the check can be read.
  if (check?.helper) return [{ name: check.call, kind: 'auth-helper', at: check.at, code: check.helper }];
  if (check) return [{ name: `session check ${check.call}`, kind: 'session-check', at: check.at, code: check.at }];
  const helper = helperGuardIn(index, fn, sf, imports, file, skip);
  return helper ? [{ name: helper.name, kind: 'auth-helper', at: helper.at, code: helper.code }] : [];
}

/** `withAuth(handler)` around an exported handler: the wrapper, with its code when it comes from the repository. */
function wrapperUse(index: RepoIndex, file: string, sf: ts.SourceFile, callee: ts.Expression): MiddlewareUse {
  const name = dottedName(callee) ?? callee.getText(sf);
  const binding = importsOf(sf).get(name.split('.')[0]);
  const target = binding && moduleResolver(index).resolve(file, binding.module);
  const code = target ? findDefinition(index, { file: target, name: binding.imported === '*' ? name.split('.').pop()! : binding.imported }) : undefined;
  const from = binding && !target && !binding.module.startsWith('.') ? packageName(binding.module) : undefined;
  return { name, kind: 'wrapper', at: { file, line: lineOf(callee, sf) }, ...(code ? { code } : {}), ...(from ? { from } : {}) };
}

/**
 * Callees wrapped around a handler: `withAuth(withLogging(async (req) => …))` → [withAuth, withLogging]. Only a call
 * around a function (inline, or declared in the file) wraps a handler; `NextAuth(authOptions)` makes one.
 */
function wrappersOf(e: ts.Expression | undefined, sf: ts.SourceFile): ts.Expression[] {
  const out: ts.Expression[] = [];
  const isFunction = (a: ts.Expression): boolean =>
    ts.isArrowFunction(a) ||
    ts.isFunctionExpression(a) ||
    (ts.isCallExpression(a) && wrappersOf(a, sf).length > 0) ||
    (ts.isIdentifier(a) && sf.statements.some((s) => localFunction(s, a.text)));
  while (e && ts.isCallExpression(e) && e.arguments.length >= 1 && isFunction(e.arguments[e.arguments.length - 1])) {
    out.push(e.expression);
    e = e.arguments[e.arguments.length - 1];
  }
  return out;
}

function localFunction(s: ts.Statement, name: string): boolean {
  if (ts.isFunctionDeclaration(s)) return s.name?.text === name;
  if (!ts.isVariableStatement(s)) return false;
  return s.declarationList.declarations.some(
    (d) => ts.isIdentifier(d.name) && d.name.text === name && !!d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)),
  );
}

function exportedMethods(sf: ts.SourceFile): { name: string; line: number; wrappers: ts.Expression[]; body?: ts.Node }[] {
  const out: { name: string; line: number; wrappers: ts.Expression[]; body?: ts.Node }[] = [];
  const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && exported(s) && HTTP_METHODS.has(s.name.text)) out.push({ name: s.name.text, line: lineOf(s, sf), wrappers: [], body: s.body });
    if (ts.isVariableStatement(s) && exported(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && HTTP_METHODS.has(d.name.text)) out.push({ name: d.name.text, line: lineOf(s, sf), wrappers: wrappersOf(d.initializer, sf), body: innermostBody(d.initializer, sf) });
        // `export const { GET, POST } = handlers` (Auth.js).
        if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (ts.isIdentifier(el.name) && HTTP_METHODS.has(el.name.text)) out.push({ name: el.name.text, line: lineOf(s, sf), wrappers: [] });
          }
        }
      }
    }
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const el of s.exportClause.elements) if (HTTP_METHODS.has(el.name.text)) out.push({ name: el.name.text, line: lineOf(el, sf), wrappers: [] });
    }
  }
  return out;
}

/** Methods a Pages Router handler branches on: `req.method === 'POST'`, `case 'GET':`, `['GET','POST'].includes(req.method)`. */
function pagesMethods(sf: ts.SourceFile): string[] {
  const text = sf.text;
  // `req.method`, or `const { method } = req` followed by `switch (method)`.
  if (!/\.method\b|\{[^}]*\bmethod\b[^}]*\}\s*=\s*\w+/.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:method\s*[!=]==?\s*|case\s+|===?\s*req\.method.{0,0})['"`]([A-Z]+)['"`]/g)) if (HTTP_METHODS.has(m[1])) found.add(m[1]);
  for (const m of text.matchAll(/['"`]([A-Z]+)['"`]\s*(?:===?|!==?)\s*\w+\.method/g)) if (HTTP_METHODS.has(m[1])) found.add(m[1]);
  for (const m of text.matchAll(/\[([^\]]*)\]\s*\.includes\(\s*\w+\.method/g)) {
    for (const q of m[1].matchAll(/['"`]([A-Z]+)['"`]/g)) if (HTTP_METHODS.has(q[1])) found.add(q[1]);
  }
  return [...found].sort();
}

/** The default export's line and the wrappers around it (`export default withAuth(handler)`). */
function defaultExport(sf: ts.SourceFile): { line: number; wrappers: ts.Expression[]; body?: ts.Node } {
  for (const s of sf.statements) {
    if (ts.isExportAssignment(s)) return { line: lineOf(s, sf), wrappers: wrappersOf(s.expression, sf), body: innermostBody(s.expression, sf) };
    if (ts.isFunctionDeclaration(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return { line: lineOf(s, sf), wrappers: [], body: s.body };
  }
  return { line: 1, wrappers: [] };
}

/**
 * The body of the function a handler expression ends in: an inline function, the last argument of its wrappers, or a
 * function declared in the file under that name (`export default handler`).
 */
function innermostBody(e: ts.Expression | undefined, sf: ts.SourceFile): ts.Node | undefined {
  while (e && ts.isCallExpression(e) && e.arguments.length > 0) e = e.arguments[e.arguments.length - 1];
  if (!e) return undefined;
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e.body;
  return ts.isIdentifier(e) ? localFunctions(sf).get(e.text) : undefined;
}
