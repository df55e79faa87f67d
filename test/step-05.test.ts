import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontendStep } from '../src/steps/05-frontend.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

const FIXTURES = ['fe-astro-site', 'fe-react-router', 'fe-react-router-jsx', 'fe-react-router-built', 'fe-react-admin', 'fe-rr7-framework', 'fe-tanstack-router', 'fe-tanstack-code', 'fe-next-app', 'fe-expo-router', 'sdk-client'];

describe('step 5 — Frontend Applications', () => {
  it('is registered as step 5', () => {
    expect(STEPS[4].definition).toBe(frontendStep);
  });

  it.each(FIXTURES)('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(frontendStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 5. Frontend Applications');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
    expect(s.failures).toEqual([]);
  });

  it('says in one line when there is no frontend app', async () => {
    const s = await section(frontendStep, 'sdk-client');
    expect(s.markdown.trim().split('\n')).toHaveLength(3);
    expect(s.markdown).toContain('No frontend application found');
  });

  it('writes a React app: header, routes table with component and file, layouts, state, API client, env', async () => {
    const md = (await section(frontendStep, 'fe-react-router')).markdown;
    expect(md).toContain('- **Entry:** `/src/main.tsx:12` (createRoot) — renders `StrictMode` › `QueryClientProvider` › `Provider` › `AuthProvider` › `RouterProvider`');
    expect(md).toContain('- **Dev proxy:** /api → `http://localhost:8787`; /ws → `ws://localhost:8787`');
    expect(md).toContain('| /dashboard/keys/:keyId | `KeyDetail` | `/src/pages/KeyDetail.tsx:4` | lazy · guarded by ProtectedRoute |');
    expect(md).toContain('| /dashboard/settings/billing | `Billing` | `/src/pages/Settings.tsx:8` | guarded by ProtectedRoute |');
    expect(md).toContain('- `DashboardLayout` — `/src/layouts/DashboardLayout.tsx:5` — wraps 6 routes under /dashboard, guarded by `ProtectedRoute`');
    // A pathless layout wraps its own children, not every route under its parent's path.
    expect(md).toContain('- `ProtectedRoute` — `/src/components/ProtectedRoute.tsx:4` — wraps 7 routes under / (a layout without a path: adds no URL segment)');
    expect(md).toContain('- `RootLayout` — `/src/layouts/RootLayout.tsx:4` — wraps 10 routes under /');
    expect(md).toContain('| zustand | store | `useUiStore` | `/src/store/ui-store.ts:9` | state: `sidebarCollapsed`, `toggleSidebar` |');
    expect(md).toContain('- **API client:** `/src/lib/api.ts:4` — `axios`, base URL `import.meta.env.VITE_API_URL`, imported by 2 files');
    expect(md).toContain('- **Route guards:** `ProtectedRoute` (`/src/components/ProtectedRoute.tsx:4`)');
    expect(md).toContain('| `GET /v1/namespaces` | `/src/lib/api.ts:16` |');
    expect(md).toContain('| `VITE_COGNITO_USER_POOL_ID` | yes | `/src/context/AuthContext.tsx:17` | `/.env.example` |');
  });

  it('writes a Next.js app: pages, layouts, API endpoints briefly', async () => {
    const md = (await section(frontendStep, 'fe-next-app')).markdown;
    expect(md).toContain('| /shop/\\[\\[...slug\\]\\] | `ShopPage` | `/app/shop/[[...slug]]/page.tsx:4` |');
    expect(md).toContain("| /dashboard | `Dashboard` | `/app/dashboard/page.tsx:3` | matched by middleware · 'use client' · loading `/app/dashboard/loading.tsx` · error `/app/dashboard/error.tsx` |");
    expect(md).toContain('| `GET, POST /api/users` | `/app/api/users/route.ts:1` |');
    expect(md).toContain('- `RootLayout` — `/app/layout.tsx:5` — wraps / and below');
    expect(md).toContain('- `MarketingLayout` — `/app/(marketing)/layout.tsx:1` — wraps the (marketing) route group');
    expect(md).toContain('- `DashboardLayout` — `/app/dashboard/layout.tsx:1` — wraps /dashboard and below, matched by middleware');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(frontendStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-05.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('an api module calling axios directly', () => {
  it('is the API client, with the endpoints it calls', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'client', private: true, dependencies: { react: '^16.0.0', 'react-dom': '^16.0.0', 'react-scripts': '^5.0.0', axios: '^0.19.0' } }),
      'src/index.js': "import React from 'react';\nimport ReactDOM from 'react-dom';\nimport { fetchPosts } from './api';\nReactDOM.render(<div onClick={fetchPosts} />, document.getElementById('root'));\n",
      'src/api/index.js': "import axios from 'axios';\n\nconst url = 'http://localhost:5000/posts';\n\nexport const fetchPosts = () => axios.get(url);\nexport const likePost = (id) => axios.patch(`${url}/${id}/likePost`);\n",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain("- **API client:** `/src/api/index.js` — `axios`, base URL `'http://localhost:5000/posts'`, imported by 1 file");
    expect(md).toContain('| `GET /posts` | `/src/api/index.js:5` |');
    expect(md).toContain('| `PATCH /posts/{id}/likePost` | `/src/api/index.js:6` |');
  });
});
