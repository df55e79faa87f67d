import { describe, expect, it } from 'vitest';
import { nextPagesDetector } from '../src/detectors/nextjs-pages/index.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { nextAppPath, nextPagesPath } from '../src/detectors/shared/next-routes.js';
import { detect } from './helpers/fixture.js';

const routes = async () => (await detect(nextPagesDetector, 'fe-next-app')).map((f) => f.data as FrontendRouteData);

describe('Next.js pages detector', () => {
  it('turns app/ and pages/ files into URLs: groups and slots out, dynamic segments kept', () => {
    expect(nextAppPath('(marketing)/about/page.tsx')).toBe('/about');
    expect(nextAppPath('shop/[[...slug]]/page.tsx')).toBe('/shop/[[...slug]]');
    expect(nextAppPath('@modal/(.)photo/[id]/page.tsx')).toBe('/photo/[id]');
    expect(nextAppPath('_components/Nav/page.tsx')).toBeUndefined();
    expect(nextAppPath('page.tsx')).toBe('/');
    expect(nextPagesPath('index.tsx')).toBe('/');
    expect(nextPagesPath('blog/[slug].tsx')).toBe('/blog/[slug]');
    expect(nextPagesPath('_app.tsx')).toBeUndefined();
  });

  it('lists every page with its component and file, layouts, and the API routes', async () => {
    const found = await routes();
    const pages = found.filter((r) => r.extras?.kind === 'page').map((r) => `${r.path} → ${r.component} @ ${r.file}:${r.line}`);
    expect(pages).toEqual([
      '/ → HomePage @ app/page.tsx:2',
      '/about → AboutPage @ app/(marketing)/about/page.tsx:1',
      '/blog/[slug] → BlogPost @ app/blog/[slug]/page.tsx:4',
      '/dashboard → Dashboard @ app/dashboard/page.tsx:3',
      '/dashboard/settings → SettingsPage @ app/dashboard/settings/page.tsx:1',
      '/docs/[...slug] → DocsPage @ app/docs/[...slug]/page.tsx:1',
      '/legacy → Legacy @ pages/legacy.tsx:1',
      '/shop/[[...slug]] → ShopPage @ app/shop/[[...slug]]/page.tsx:4',
    ]);
    const layouts = found.filter((r) => r.layout).map((r) => `${r.path} ${r.component}`);
    expect(layouts).toEqual(['/ MarketingLayout', '/ RootLayout', '/dashboard DashboardLayout']);
    const api = found.filter((r) => r.extras?.kind === 'route' || r.extras?.kind === 'api').map((r) => `${r.extras?.methods ?? 'ALL'} ${r.path}`);
    expect(api).toEqual(['GET, POST /api/auth/[...nextauth]', 'ALL /api/hello', 'GET, POST /api/users', 'DELETE, GET /api/users/[id]']);
  });

  it('cites a route handler at its first method export, not at an earlier `export const runtime`', async () => {
    const found = await routes();
    const at = (path: string) => found.filter((r) => r.path === path && r.extras?.kind === 'route').map((r) => `${r.file}:${r.line}`);
    expect(at('/api/users/[id]')).toEqual(['app/api/users/[id]/route.ts:3']);
    expect(at('/api/users')).toEqual(['app/api/users/route.ts:1']);
    expect(at('/api/auth/[...nextauth]')).toEqual(['app/api/auth/[...nextauth]/route.ts:1']); // `export { GET, POST } from …`
  });

  it('attaches loading/error files, client components, generateStaticParams and middleware guards', async () => {
    const found = await routes();
    const dashboard = found.find((r) => r.path === '/dashboard' && r.extras?.kind === 'page')!;
    expect(dashboard.extras).toMatchObject({ loading: 'app/dashboard/loading.tsx', error: 'app/dashboard/error.tsx', client: 'yes' });
    expect(dashboard.guards).toEqual(['middleware']);
    expect(found.find((r) => r.path === '/dashboard/settings')!.guards).toEqual(['middleware']);
    expect(found.find((r) => r.path === '/about')!.guards).toEqual([]);
    expect(found.find((r) => r.path === '/blog/[slug]')!.extras?.generateStaticParams).toBe('yes');
  });
});

describe('error boundaries are not pages', () => {
  it('app/global-error.tsx is not a second "/" route in step 5', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { frontendStep } = await import('../src/steps/05-frontend.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0' } }),
      'next.config.js': 'module.exports = {};',
      'app/layout.tsx': 'export default function RootLayout({ children }) { return <html><body>{children}</body></html>; }',
      'app/page.tsx': 'export default function Home() { return <main />; }',
      'app/global-error.tsx': "'use client';\nexport default function GlobalError() { return <html><body>Something went wrong</body></html>; }",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('| / | `Home` |');
    expect(md).not.toContain('GlobalError');
  });
});

describe('destructured exports', () => {
  it('`export const { GET, POST } = handlers` (NextAuth v5) gives the route those methods, not ALL', async () => {
    const { endpointMethods } = await import('../src/detectors/astro/routes.js');
    const { ts } = await import('../src/scan/ts.js');
    const sf = ts.createSourceFile('route.ts', "import { handlers } from '@/auth';\nexport const { GET, POST } = handlers;\n", ts.ScriptTarget.Latest, true);
    expect(endpointMethods(sf)).toEqual(['GET', 'POST']);
  });
});

describe("'use client' after a comment", () => {
  it('marks a page a client component when the directive follows an eslint comment, and not when it is not first', async () => {
    const { hasFileDirective } = await import('../src/detectors/shared/directive.js');
    // N0SAFE/nextjs-nestjs-turborepo-template's apps/web/src/app/auth/signin/page.tsx starts so.
    expect(hasFileDirective("/* eslint-disable @typescript-eslint/no-unnecessary-condition */\n'use client'\n\nexport default 1\n", 'use client')).toBe(true);
    expect(hasFileDirective('// @ts-check\n"use strict";\n"use client";\n', 'use client')).toBe(true);
    expect(hasFileDirective("import x from 'y'\n'use client'\n", 'use client')).toBe(false);
    expect(hasFileDirective("const s = 'use client'\n", 'use client')).toBe(false);
    expect(hasFileDirective("'use server'\n", 'use client')).toBe(false);
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0' } }),
      'app/layout.tsx': 'export default function RootLayout({ children }) { return <html><body>{children}</body></html>; }',
      'app/signin/page.tsx': "/* eslint-disable @typescript-eslint/no-unnecessary-condition */\n'use client'\n\nexport default function SignIn() { return <main />; }\n",
    });
    const pages = (await detect(nextPagesDetector, root)).map((f) => f.data as { file: string; extras: Record<string, string> });
    expect(pages.find((p) => p.file === 'app/signin/page.tsx')!.extras.client).toBe('yes');
  });
});
