/**
 * A session check written inside a handler's own body: `const session = await auth()` followed by
 * `if (!session?.user) throw new Error("Unauthorized")` (or `redirect('/login')`, `return …`). Server Actions and route
 * handlers are often guarded this way rather than by middleware or a wrapper.
 */
import type { Citation } from '../../facts.js';
import { ts, lineOf } from '../../scan/ts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { dottedName, importsOf, type ImportBinding } from './ast.js';
import { AUTH_SOURCE, definitionOf, summarise } from './auth-helpers.js';

export interface SessionCheck {
  /** The call as written, without arguments: `auth()`, `getServerSession()`, `auth.api.getSession()`. */
  readonly call: string;
  /** Where the session is read (for a helper, where the handler calls it). */
  readonly at: Citation;
  /** When the call is the repository's own helper that reads the session (`verifyCurrentUserHasAccessToPost()`): its definition. */
  readonly helper?: Citation;
}

/** Functions that return the signed-in user or session (Auth.js, NextAuth v4, Clerk, Lucia, Supabase helpers, …). */
const SESSION_FUNCTION = /^(auth|getAuth|getServerSession|getServerAuthSession|getAuthSession|getSession|getCurrentSession|currentUser|getUser|getCurrentUser|getSessionUser|validateRequest|requireUser|requireAuth|requireSession)$/;
/** A module that is about authentication: `@/auth`, `@/lib/session`, `next-auth`, `@clerk/nextjs/server`. */
const AUTH_MODULE = /(^|[/@._-])(auth|session|next-auth|clerk|lucia|better-auth|kinde)([/._-]|$)/i;
/** Functions of an auth module that do something rather than read who is signed in. */
const NOT_A_READ = /^(signIn|signOut|signUp|login|logout|register|handlers|hash|verify|compare|send)/i;
/** Called as a statement, these throw or redirect themselves when there is no user. */
const SELF_GUARD = /^(require|ensure|assert)(User|Auth|Session|Authenticated|SignedIn|Admin)\w*$/;
/** A condition that is true when the user is missing or not allowed (`!session?.user`, `user.id !== id`, `== null`). */
const NEGATIVE = /!|==\s*(null|undefined)\b/;
/** Calls that end the request: Next.js `redirect`, `notFound`, `unauthorized`, `forbidden`. */
const ENDS = /^(redirect|permanentRedirect|notFound|unauthorized|forbidden)$/;

/** Names that say "session" whatever their receiver is: `locals.auth()`, `getServerSession()`. */
const UNAMBIGUOUS = /^(auth|getServerSession|getServerAuthSession|getAuthSession|getCurrentSession|getSessionUser|validateRequest|requireAuth|requireSession)$/;

/**
 * The first session check in `body` (nested functions are not looked into), or undefined. A name alone is no
 * evidence (`getUser(id)` is as often a database lookup): the function must come from an auth module or library, or
 * its definition (followed with `index`) must read a session, cookies, headers or a token.
 */
export function sessionCheckIn(
  body: ts.Node,
  sf: ts.SourceFile,
  imports: ReadonlyMap<string, ImportBinding>,
  file: string,
  index?: RepoIndex,
  /** Only a branch that throws or redirects counts (a helper's `return null` leaves the check to its caller). */
  throwsOnly = false,
  /** Calls not to treat as checks: a handler's own method handlers (`handleGET`), read separately by the caller. */
  skip?: ReadonlySet<string>,
): SessionCheck | undefined {
  const evidence = new Map<string, boolean>();
  const readsSession = (name: string): boolean => {
    if (!evidence.has(name)) evidence.set(name, sessionEvidence(name, sf, imports, file, index));
    return evidence.get(name)!;
  };
  const isDirect = (name: string): boolean => {
    const last = name.split('.').pop()!;
    const bound = imports.get(name.split('.')[0]);
    return (SESSION_FUNCTION.test(last) && readsSession(name)) || (!!bound && AUTH_MODULE.test(bound.module) && !NOT_A_READ.test(last));
  };
  // A repository function (same file or imported) whose own body reads the session: `if (!(await canEdit(id))) return 403`.
  const helpers = new Map<string, Citation | undefined>();
  const helperAt = (name: string): Citation | undefined => {
    if (!index) return undefined;
    if (!helpers.has(name)) {
      const followable = name.split('.').length <= 2 && (imports.has(name.split('.')[0]) || !name.includes('.'));
      const def = followable ? definitionOf(index, file, imports, name) : undefined;
      helpers.set(name, def?.summary?.readsSession ? def.at : undefined);
    }
    return helpers.get(name);
  };
  const isSessionCall = (node: ts.Node): node is ts.CallExpression => {
    if (!ts.isCallExpression(node)) return false;
    const name = dottedName(node.expression);
    return !!name && !skip?.has(name) && (isDirect(name) || !!helperAt(name));
  };
  // A statement call to a helper that throws or redirects itself when no one is signed in (`await validateUserSession()`,
  // whose body is `if (!session) throw …`) guards like `requireUser()` does, whatever its name.
  const selfGuarding = (call: ts.CallExpression): boolean => {
    const name = dottedName(call.expression)!;
    if (SELF_GUARD.test(name.split('.').pop()!)) return true;
    const at = index && helperAt(name);
    return !!index && !!at && at.line !== undefined && selfGuardLines(index, at.file).includes(at.line);
  };
  const found = (call: ts.CallExpression): SessionCheck => {
    const name = dottedName(call.expression)!;
    const helper = isDirect(name) ? undefined : helperAt(name);
    return { call: `${name}()`, at: { file, line: lineOf(call, sf) }, ...(helper ? { helper } : {}) };
  };
  const sessions = new Map<string, ts.CallExpression>();
  let check: SessionCheck | undefined;
  const visit = (node: ts.Node): void => {
    if (check) return;
    if (ts.isFunctionLike(node) && node !== body) return;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const call = unwrapped(node.initializer);
      // `const user = session?.user` carries the session on, and so does a property of the call's own answer
      // (`const user = (await supabase.auth.getUser()).data.user`).
      const root = accessRoot(call);
      const from = isSessionCall(call) ? call : isSessionCall(root) ? root : ts.isIdentifier(root) ? sessions.get(root.text) : undefined;
      if (from) for (const name of boundNames(node.name)) sessions.set(name, from);
      // `const user = await requireUser(request)`: a self-guarding call guards whether or not its result is kept.
      if (isSessionCall(call) && selfGuarding(call)) check = found(call);
    }
    if (ts.isExpressionStatement(node)) {
      const call = unwrapped(node.expression);
      if (isSessionCall(call) && selfGuarding(call)) check = found(call);
    }
    if (ts.isIfStatement(node) && NEGATIVE.test(node.expression.getText(sf)) && endsRequest(node.thenStatement, throwsOnly)) {
      const tested = testedSession(node.expression, sessions, isSessionCall);
      if (tested) check = found(tested);
    }
    if (!check) ts.forEachChild(node, visit);
  };
  visit(body);
  return check;
}

