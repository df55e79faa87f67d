/**
 * Hand check of chatbot-ui: step 9 said "pages here sit behind `middleware`" while its middleware.ts only routes
 * locales (next-i18n-router) and redirects a signed-in user from / to the chat; it turns no request away. A middleware
 * that denies (401, a sign-in redirect), itself or in a repository module it imports, still guards.
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';
import { missingCitations } from '../src/steps/verify-citations.js';

const page = (name: string) => `export default function ${name}() {\n  return <main>${name}</main>;\n}\n`;
const app = (middleware: Record<string, string>) =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'chat', private: true, dependencies: { next: '14.2.5', react: '18.3.1', 'react-dom': '18.3.1', 'next-i18n-router': '5.0.0' } }),
    'next.config.js': 'module.exports = {};\n',
    'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } }),
    'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
    'app/page.tsx': page('Home'),
    'app/chat/page.tsx': page('Chat'),
    'app/settings/page.tsx': page('Settings'),
    ...middleware,
  });

const i18nOnly = [
  'import { i18nRouter } from "next-i18n-router"',
  'import { NextResponse, type NextRequest } from "next/server"',
  'import i18nConfig from "./i18nConfig"',
  'export async function middleware(request: NextRequest) {',
  '  const i18nResult = i18nRouter(request, i18nConfig)',
  '  if (i18nResult) return i18nResult',
  '  if (request.nextUrl.pathname === "/") return NextResponse.redirect(new URL("/chat", request.url))',
  '  return NextResponse.next()',
  '}',
  'export const config = { matcher: "/((?!api|static|.*\\\\..*|_next|auth).*)" }',
].join('\n');

describe("step 9's access line for a Next.js root middleware", () => {
  it('one that only routes locales and redirects is not said to guard the pages', async () => {
    const root = app({ 'middleware.ts': i18nOnly, 'i18nConfig.js': 'module.exports = { locales: ["en"], defaultLocale: "en" }\n' });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toMatch(/pages here sit behind `middleware`/);
    expect(md).toContain('but no 401/403, sign-in redirect or auth library was found in it or the repository modules it imports');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('one whose imported helper redirects to /login still guards them', async () => {
    const root = app({
      'middleware.ts': 'import { type NextRequest } from "next/server"\nimport { updateSession } from "@/lib/supabase/middleware"\nexport async function middleware(request: NextRequest) {\n  return await updateSession(request)\n}\n',
      'lib/supabase/middleware.ts': [
        'import { NextResponse, type NextRequest } from "next/server"',
        'export async function updateSession(request: NextRequest) {',
        '  if (!request.cookies.get("sb-token")) return NextResponse.redirect(new URL("/login", request.url))',
        '  return NextResponse.next()',
        '}',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toMatch(/pages here sit behind `middleware`/);
  });

  // nextjs-postgres-nextauth-tailwindcss-template: `export { auth as middleware } from '@/lib/auth'`, next-auth there.
  it('one re-exported from a module built on an auth library names the library, never "no auth library"', async () => {
    const root = app({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/components/*': ['components/*'], '@/lib/*': ['lib/*'] } } }),
      'middleware.ts': "export { auth as middleware } from '@/lib/auth';\n\nexport const config = {\n  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)']\n};\n",
      'lib/auth.ts': "import NextAuth from 'next-auth';\nimport GitHub from 'next-auth/providers/github';\n\nexport const { handlers, signIn, signOut, auth } = NextAuth({\n  providers: [GitHub]\n});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toMatch(/no 401\/403, sign-in redirect or auth library was found/);
    expect(md).toContain('it comes from `next-auth` (`/lib/auth.ts:1`), so what it turns away depends on how that library is configured there (for next-auth, its `authorized` callback)');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('one re-exported from a module that redirects to a sign-in page guards the pages', async () => {
    const root = app({
      'middleware.ts': "export { default } from '@/lib/guard';\n",
      'lib/guard.ts': "export { guard as default } from './guard-impl';\n",
      'lib/guard-impl.ts': 'import { NextResponse, type NextRequest } from "next/server"\nexport function guard(request: NextRequest) {\n  if (!request.cookies.get("session")) return NextResponse.redirect(new URL("/sign-in", request.url))\n  return NextResponse.next()\n}\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toMatch(/pages here sit behind `middleware`/);
  });

  // turborepo-fullstack-starter: `import { chain, auth } from './middlewares'`, whose index.ts is a barrel
  // (`export * from './auth'`); auth.ts redirects to /auth/signin without a session.
  it('one whose imported barrel re-exports a module that redirects to a sign-in page guards the pages', async () => {
    const root = app({
      'middleware.ts': "import { chain, auth } from './middlewares';\n\nexport const config = { matcher: [{ source: '/chat/:path*' }, { source: '/settings/:path*' }] };\n\nexport default chain([auth]);\n",
      'middlewares/index.ts': "export * from './chain';\nexport * from './auth';\n",
      'middlewares/chain.ts': "import { NextResponse, type NextMiddleware } from 'next/server';\nexport function chain(fns: ((m: NextMiddleware) => NextMiddleware)[]): NextMiddleware {\n  return fns.reduceRight((next, f) => f(next), (() => NextResponse.next()) as NextMiddleware);\n}\n",
      'middlewares/auth.ts': [
        "import { type NextMiddleware, NextRequest, NextResponse } from 'next/server';",
        'export function auth(middleware: NextMiddleware): NextMiddleware {',
        '  return async (request: NextRequest, event) => {',
        "    const session = request.cookies.get('session');",
        "    if (request.nextUrl.pathname.startsWith('/chat')) {",
        "      if (!session) return NextResponse.redirect(new URL('/auth/signin', request.url));",
        '      return middleware(request, event);',
        '    }',
        "    return NextResponse.redirect(new URL('/auth/signin', request.url));",
        '  };',
        '}',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toMatch(/no 401\/403, sign-in redirect or auth library was found/);
    expect(md).toMatch(/\*\*Access:\*\* pages here (sit behind|pass through)/);
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});

describe("step 5's middleware line", () => {
  const denying = 'import { NextResponse, type NextRequest } from "next/server"\nexport function middleware(request: NextRequest) {\n  if (!request.cookies.get("token")) return NextResponse.redirect(new URL("/login", request.url))\n  return NextResponse.next()\n}\n';

  it('says a middleware without a matcher runs on every route, not "some" (not-found is not a route)', async () => {
    // nextjs-nestjs-turborepo-template: apps/web/src/proxy.ts exports no `config.matcher`, so it runs everywhere.
    const root = app({ 'middleware.ts': denying, 'app/not-found.tsx': page('NotFound'), 'app/api/ping/route.ts': 'export function GET() {\n  return Response.json({ ok: true });\n}\n' });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('**Middleware:** `middleware` (`/middleware.ts`) runs on every page and route handler (all 4)');
    expect(md).not.toContain('cover some routes');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('says how many routes a matcher covers', async () => {
    const root = app({ 'middleware.ts': `${denying}export const config = { matcher: ['/chat/:path*'] }\n`, 'app/api/ping/route.ts': 'export function GET() {\n  return Response.json({ ok: true });\n}\n' });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('**Middleware:** `middleware` (`/middleware.ts`) runs on the 1 of 4 pages and route handlers its matcher covers (see the Notes column)');
  });
});
