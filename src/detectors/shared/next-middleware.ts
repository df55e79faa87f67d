/**
 * Next.js middleware (`middleware.ts`, or `proxy.ts` from Next 16, at the package root or in `src/`): what it is
 * (`clerkMiddleware()`, `withAuth`, a plain `middleware` function) and which paths its `config.matcher` covers.
 * Matchers follow path-to-regexp: `/dashboard/:path*`, and raw groups such as `/((?!api|_next/static).*)`.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { constantsOf, dottedName, property, staticString } from './ast.js';

export interface NextMiddleware {
  readonly file: string;
  /** `clerkMiddleware()`, `withAuth`, `auth`, or `middleware` for a plain function. */
  readonly name: string;
  readonly line: number;
  /** Matchers as written; empty means every path. */
  readonly matchers: readonly string[];
  /**
   * Paths the middleware's own code tests the request against (`pathname.startsWith('/dashboard')`, a const string):
   * where it acts, as opposed to where it merely runs. Empty when it tests none we can read.
   */
  readonly pathChecks: readonly { readonly path: string; readonly line: number }[];
  /** Whether the middleware runs for a URL path (`[id]` segments stand for any value). */
  covers(path: string): boolean;
}

const NAMES = ['middleware', 'proxy'];
const EXTENSIONS = ['ts', 'js', 'mjs'];

export function nextMiddleware(index: RepoIndex, packageDir: string): NextMiddleware | undefined {
  const at = (p: string) => (packageDir ? `${packageDir}/${p}` : p);
  const candidates = ['', 'src/'].flatMap((dir) => NAMES.flatMap((n) => EXTENSIONS.map((ext) => at(`${dir}${n}.${ext}`))));
  const file = candidates.find((f) => index.has(f));
  const sf = file ? index.parse(file) : undefined;
  if (!file || !sf) return undefined;
  const constants = constantsOf(sf);
  const matcher = property(constants.get('config'), 'matcher');
  const list = matcher && ts.isArrayLiteralExpression(matcher) ? [...matcher.elements] : matcher ? [matcher] : [];
  const matchers = list.map((e) => staticString(ts.isObjectLiteralExpression(e) ? property(e, 'source') : e)?.text).filter((m): m is string => !!m);
  const tests = matchers.map(matcherRegExp);
  const { name, line } = entry(sf);
  return {
    file,
    name,
    line,
    matchers,
    pathChecks: pathChecks(index, file, constants),
    covers: (path) => {
      if (matchers.length === 0) return true;
      const sample = path.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, 'x');
      // A matcher we cannot read is taken to cover the path: the middleware is listed rather than silently left out.
      return tests.some((re) => re === undefined || re.test(sample));
    },
  };
}

/** `x.startsWith('/dashboard')`, `x.startsWith(protectedRoutes)` with `const protectedRoutes = '/dashboard'`. */
const STARTS_WITH = /\.startsWith\(\s*(?:(['"`])(\/[^'"`\n]*)\1|([A-Za-z_$][\w$]*))\s*\)/g;

function pathChecks(index: RepoIndex, file: string, constants: Map<string, ts.Expression>): { path: string; line: number }[] {
  const text = index.read(file) ?? '';
  const out: { path: string; line: number }[] = [];
  for (const m of text.matchAll(STARTS_WITH)) {
    const path = m[2] ?? (m[3] ? staticString(constants.get(m[3]))?.text : undefined);
    if (path?.startsWith('/') && !out.some((c) => c.path === path)) out.push({ path, line: index.lineAt(file, m.index) ?? 1 });
  }
  return out;
}

/** The exported middleware: `export default clerkMiddleware(…)`, `export function middleware`, `export const middleware = auth(…)`. */
function entry(sf: ts.SourceFile): { name: string; line: number } {
  for (const s of sf.statements) {
    // `export { default } from 'next-auth/middleware'`: the package's middleware, as is.
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      if (s.exportClause.elements.some((el) => el.name.text === 'default' || NAMES.includes(el.name.text))) return { name: s.moduleSpecifier.text, line: lineOf(s, sf) };
    }
    if (ts.isExportAssignment(s)) {
      const e = s.expression;
      if (ts.isCallExpression(e)) return { name: `${dottedName(e.expression) ?? 'middleware'}()`, line: lineOf(s, sf) };
      return { name: ts.isIdentifier(e) ? e.text : 'middleware', line: lineOf(s, sf) };
    }
    const exported = ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(s) && s.name && NAMES.includes(s.name.text)) return { name: s.name.text, line: lineOf(s, sf) };
    if (ts.isFunctionDeclaration(s) && !s.name) return { name: 'middleware', line: lineOf(s, sf) };
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || !NAMES.includes(d.name.text)) continue;
        const init = d.initializer;
        if (init && ts.isCallExpression(init)) return { name: `${dottedName(init.expression) ?? d.name.text}()`, line: lineOf(s, sf) };
        return { name: d.name.text, line: lineOf(s, sf) };
      }
    }
  }
  return { name: 'middleware', line: 1 };
}

/** path-to-regexp, as Next reads matchers: `:name`, `:name*`, `:name+`, `:name?`, and `( … )` raw regex groups. */
export function matcherRegExp(matcher: string): RegExp | undefined {
  let out = '';
  for (let i = 0; i < matcher.length; ) {
    const c = matcher[i];
    if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < matcher.length; j++) {
        if (matcher[j] === '\\') j++;
        else if (matcher[j] === '(') depth++;
        else if (matcher[j] === ')' && --depth === 0) break;
      }
      out += matcher.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const param = /^\/:[A-Za-z_]\w*([*+?])?/.exec(matcher.slice(i));
    if (param) {
      out += param[1] === '*' ? '(?:/.*)?' : param[1] === '+' ? '/.+' : param[1] === '?' ? '(?:/[^/]+)?' : '/[^/]+';
      i += param[0].length;
      continue;
    }
    out += /[.+?^${}|[\]\\*]/.test(c) ? `\\${c}` : c;
    i++;
  }
  try {
    return new RegExp(`^${out}/?$`);
  } catch {
    return undefined;
  }
}
