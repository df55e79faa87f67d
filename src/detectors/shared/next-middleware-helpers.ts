/**
 * Next.js middleware read a step further than its own `redirect(…)` calls (next-middleware.ts): a redirect to sign-in
 * made through a helper defined in the same file, and a JWT verified with jose or jsonwebtoken.
 */

const SIGN_IN = /log-?in|sign-?in|auth/i;
/** `const createClearRedirect = (url, req) => {`, `function redirectTo(url) {`, `const go = async url =>`. */
const HELPER = /^(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=>)/gm;
/** The next top-level declaration: where a helper's body ends, as far as this reading goes. */
const NEXT_TOP = /^(?:export\s+)?(?:async\s+)?(?:function|const|let|var|class)\b/gm;

/**
 * Whether a call of a same-file helper that redirects or rewrites (`createClearRedirect('/auth?redirectUri=…', req)`,
 * whose body calls `NextResponse.redirect(new URL(url, req.url))`) names a sign-in page in its arguments.
 */
export function helperRedirectsToSignIn(text: string): boolean {
  const helpers: string[] = [];
  for (const m of text.matchAll(HELPER)) {
    const name = m[1] ?? m[2];
    NEXT_TOP.lastIndex = m.index + m[0].length;
    const end = NEXT_TOP.exec(text)?.index ?? text.length;
    if (/\b(redirect|rewrite)\(/.test(text.slice(m.index + m[0].length, end))) helpers.push(name);
  }
  for (const name of helpers) {
    for (const call of text.matchAll(new RegExp(String.raw`(?<![\w$.])${name.replace(/\$/g, '\\$')}\s*\(`, 'g'))) {
      let depth = 1;
      let i = call.index + call[0].length;
      for (const stop = Math.min(text.length, i + 300); i < stop && depth > 0; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
      if (SIGN_IN.test(text.slice(call.index + call[0].length, i))) return true;
    }
  }
  return false;
}

/** `import { jwtVerify } from 'jose'`, `import jwt from 'jsonwebtoken'`: the middleware checks a token itself. */
const JWT_IMPORT = /\bimport\s*\{[^}]*\bjwtVerify\b[^}]*\}\s*from\s*['"](jose)['"]|\b(?:from|require\()\s*['"](jsonwebtoken)['"]/;

export function jwtImport(text: string): { name: string; index: number } | undefined {
  const m = JWT_IMPORT.exec(text);
  return m ? { name: m[1] ?? m[2], index: m.index } : undefined;
}
