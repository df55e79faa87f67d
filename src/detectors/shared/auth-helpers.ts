/**
 * What a repository's own functions do about authentication, read from their definitions: whether a function reads
 * the request's session, cookies, headers or a token (so `getUser()` is a session read, not a database lookup), and
 * whether it is an auth check that turns the request away (`parseRequest()` calling `checkAuth()` and answering 401
 * unless `{ skipAuth: true }` is passed). Route detectors follow a handler's calls one level into these summaries.
 */
import type { Citation } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, lineOf } from '../../scan/ts.js';
import { dottedName, type ImportBinding } from './ast.js';
import { findDefinition } from './definitions.js';
import { moduleResolver } from './resolve-module.js';

export interface FunctionSummary {
  readonly line: number;
  /** The body reads a session, cookies, headers, a token or calls an auth library. */
  readonly readsAuth: boolean;
  /**
   * The body itself asks who is signed in (`getServerSession(authOptions)`, `auth()`, `supabase.auth.getUser()`), so a
   * handler that turns the request away when this function's answer is falsy is checking the session through it.
   */
  readonly readsSession: boolean;
  /** The body calls an auth check and answers 401 / unauthorized or redirects to sign in when it fails. */
  readonly guard: boolean;
  /** Option names the body reads to skip its check (`skipAuth`), so a caller passing `{ skipAuth: true }` is public. */
  readonly skip: readonly string[];
}

export interface FileSummary {
  /** Top-level functions by name. */
  readonly functions: Readonly<Record<string, FunctionSummary>>;
  /** The file as a whole reads auth state (for names defined by destructuring, `export const { auth } = NextAuth()`). */
  readonly readsAuth: boolean;
}

/** A module whose functions read who is signed in: `@/auth`, `~/sessions.server`, `next-auth`, `@supabase/ssr`. */
export const AUTH_SOURCE = /(^|[/@._-])(auth|session|sessions|next-auth|clerk|lucia|better-auth|kinde|iron-session|supabase|auth0|firebase-admin|workos)([/._-]|$)/i;
/** Text that reads who is asking: cookies, headers, a session, a bearer token or JWT, an auth library's call. */
const READS_AUTH = /cookie|headers?\b|session|authori[sz]ation|bearer|jwt|token|auth\w*\(/i;
/** A call that checks who is asking: `checkAuth()`, `verifyToken()`, `getServerSession()`, `requireUser()`. */
const AUTH_CALL = /auth|session|token|jwt|bearer|currentUser|signedIn|loggedIn|requireUser|verifyUser/i;
/** Calls that make a session or an answer rather than check one (`unauthorized()` builds the 401 a check returns). */
const NOT_A_CHECK = /^(signIn|signOut|signUp|login|logout|register|hash|createToken|createSecureToken|sign|unauthori[sz]ed|unauthenticated|notAuthori[sz]ed)/i;
/**
 * How a failed sign-in check answers: 401, `unauthorized()`, a redirect to the login page. A 403 / `forbidden()` alone
 * is no evidence: it is as often a bot or rate check (`parseToken()` of a cache token, then `forbidden()` for bots).
 */
const DENIES = /\b401\b|unauthori[sz]ed|unauthenticated|redirect\([^)]{0,80}(login|sign-?in|auth)/i;
/** Calls that ask who is signed in, by a name that says nothing else (`getUser(id)` alone is as often a DB lookup). */
const SESSION_READ = /^(auth|getServerSession|getServerAuthSession|getAuthSession|getSession|getCurrentSession|getSessionUser|currentUser|getCurrentUser|validateRequest|requireUser|requireAuth|requireSession)$/;
/** `supabase.auth.getUser()`, `auth.api.getSession()`: the receiver says a session is read. */
const SESSION_RECEIVER = /auth|session/i;
const SKIP_OPTION = /\b(?:skip|no|without|disable|bypass|ignore)_?(?:Auth|Session|Token|Check)\w*/gi;

const EMPTY: FileSummary = { functions: {}, readsAuth: false };

/** Per-file summaries (memoised: a pure function of the file's text; files that never mention auth are not parsed). */
export function fileSummary(index: RepoIndex, file: string): FileSummary {
  return (
    index.memo('auth-helpers@3', file, (text) => {
      if (!READS_AUTH.test(text) && !AUTH_CALL.test(text)) return EMPTY;
      const sf = index.parse(file);
      return sf ? summarise(sf) : EMPTY;
    }) ?? EMPTY
  );
}

export function summarise(sf: ts.SourceFile): FileSummary {
  const functions: Record<string, FunctionSummary> = {};
  const add = (name: string, node: ts.Node, fn: ts.FunctionLikeDeclaration) => {
    if (!fn.body) return;
    const text = fn.getText(sf);
    let calls = false;
    let readsSession = false;
    const visit = (n: ts.Node): void => {
      if (calls && readsSession) return;
      if (ts.isCallExpression(n)) {
        const called = dottedName(n.expression) ?? '';
        const parts = called.split('.');
        const last = parts.pop() ?? '';
        if (AUTH_CALL.test(called) && !NOT_A_CHECK.test(last)) calls = true;
        if (SESSION_READ.test(last) || (parts.some((p) => SESSION_RECEIVER.test(p)) && /^get(User|Session|Claims)$/.test(last))) readsSession = true;
      }
      ts.forEachChild(n, visit);
    };
    visit(fn.body);
    const skip = [...new Set([...text.matchAll(SKIP_OPTION)].map((m) => m[0]))].sort();
    functions[name] = { line: lineOf(node, sf), readsAuth: READS_AUTH.test(text), readsSession, guard: calls && DENIES.test(text), skip };
  };
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && s.name) add(s.name.text, s, s);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) add(d.name.text, s, init);
      }
    }
  }
  return { functions, readsAuth: READS_AUTH.test(sf.text) };
}

