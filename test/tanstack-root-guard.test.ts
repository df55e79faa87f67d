import { describe, expect, it } from 'vitest';
import type { FrontendRouteData } from '../src/detectors/shared/frontend-route.js';
import { tanstackRouterDetector } from '../src/detectors/tanstack-router/index.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const json = (o: unknown) => JSON.stringify(o);

function app(root: string): string {
  const route = (id: string, name: string, extra = '') =>
    [
      "import { createFileRoute, redirect } from '@tanstack/react-router';",
      `export const Route = createFileRoute('${id}')({`,
      extra,
      `  component: ${name},`,
      '});',
      `function ${name}() { return null; }`,
    ].join('\n');
  return tempRepo({
    'package.json': json({ name: 'web', type: 'module', dependencies: { '@tanstack/react-router': '^1.120.0', react: '^19.0.0', 'react-dom': '^19.0.0' }, devDependencies: { vite: '^6.0.0' } }),
    'index.html': '<div id="app"></div><script type="module" src="/src/main.tsx"></script>',
    'src/main.tsx': 'export {};\n',
    'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
    'src/routes/__root.tsx': [
      "import { createRootRouteWithContext, redirect } from '@tanstack/react-router';",
      'export const Route = createRootRouteWithContext<{ auth: any }>()({',
      root,
      '  component: Root,',
      '});',
      'function Root() { return null; }',
    ].join('\n'),
    'src/routes/_auth.tsx': route('/_auth', 'AuthLayout', "  beforeLoad: ({ context }) => { if (context.auth.status !== 'loggedIn') throw redirect({ to: '/login' }); },"),
    'src/routes/_auth/profile.tsx': route('/_auth/profile', 'Profile'),
    'src/routes/about.tsx': route('/about', 'About'),
    'src/routes/login.tsx': route('/login', 'Login'),
  });
}

const routesOf = async (dir: string) => (await detect(tanstackRouterDetector, dir)).map((f) => f.data as FrontendRouteData);

describe('TanStack root beforeLoad', () => {
  it('one that only prepares the context (neither redirects nor throws) guards nothing', async () => {
    const dir = app('  beforeLoad: async ({ context }) => {\n    await context.auth.client.auth.initialize();\n  },');
    const found = await routesOf(dir);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('__root__').guards).toEqual([]);
    expect(by('/about').guards).toEqual([]);
    expect(by('/_auth/profile').guards).toEqual(['beforeLoad in /_auth']);
    const s5 = (await section(frontendStep, dir)).markdown;
    expect(s5).not.toContain('beforeLoad in root');
    const s9 = (await section(workflowsStep, dir)).markdown;
    expect(s9).not.toContain('beforeLoad in root');
  });

  it('one that only prefetches (`queryClient.ensureQueryData(getUserBookingsQueryOptions)`) guards nothing', async () => {
    // `ensureQueryData` loads data; its name matches the guard-helper words (`ensure…`) but it turns nobody away.
    const dir = app('  beforeLoad: async ({ context }) => {\n    context.queryClient.ensureQueryData(getUserBookingsQueryOptions);\n    context.queryClient.prefetchQuery(envQueryOptions);\n  },');
    const found = await routesOf(dir);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('__root__').guards).toEqual([]);
    expect(by('/about').guards).toEqual([]);
    expect(by('/_auth/profile').guards).toEqual(['beforeLoad in /_auth']);
    const s9 = (await section(workflowsStep, dir)).markdown;
    expect(s9).not.toContain('beforeLoad in root');
  });

  it('one that redirects is inherited by every route under the root, except the pages it names', async () => {
    const dir = app("  beforeLoad: ({ context, location }) => {\n    if (!context.auth.user && location.pathname !== '/login') throw redirect({ to: '/login' });\n  },");
    const found = await routesOf(dir);
    const by = (id: string) => found.find((r) => r.extras?.id === id)!;
    expect(by('/about').guards).toEqual(['beforeLoad in root']);
    expect(by('/_auth/profile').guards).toEqual(['beforeLoad in root', 'beforeLoad in /_auth']);
    expect(by('/login').guards).toEqual([]);
    const s9 = (await section(workflowsStep, dir)).markdown;
    expect(s9).not.toContain('as 1 of');
  });
});
