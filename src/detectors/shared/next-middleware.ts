/**
 * Next.js middleware (`middleware.ts`, or `proxy.ts` from Next 16, at the package root or in `src/`): what it is
 * (`clerkMiddleware()`, `withAuth`, a plain `middleware` function) and which paths its `config.matcher` covers.
 * Matchers follow path-to-regexp: `/dashboard/:path*`, and raw groups such as `/((?!api|_next/static).*)`.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { constantsOf, dottedName, property, staticString } from './ast.js';
import { moduleResolver } from './resolve-module.js';
import { helperRedirectsToSignIn, jwtImport } from './next-middleware-helpers.js';

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
  /**
   * Whether its code (or a repository module it imports) can turn a request away: a 401/403, a redirect or rewrite to a
   * sign-in page, or an auth library's middleware. False for one that only routes locales or redirects signed-in users.
   */
  readonly turnsAway: boolean;
  /**
   * An auth library imported by the middleware or a repository module it imports or re-exports from
   * (`export { auth as middleware } from '@/lib/auth'`, where `lib/auth.ts` imports `next-auth`): what the middleware
   * turns away then depends on how that library is configured there.
   */
  readonly authLibrary?: { readonly name: string; readonly file: string; readonly line: number };
  /** Whether the middleware runs for a URL path (`[id]` segments stand for any value). */
  covers(path: string): boolean;
}

/** A request turned away: 401/403, `unauthorized`, `forbidden`. Redirects and rewrites are tested apart (`toSignIn`). */
const DENIES = /\b40[13]\b|unauthori[sz]ed|unauthenticated|forbidden/i;
const SIGN_IN = /log-?in|sign-?in|auth/i;
/** An auth library's middleware guards by itself: `clerkMiddleware()`, `withAuth`, `auth`, `next-auth/middleware`. */
const AUTH_ENTRY = /clerk|withAuth|^auth\b|next-auth|kinde|authMiddleware|authkit/i;

/** Auth libraries a middleware (or the module it re-exports) is built on: `import NextAuth from 'next-auth'`. */
const AUTH_IMPORT =
  /\b(?:from|import)\s*\(?\s*['"]((?:next-auth|@auth\/[\w.-]+|@clerk\/nextjs|@supabase\/ssr|@supabase\/auth-helpers-nextjs|@kinde-oss\/kinde-auth-nextjs|@workos-inc\/authkit-nextjs|better-auth|@logto\/next|iron-session|next-firebase-auth-edge))(?:\/[^'"]*)?['"]/;

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
  const modules = [file, ...localImports(index, file, sf)];
  const authLibrary = modules.map((f) => authImport(index, f)).find((a) => a !== undefined);
  return {
    file,
    name,
    line,
    matchers,
    pathChecks: pathChecks(index, file, constants),
    turnsAway: AUTH_ENTRY.test(name) || modules.some((f) => canTurnAway(index.read(f) ?? '') || helperRedirectsToSignIn(index.read(f) ?? '')),
    ...(authLibrary ? { authLibrary } : {}),
    covers: (path) => {
      if (matchers.length === 0) return true;
      const sample = path.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, 'x');
      // A matcher we cannot read is taken to cover the path: the middleware is listed rather than silently left out.
      return tests.some((re) => re === undefined || re.test(sample));
    },
  };
}

/** A deny in the text, or a `redirect(…)` / `rewrite(…)` whose arguments name a sign-in page. */
function canTurnAway(text: string): boolean {
  if (DENIES.test(text)) return true;
  for (const m of text.matchAll(/\b(redirect|rewrite)\(/g)) {
    // The call's arguments, to the matching parenthesis (or 300 characters).
    let depth = 1;
    let i = m.index + m[0].length;
    for (const end = Math.min(text.length, i + 300); i < end && depth > 0; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    if (SIGN_IN.test(text.slice(m.index + m[0].length, i))) return true;
  }
  return false;
}

/** The first auth library `file` imports, where. */
function authImport(index: RepoIndex, file: string): NextMiddleware['authLibrary'] {
  const text = index.read(file) ?? '';
  const m = AUTH_IMPORT.exec(text);
  // A token verified with jose / jsonwebtoken is the auth check itself (next-middleware-helpers.ts).
  const jwt = m ? undefined : jwtImport(text);
  if (jwt) return { name: jwt.name, file, line: index.lineAt(file, jwt.index) ?? 1 };
  return m ? { name: m[1], file, line: index.lineAt(file, m.index) ?? 1 } : undefined;
}

/**
 * Repository modules the middleware imports (`updateSession` from `@/utils/supabase/middleware` redirects to /login)
 * or re-exports from (`export { auth as middleware } from '@/lib/auth'`), following the re-exports of those modules
 * (barrels, `export *`) a few hops: the middleware is then that module's code.
 */
function localImports(index: RepoIndex, file: string, sf: ts.SourceFile): string[] {
  const resolver = moduleResolver(index);
  const out = new Set<string>();
  const visit = (from: string, source: ts.SourceFile, hops: number, imports: boolean) => {
    for (const s of source.statements) {
      const reexport = ts.isExportDeclaration(s) && !s.isTypeOnly && !!s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
      const imported = imports && ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && !s.importClause?.isTypeOnly ? s.moduleSpecifier.text : undefined;
      const specifier = reexport ?? imported;
      if (specifier === undefined) continue;
      const target = resolver.resolve(from, specifier);
      if (!target || target === file || out.has(target)) continue;
      out.add(target);
      // What a re-export lands in may itself re-export (`lib/auth.ts` → `auth.ts`), and an imported module may be a
      // barrel (`import { auth } from './middlewares'`, whose index.ts does `export * from './auth'`): its re-exports
      // are the code the middleware runs. Only re-exports are followed from there, not that module's own imports.
      const next = hops > 0 ? index.parse(target) : undefined;
      if (next) visit(target, next, hops - 1, false);
    }
  };
  visit(file, sf, 3, true);
  return [...out];
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
