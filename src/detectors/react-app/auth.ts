/** How a frontend app handles sign-in: auth libraries it imports and the auth hooks it defines (`useAuth`, `useSession`). */
import type { RepoIndex } from '../../scan/repo-index.js';
import { isSourceFile, lineOf, ts } from '../../scan/ts.js';
import { moduleReferencesOf } from '../shared/import-text.js';
import { moduleResolver } from '../shared/resolve-module.js';

export interface AuthData {
  readonly app: string;
  readonly kind: 'library' | 'hook';
  /** Package name for libraries, hook name for hooks. */
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** Files importing the library. */
  readonly usedBy: number;
}

const LIBRARIES =
  /^(aws-amplify|@aws-amplify\/[a-z-]+|amazon-cognito-identity-js|@aws-sdk\/client-cognito-identity-provider|next-auth(\/react)?|@auth\/[a-z-]+|@clerk\/[a-z-]+|firebase\/auth|@firebase\/auth|@auth0\/[a-z0-9-]+|@supabase\/(supabase-js|auth-helpers-[a-z]+|ssr)|oidc-client-ts|react-oidc-context|better-auth(\/[a-z]+)?|lucia|@okta\/[a-z-]+|@azure\/msal-[a-z]+|@kinde-oss\/[a-z-]+|@stytch\/[a-z-]+)$/;