function sessionEvidence(name: string, sf: ts.SourceFile, imports: ReadonlyMap<string, ImportBinding>, file: string, index?: RepoIndex): boolean {
  const parts = name.split('.');
  const last = parts.pop()!;
  // `supabase.auth.getUser()`, `auth.api.getSession()`: the receiver says what is read.
  if (parts.some((p) => /auth|session/i.test(p))) return true;
  const bound = imports.get(parts[0] ?? last);
  if (bound && (AUTH_MODULE.test(bound.module) || AUTH_SOURCE.test(bound.module))) return true;
  if (index) {
    const def = definitionOf(index, file, imports, name);
    if (def) return def.summary ? def.summary.readsAuth : def.fileReadsAuth;
  } else if (!bound && parts.length === 0) {
    const local = summarise(sf).functions[last];
    if (local) return local.readsAuth;
  }
  // A package that is no auth library, or a name neither imported nor defined here: only an unambiguous name counts.
  return !bound && UNAMBIGUOUS.test(last);
}

function unwrapped(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  return x;
}

/** What a chain of property reads starts from: `(await getUser()).data.user` → the `getUser()` call, `session?.user` → `session`. */
function accessRoot(e: ts.Expression): ts.Expression {
  let x = e;
  while (ts.isPropertyAccessExpression(x) || ts.isNonNullExpression(x) || ts.isParenthesizedExpression(x) || ts.isAwaitExpression(x)) x = x.expression;
  return x;
}

function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : boundNames(el.name)));
}

/** The session call a condition tests: through a variable holding its result, or called in the condition itself. */
function testedSession(cond: ts.Expression, sessions: ReadonlyMap<string, ts.CallExpression>, isSessionCall: (n: ts.Node) => n is ts.CallExpression): ts.CallExpression | undefined {
  let hit: ts.CallExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isIdentifier(n) && sessions.has(n.text)) hit = sessions.get(n.text);
    else if (isSessionCall(n)) hit = n;
    else ts.forEachChild(n, visit);
  };
  visit(cond);
  return hit;
}

/** The branch leaves the handler: it throws, returns (unless `throwsOnly`), or calls `redirect()` / `notFound()`. */
function endsRequest(stmt: ts.Statement, throwsOnly = false): boolean {
  const statements = ts.isBlock(stmt) ? stmt.statements : [stmt];
  return statements.some((s) => {
    if (ts.isThrowStatement(s) || (!throwsOnly && ts.isReturnStatement(s))) return true;
    if (!ts.isExpressionStatement(s)) return false;
    const e = unwrapped(s.expression);
    return ts.isCallExpression(e) && ENDS.test(dottedName(e.expression)?.split('.').pop() ?? '');
  });
}

/**
 * Lines of a file's top-level functions that check the session and throw or redirect when it is missing (the line of
 * the statement, as `summarise` records it). Read from the file alone (helpers are not followed further), so memoised.
 */
function selfGuardLines(index: RepoIndex, file: string): readonly number[] {
  return (
    index.memo('session-self-guards@2', file, (text) => {
      if (!/session|auth|user/i.test(text) || !/\bthrow\b|redirect\(|notFound\(|unauthorized\(|forbidden\(/.test(text)) return [];
      const sf = index.parse(file);
      if (!sf) return [];
      const imports = importsOf(sf);
      const lines: number[] = [];
      for (const s of sf.statements) {
        const fns: ts.FunctionLikeDeclaration[] = ts.isFunctionDeclaration(s)
          ? [s]
          : ts.isVariableStatement(s)
            ? s.declarationList.declarations.flatMap((d) => (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) ? [d.initializer] : []))
            : [];
        if (fns.some((fn) => fn.body && sessionCheckIn(fn.body, sf, imports, file, undefined, true))) lines.push(lineOf(s, sf));
      }
      return lines;
    }) ?? []
  );
}
