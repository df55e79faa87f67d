/**
 * Paths an app-wide middleware is configured to skip: `auth({ publicPaths: ['/webhooks/stripe'] })` at the `use`
 * call, or at the definition the `use` names (`export const requireAuth = createAuth({ publicPaths: […] })`, or a
 * member of such a call's result, `auth.clerkAuthMiddleware` with `const auth = createAuth({ … })`). A route on a
 * listed path does not pass through it; when the list is not literal, no route is known to pass through it.
 */
import { lineOf, ts } from '../../scan/ts.js';
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { MiddlewareSkips } from './middleware-use.js';

const SKIP_KEY = /^(?:public(?:Paths|Routes)|skip(?:Paths|Routes)?|exclude(?:d|Paths|Routes)?|ignore(?:d|Paths|Routes)?|unless)$/;

/** The skip option of a middleware written as `name` at `at`, whose code is at `code` (when followed). */
export function middlewareSkips(index: RepoIndex, name: string, at: Citation, code: Citation | undefined): MiddlewareSkips | undefined {
  const fromUse = atUse(index, name, at);
  if (fromUse) return fromUse;
  if (!code?.line) return undefined;
  const sf = index.parse(code.file);
  if (!sf) return undefined;
  const decls = topLevelConsts(sf);
  const here = decls.find((d) => lineOf(d, sf) === code.line);
  if (!here?.initializer) return undefined;
  const direct = inCall(here.initializer, sf, code.file);
  if (direct) return direct;
  // `auth.clerkAuthMiddleware` or `auth`: the call that made `auth`, in the same file.
  let base: ts.Expression = here.initializer;
  while (ts.isPropertyAccessExpression(base) || ts.isParenthesizedExpression(base)) base = base.expression;
  if (!ts.isIdentifier(base) || base === here.initializer && ts.isIdentifier(here.name) && base.text === here.name.text) return undefined;
  const maker = decls.find((d) => ts.isIdentifier(d.name) && d.name.text === (base as ts.Identifier).text);
  return maker?.initializer ? inCall(maker.initializer, sf, code.file) : undefined;
}

/** The call written at the `use` (`jwt({ exclude: […] })`, shown as `jwt(…)`), read from its line. */
function atUse(index: RepoIndex, name: string, at: Citation): MiddlewareSkips | undefined {
  const callee = /^([\w$.]+)\(/.exec(name)?.[1];
  const sf = callee && at.line ? index.parse(at.file) : undefined;
  if (!sf || !callee) return undefined;
  let found: MiddlewareSkips | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
    if (start > at.line! || end < at.line!) return;
    if (ts.isCallExpression(node) && node.expression.getText(sf) === callee) found = inCall(node, sf, at.file);
    if (!found) ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function topLevelConsts(sf: ts.SourceFile): ts.VariableDeclaration[] {
  return sf.statements.filter(ts.isVariableStatement).flatMap((s) => [...s.declarationList.declarations]);
}

/** A skip key among the object-literal arguments of a call (`f({ publicPaths })`, `f(opts)(…)` is not followed). */
function inCall(expr: ts.Expression, sf: ts.SourceFile, file: string): MiddlewareSkips | undefined {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return undefined;
  for (const arg of e.arguments) {
    if (!ts.isObjectLiteralExpression(arg)) continue;
    for (const p of arg.properties) {
      const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (!key || !SKIP_KEY.test(key)) continue;
      const line = lineOf(p, sf);
      const value = ts.isPropertyAssignment(p) ? p.initializer : undefined;
      const paths = value ? literalPaths(value) : undefined;
      return { option: key, at: { file, line }, ...(paths ? { paths } : {}) };
    }
  }
  return undefined;
}

/** `['/a', '/b/*']`, `'/a'`, or express-unless's `{ path: [...] }`; anything else (a regex, a variable) is not literal. */
function literalPaths(value: ts.Expression): string[] | undefined {
  if (ts.isStringLiteralLike(value)) return value.text.startsWith('/') ? [value.text] : undefined;
  if (ts.isArrayLiteralExpression(value)) {
    const out: string[] = [];
    for (const el of value.elements) {
      if (!ts.isStringLiteralLike(el) || !el.text.startsWith('/')) return undefined;
      out.push(el.text);
    }
    return out;
  }
  if (ts.isObjectLiteralExpression(value)) {
    // Any key beside `path` (a method filter, a custom test) makes what is skipped depend on more than the path.
    if (value.properties.length !== 1) return undefined;
    const p = value.properties[0]!;
    return ts.isPropertyAssignment(p) && p.name.getText() === 'path' ? literalPaths(p.initializer) : undefined;
  }
  return undefined;
}

/** Whether a route path is one a literal skip list names: exact, or under a trailing `*` (`/public/*`). */
export function skipsPath(skips: MiddlewareSkips | undefined, route: string): boolean {
  if (!skips?.paths) return false;
  return skips.paths.some((p) => {
    if (!p.includes('*')) return p === route || p.replace(/\/$/, '') === route;
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(route);
  });
}