/** Where `name` (called in `file`) is defined, with that file's summary of it; undefined for packages and unknowns. */
export function definitionOf(
  index: RepoIndex,
  file: string,
  imports: ReadonlyMap<string, ImportBinding>,
  name: string,
): { at: Citation; summary?: FunctionSummary; fileReadsAuth: boolean } | undefined {
  const [root, ...rest] = name.split('.');
  const bound = imports.get(root);
  if (!bound) {
    if (rest.length > 0) return undefined;
    const local = fileSummary(index, file).functions[root];
    return local ? { at: { file, line: local.line }, summary: local, fileReadsAuth: fileSummary(index, file).readsAuth } : undefined;
  }
  const target = moduleResolver(index).resolve(file, bound.module);
  if (!target) return undefined;
  const exported = bound.imported === '*' ? rest[0] : bound.imported;
  if (!exported) return undefined;
  const at = findDefinition(index, { file: target, name: exported });
  if (!at) return undefined;
  const summary = fileSummary(index, at.file);
  const own = at.line !== undefined ? Object.values(summary.functions).find((f) => f.line === at.line) : undefined;
  return { at, ...(own ? { summary: own } : {}), fileReadsAuth: summary.readsAuth };
}

export interface HelperGuard {
  /** The call as written, without arguments: `parseRequest()`. */
  readonly name: string;
  /** Where the handler calls it. */
  readonly at: Citation;
  /** Where the helper is defined. */
  readonly code: Citation;
}

/**
 * A call in a handler's own body (nested functions are not looked into) to a repository function that checks who is
 * asking and answers 401 itself — one level deep, so `parseRequest(request, schema)` guards its handler and
 * `parseRequest(request, schema, { skipAuth: true })` does not.
 */
export function helperGuardIn(
  index: RepoIndex,
  body: ts.Node,
  sf: ts.SourceFile,
  imports: ReadonlyMap<string, ImportBinding>,
  file: string,
  /** Calls not to name (a handler's own method handlers, whose checks the caller reads inside them). */
  skip?: ReadonlySet<string>,
): HelperGuard | undefined {
  let found: HelperGuard | undefined;
  const seen = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n !== body)) return;
    if (ts.isCallExpression(n)) {
      const name = dottedName(n.expression);
      // Only names imported or defined in the file can be followed: `req.json()` and `console.log()` are skipped unread.
      if (name && !seen.has(name) && !skip?.has(name) && name.split('.').length <= 2 && (imports.has(name.split('.')[0]) || !name.includes('.'))) {
        seen.add(name);
        const def = definitionOf(index, file, imports, name);
        if (def?.summary?.guard && !skipped(n, def.summary.skip)) found = { name: `${name}()`, at: { file, line: lineOf(n, sf) }, code: def.at };
      }
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** `{ skipAuth: true }` among the arguments, for an option the helper reads to skip its check. */
function skipped(call: ts.CallExpression, options: readonly string[]): boolean {
  if (options.length === 0) return false;
  const names = new Set(options.map((o) => o.toLowerCase()));
  return call.arguments.some(
    (a) =>
      ts.isObjectLiteralExpression(a) &&
      a.properties.some(
        (p) =>
          ts.isPropertyAssignment(p) &&
          (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
          names.has(p.name.text.toLowerCase()) &&
          p.initializer.kind !== ts.SyntaxKind.FalseKeyword,
      ),
  );
}
