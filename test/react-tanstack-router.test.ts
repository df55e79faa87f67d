import { describe, expect, it } from 'vitest';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { idFromFile, tanstackRouterDetector, urlOfId } from '../src/detectors/tanstack-router/index.js';
import { detect } from './helpers/fixture.js';

const routes = async (fixture: string) => (await detect(tanstackRouterDetector, fixture)).map((f) => f.data as FrontendRouteData);

describe('TanStack Router detector', () => {
  it('turns route ids into URLs: pathless _layouts and (groups) out, trailing slash is the index', () => {
    expect(urlOfId('/_auth/dashboard')).toEqual({ path: '/dashboard', index: false });
    expect(urlOfId('/(marketing)/pricing')).toEqual({ path: '/pricing', index: false });
    expect(urlOfId('/posts/')).toEqual({ path: '/posts', index: true });
    expect(idFromFile('src/routes/posts.$postId.tsx')).toBe('/posts/$postId');
    expect(idFromFile('src/routes/_auth/settings/route.tsx')).toBe('/_auth/settings');
    expect(idFromFile('src/routes/index.lazy.tsx')).toBe('/');
  });

  it('reads file routes with their components, layouts, lazy routes and beforeLoad guards', async () => {
    const found = await routes('fe-tanstack-router');
    expect(found.map((r) => `${r.extras?.id} ${r.path} → ${r.component} @ ${r.file}:${r.line}`)).toEqual([
      '/ / → (inline) @ src/routes/index.tsx:4',
      '/(marketing)/pricing /pricing → Pricing @ src/routes/(marketing)/pricing.lazy.tsx:7',
      '/_auth / → (inline) @ src/routes/_auth.tsx:7',
      '/_auth/dashboard /dashboard → Dashboard @ src/components/Dashboard.tsx:3',
      '/login /login → Login @ src/routes/login.tsx:3',
      '/posts /posts → PostsLayout @ src/routes/posts.tsx:9',
      '/posts/ /posts → PostsIndex @ src/routes/posts.index.tsx:7',
      '/posts/$postId /posts/$postId → PostView @ src/components/PostView.tsx:2',
      '__root__ / → RootComponent @ src/routes/__root.tsx:9',
    ]);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('/_auth/dashboard').guards).toEqual(['beforeLoad in /_auth']);
    expect(by('/login').guards).toEqual([]);
    expect(by('/posts').layout).toBe(true);
    expect(by('/posts/').layout).toBe(false);
    expect(by('/(marketing)/pricing').lazy).toBe(true);
  });

  it('composes code routes through getParentRoute, with pathless id routes as guarded layouts', async () => {
    const found = await routes('fe-tanstack-code');
    expect(found.map((r) => `${r.path} → ${r.component ?? '-'} @ ${r.file ?? '-'} ${r.guards.join(',')}`)).toEqual([
      '/ → Home @ src/router.tsx ',
      '/ → - @ - beforeLoad in /_auth',
      '/projects → Projects @ src/router.tsx beforeLoad in /_auth',
      '/projects/$projectId → Project @ src/router.tsx beforeLoad in /_auth',
      '/settings → Settings @ src/Settings.tsx beforeLoad in /_auth',
      '/ → (inline) @ src/router.tsx ',
    ]);
  });
});
