import { describe, expect, it } from 'vitest';
import { expoRoutePath, expoRouterDetector } from '../src/detectors/expo-router/index.js';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

describe('Expo Router apps', () => {
  it('turns files under app/ into URLs: groups out, index folded, layouts, API and special files', () => {
    expect(expoRoutePath('(tabs)/index.tsx')).toEqual({ kind: 'page', path: '/' });
    expect(expoRoutePath('(tabs)/_layout.tsx')).toEqual({ kind: 'layout', path: '/', group: '(tabs)' });
    expect(expoRoutePath('feed/[id].web.tsx')).toEqual({ kind: 'page', path: '/feed/[id]', platform: 'web' });
    expect(expoRoutePath('api/hello+api.ts')).toEqual({ kind: 'api', path: '/api/hello' });
    expect(expoRoutePath('+not-found.tsx')).toEqual({ kind: 'not-found', path: '/' });
    expect(expoRoutePath('+html.tsx')).toBeUndefined();
    expect(expoRoutePath('feed/[id].test.tsx')).toBeUndefined();
  });

  it('an Expo app with react-dom for its web target is an Expo app, not skipped for lacking a bundler', async () => {
    const apps = frontendApps(await indexOf('fe-expo-router'));
    expect(apps.map((a) => `${a.name} ${a.framework} ${a.version}`)).toEqual(['expo-shop expo ~54.0.0']);
  });

  it('reads every screen, layout and API route with its component', async () => {
    const routes = (await detect(expoRouterDetector, 'fe-expo-router')).map((f) => f.data as FrontendRouteData);
    expect(routes.map((r) => `${r.extras?.kind} ${r.path} ${r.component ?? '-'} ${r.file}`).sort()).toEqual([
      'api /api/hello - src/app/api/hello+api.ts',
      'layout / RootLayout src/app/_layout.tsx',
      'layout / TabLayout src/app/(tabs)/_layout.tsx',
      'not-found / NotFound src/app/+not-found.tsx',
      'page / HomeScreen src/app/(tabs)/index.tsx',
      'page /feed/[id] PostPage src/app/feed/[id].web.tsx',
      'page /feed/[id] PostScreen src/app/feed/[id].tsx',
      'page /settings SettingsScreen src/app/(tabs)/settings.tsx',
    ]);
  });

  it('step 5 lists the app with its file routes and layouts', async () => {
    const s = await section(frontendStep, 'fe-expo-router');
    const md = s.markdown;
    expect(md).toContain('1 frontend app: `expo-shop` (Expo (React Native)).');
    expect(md).not.toContain('No frontend application found');
    expect(md).toContain('Expo Router (the file is the route). 4 routes:');
    expect(md).toContain('| / | `HomeScreen` | `/src/app/(tabs)/index.tsx:1` | component in `/src/features/home-screen.tsx:3` |');
    expect(md).toContain('| /feed/\\[id\\] | `PostPage` | `/src/app/feed/[id].web.tsx:1` | web only |');
    expect(md).toContain('| `GET /api/hello` | `/src/app/api/hello+api.ts:1` |');
    expect(md).toContain('- `TabLayout` — `/src/app/(tabs)/_layout.tsx:3` — wraps the (tabs) route group (2 routes under /; a group adds no URL segment)');
    expect(md).toContain('- `RootLayout` — `/src/app/_layout.tsx:3` — wraps / and below (4 routes)');
    expect(missingCitations(md, await indexOf('fe-expo-router'))).toEqual([]);
    expect(s.failures).toEqual([]);
  });
});

describe('Expo Router API routes in step 3', () => {
  it('are not hidden behind "no backend API": step 3 names them', async () => {
    const { STEPS } = await import('../src/steps/registry.js');
    const md = (await section(STEPS[2].definition, 'fe-expo-router')).markdown;
    expect(md).toContain('- Expo Router API route /api/hello (listed with its app in step 5) — `/src/app/api/hello+api.ts:1`');
  });
});