const AUTH_HOOK = /^use[A-Z]\w*$/;
// Cheap text filters so that only files declaring a likely auth hook or importing an auth library are parsed.
const HOOK_TEXT = /(function\s+|const\s+|[{,]\s*)use\w*?(Auth|Session|User|Me|Login|Logout|SignIn|SignOut|Token|Permission|Identity)/i;
const LIBRARY_TEXT = /(?:from\s+|\b(?:import|require)\s*\(\s*)['"](aws-amplify|@aws-amplify|amazon-cognito|@aws-sdk\/client-cognito|next-auth|@auth\/|@clerk|firebase\/auth|@firebase\/auth|@auth0|@supabase|oidc-client|react-oidc|better-auth|lucia|@okta|@azure\/msal|@kinde|@stytch)/;
const AUTH_WORD = /auth|session|currentuser|^useuser$|^useme$|login|logout|signin|signout|token|permission|identity|register|signup/i;
/** Any quoted auth library name, imported with `from` or not. */
const LIBRARY_NAME = /['"](aws-amplify|@aws-amplify|amazon-cognito|@aws-sdk\/client-cognito|next-auth|@auth\/|@clerk|firebase\/auth|@firebase\/auth|@auth0|@supabase|oidc-client|react-oidc|better-auth|lucia|@okta|@azure\/msal|@kinde|@stytch)/;
const HOOK_NAME = /\buse[A-Z]\w*/g;
/** `await import('aws-amplify')`, `require('next-auth')`: a file loading the library lazily uses it too (step 10 counts these). */
const DYNAMIC_IMPORT = /\b(?:import|require)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
/**
 * What an auth hook's body shows: a session, a token, sign-in/out, an auth context or library, the current user.
 * `useUser` that fetches `GET user/{id}` through an API hook is a data hook; its name alone is no evidence.
 */
const AUTH_EVIDENCE =
  /auth(?!or)|token|jwt|log_?(in|out)|sign_?(in|out|up)|credential|cognito|amplify|oidc|currentUser|whoami|['"`](\/api)?\/me['"`?/]/i;
/**
 * "Session" is a login session only in these shapes: `getSession()`, `useSession()`, `session.user`, `sessionToken`,
 * `/api/auth/session`. A learning or chat session (`createOrResumeSessionRun(sessionId)`, a `/session?runId=…` page)
 * is product data.
 */
const SESSION_EVIDENCE =
  /\b(get|use|server|fetch|refresh|validate|check|destroy|clear)_?session\b|\bsession\??\.(user|token|access|expires|isLoggedIn)|\bsession_?(token|cookie|user|expir\w*)\b|['"`](\/api)?\/auth\/session\b/i;
/**
 * A data hook that lists or searches records: `useSearchAuthAttemptsQuery` pages through an admin list of login
 * attempts, `useListSessionsQuery` lists sessions. Its body names auth words (`authAttemptClient`, `login?: string`)
 * because the records are about auth, not because it reads the signed-in state.
 */
const RECORD_LIST_HOOK = /^use(Search|List|Paginated?|Count|All|Find(All|Many)?)(?![a-z])/;
/**
 * A query hook (`use…Query`, `use…Queries`) is an auth hook only when what it fetches is the signed-in state itself
 * (`useMeQuery`, `useGetCurrentUserQuery`, `useSessionQuery`), not records whose names hold an auth word.
 */
const QUERY_HOOK = /^use(?:Get|Fetch|Load|Read)?(\w*?)(?:Infinite)?Quer(?:y|ies)$/;
const SIGNED_IN_STATE =
  /^(me|whoami|token|accesstoken|userinfo|(my)?permissions|is(logged|signed)in|(auth|current|logged(in)?|signed(in)?|connected|authenticated|session|login)(user|state|status|session|info|check)?)$/i;

/** Whether a hook's name can be an auth hook's; its body must still show auth (`showsAuth`). */
function authHookName(name: string): boolean {
  if (!AUTH_WORD.test(name.replace(STORAGE, '')) || RECORD_LIST_HOOK.test(name)) return false;
  const query = QUERY_HOOK.exec(name);
  return !query || SIGNED_IN_STATE.test(query[1]);
}

/**
 * The browser's `sessionStorage` (and hooks named after it, `useSessionStorage`) holds any state for the tab: the word
 * "session" in it says nothing about signing in. What such a hook stores (a token, the user) still counts.
 */
const STORAGE = /session_?storage/gi;

/**
 * Whether the text can hold anything `authOf` reports: a quoted auth library, or an identifier that would pass as an
 * auth hook's name. HOOK_TEXT alone lets through every file importing `{ useMemo }` (`useMe…`), so most React files
 * were parsed here for nothing.
 */
function mayHoldAuth(text: string): boolean {
  if (LIBRARY_NAME.test(text)) return true;
  HOOK_NAME.lastIndex = 0;
  for (let m = HOOK_NAME.exec(text); m; m = HOOK_NAME.exec(text)) if (AUTH_WORD.test(m[0])) return true;
  return false;
}

const SFC = /\.(vue|svelte|astro)$/;

/** Counts the auth libraries a component file imports (each once), at the line of its first import of each. */
function countSfcImports(
  index: RepoIndex,
  file: string,
  text: string,
  libraries: Map<string, { file: string; line: number; count: number }>,
  libraryIn: (file: string, spec: string) => string | undefined,
): void {
  const seen = new Set<string>();
  for (const ref of moduleReferencesOf(index, file)) {
    const module = libraryIn(file, ref.module);
    if (!module || seen.has(module)) continue;
    seen.add(module);
    const entry = libraries.get(module);
    if (entry) entry.count++;
    else {
      const at = text.search(new RegExp(`['"]${ref.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`));
      libraries.set(module, { file, line: at >= 0 ? index.lineAt(file, at) ?? 1 : 1, count: 1 });
    }
  }
}

/** The auth library an import names: itself, or the package of a subpath import (`@clerk/nextjs/server` → `@clerk/nextjs`). */
function libraryOf(spec: string): string | undefined {
  if (LIBRARIES.test(spec)) return spec;
  const pkg = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  return pkg !== spec && LIBRARIES.test(pkg) ? pkg : undefined;
}

/** `aliases`: the app bundler's path aliases (Vite `resolve.alias` keys), which name its own folders, not packages. */
export function authOf(index: RepoIndex, appDir: string, files: readonly string[], aliases: readonly string[] = []): AuthData[] {
  const libraries = new Map<string, { file: string; line: number; count: number }>();
  const hooks: AuthData[] = [];
  const resolver = moduleResolver(index);
  // `@auth/store` through tsconfig `paths` (`@auth/*` → src/app/auth/*) is the app's own folder, not Auth.js.
  const libraryIn = (file: string, spec: string): string | undefined => {
    const lib = libraryOf(spec);
    if (!lib || aliases.some((a) => spec === a || spec.startsWith(`${a}/`))) return undefined;
    return resolver.resolve(file, spec) === undefined ? lib : undefined;
  };
  for (const file of files) {
    if (/\.(test|spec|stories)\.[jt]sx?$/.test(file)) continue;
    // A Vue, Svelte or Astro component imports in its script block: read with the one import scanner, as step 10 does.
    if (SFC.test(file)) {
      const text = index.read(file);
      if (text && LIBRARY_TEXT.test(text)) countSfcImports(index, file, text, libraries, libraryIn);
      continue;
    }
    if (!isSourceFile(file)) continue;
    const text = index.read(file);
    if (!text || !(HOOK_TEXT.test(text) || LIBRARY_TEXT.test(text)) || !mayHoldAuth(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    const seen = new Set<string>();
    // Names imported from an auth library: a hook calling one (`fetchAuthSession()`, `useClerk()`) is an auth hook.
    const fromLibrary = new Set<string>();
    for (const st of sf.statements) {
      const module = ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) ? libraryIn(file, st.moduleSpecifier.text) : undefined;
      if (ts.isImportDeclaration(st) && module) {
        for (const name of importedNames(st)) fromLibrary.add(name);
        if (seen.has(module)) continue;
        seen.add(module);
        const entry = libraries.get(module);
        if (entry) entry.count++;
        else libraries.set(module, { file, line: lineOf(st, sf), count: 1 });
      }
      for (const hook of declaredHooks(st)) {
        if (authHookName(hook.name) && showsAuth(hook.body, sf, fromLibrary)) hooks.push({ app: appDir, kind: 'hook', name: hook.name, file, line: lineOf(hook.node, sf), usedBy: 0 });
      }
    }
    for (const m of text.matchAll(DYNAMIC_IMPORT)) {
      const module = libraryIn(file, m[1]);
      if (!module || seen.has(module)) continue;
      seen.add(module);
      const entry = libraries.get(module);
      if (entry) entry.count++;
      else libraries.set(module, { file, line: index.lineAt(file, m.index) ?? 1, count: 1 });
    }
  }
  const libs = [...libraries].map(([name, l]): AuthData => ({ app: appDir, kind: 'library', name, file: l.file, line: l.line, usedBy: l.count }));
  return [...libs.sort((a, b) => (a.name < b.name ? -1 : 1)), ...hooks];
}

function importedNames(st: ts.ImportDeclaration): string[] {
  const clause = st.importClause;
  if (!clause || clause.isTypeOnly) return [];
  const out = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) out.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) out.push(el.name.text);
  return out;
}

/** The body's text names an auth concept, or it uses a name imported from an auth library. */
function showsAuth(body: ts.Node | undefined, sf: ts.SourceFile, fromLibrary: ReadonlySet<string>): boolean {
  if (!body) return false;
  const text = body.getText(sf).replace(STORAGE, '');
  if (AUTH_EVIDENCE.test(text) || SESSION_EVIDENCE.test(text)) return true;
  if (fromLibrary.size === 0) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && fromLibrary.has(n.text)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/**
 * `function useX`, `const useX = () => …`, and `export const { useUser, useLogin } = configureAuth(…)`; `body` is what
 * is read for evidence (the function body, or the call the hooks are destructured from).
 */
function declaredHooks(st: ts.Statement): { name: string; node: ts.Node; body?: ts.Node }[] {
  if (ts.isFunctionDeclaration(st) && st.name && AUTH_HOOK.test(st.name.text)) return [{ name: st.name.text, node: st, body: st.body }];
  const out: { name: string; node: ts.Node; body?: ts.Node }[] = [];
  if (ts.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) {
      if (ts.isObjectBindingPattern(d.name) && d.initializer && ts.isCallExpression(d.initializer)) {
        for (const el of d.name.elements) if (ts.isIdentifier(el.name) && AUTH_HOOK.test(el.name.text)) out.push({ name: el.name.text, node: el, body: d.initializer });
      }
      if (!ts.isIdentifier(d.name) || !AUTH_HOOK.test(d.name.text) || !d.initializer) continue;
      if (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) out.push({ name: d.name.text, node: d, body: d.initializer.body });
    }
  }
  return out;
}
