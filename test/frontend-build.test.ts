import { describe, expect, it } from 'vitest';
import { frontendBuildDetector, frontendApps, type FrontendAppData, type FrontendEnvData } from '../src/detectors/frontend-build/index.js';
import { moduleResolver } from '../src/detectors/shared/resolve-module.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { EXAMPLE, detect, indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const appOf = async (fixture: string) => (await detect(frontendBuildDetector, fixture)).find((f) => f.kind === 'frontend.app')!.data as FrontendAppData;
const envOf = async (fixture: string) =>
  new Map((await detect(frontendBuildDetector, fixture)).filter((f) => f.kind === 'frontend.env').map((f) => [(f.data as FrontendEnvData).name, f]));

describe('frontend apps and build config', () => {
  it('classifies each fixture by framework and build tool', async () => {
    const kinds = await Promise.all(
      ['fe-astro-site', 'fe-react-router', 'fe-react-router-jsx', 'fe-next-app', 'fe-tanstack-router', 'fe-rr7-framework'].map(async (f) => {
        const [app] = frontendApps(await indexOf(f));
        return `${app.framework}/${app.buildTool}`;
      }),
    );
    expect(kinds).toEqual(['astro/astro', 'react/vite', 'react/react-scripts', 'next/next', 'react/vite', 'remix/vite']);
  });

  it('does not take a published Vue or Solid library built with Vite, or an Astro integration, for an app, and keeps the app beside it', async () => {
    const lib = (name: string, dep: string) =>
      JSON.stringify({ name, version: '1.0.0', main: 'dist/index.js', exports: { '.': './dist/index.js' }, peerDependencies: { [dep]: '^3.0.0' }, devDependencies: { vite: '^5.0.0' } });
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*', 'apps/*'] }),
      'packages/vue-router/package.json': lib('@x/vue-router', 'vue'),
      'packages/vue-router/vite.config.ts': 'export default { build: { lib: {} } };\n',
      'packages/solid-router/package.json': lib('@x/solid-router', 'solid-js'),
      'packages/solid-router/vite.config.ts': 'export default { build: { lib: {} } };\n',
      'apps/web/package.json': JSON.stringify({ name: 'web', private: true, dependencies: { vue: '^3.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'apps/web/index.html': '<div id="app"></div>\n',
      // An Astro integration is published and has no pages or config of its own.
      'packages/astro-alpine/package.json': JSON.stringify({ name: '@x/alpine', version: '1.0.0', exports: { '.': './dist/index.js' }, devDependencies: { astro: '^5.0.0' } }),
      'packages/astro-alpine/src/index.ts': 'export default function alpine() { return { name: "alpine", hooks: {} }; }\n',
    });
    expect(frontendApps(await buildIndex(root)).map((a) => a.name)).toEqual(['web']);
  });

  it('recognises a VitePress site as a Vue app built with VitePress, without passing its version off as Vue\'s', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'docs-site', private: true, devDependencies: { vitepress: '^1.6.4' } }),
      'docs/.vitepress/config.ts': "export default { title: 'Docs' };\n",
      'docs/index.md': '# Docs\n',
    });
    const [app] = frontendApps(await buildIndex(root));
    expect(app).toMatchObject({ name: 'docs-site', framework: 'vue', buildTool: 'vitepress' });
    expect(app.version).toBeUndefined();
  });

  it('finds both apps of the example monorepo and no app in its libraries', async () => {
    const apps = frontendApps(await indexOf(EXAMPLE));
    expect(apps.map((a) => `${a.dir}:${a.framework}`)).toEqual(['packages/dashboard:react', 'packages/landing:astro']);
  });

  it('reads the Astro config statically: site, output, adapter, integrations, port', async () => {
    const app = await appOf('fe-astro-site');
    expect(app.config).toMatchObject({
      file: 'astro.config.mjs',
      site: 'https://example.dev',
      output: 'hybrid',
      adapter: '@astrojs/vercel/serverless',
      plugins: ['@astrojs/react', '@astrojs/sitemap', '@astrojs/tailwind'],
      port: 4330,
    });
    expect(app.devPort).toBe(4330);
    expect(app.devPortSource).toBe('config');
  });

  it('reads a Vite config returned from a function: port, proxy targets, plugins, aliases', async () => {
    const app = await appOf('fe-react-router');
    expect(app.config?.port).toBe(3001);
    expect(app.config?.proxy).toEqual([
      { path: '/api', target: 'http://localhost:8787' },
      { path: '/ws', target: 'ws://localhost:8787' },
    ]);
    expect(app.config?.plugins).toEqual(['@vitejs/plugin-react']);
    expect(app.config?.aliases).toEqual(['@']);
  });

  it('shows a computed proxy target as written', async () => {
    const dashboard = (await detect(frontendBuildDetector, EXAMPLE)).find((f) => f.id === 'packages/dashboard')!.data as FrontendAppData;
    expect(dashboard.config?.proxy).toEqual([{ path: '/api', target: "env.DEV_API_PROXY_TARGET ?? 'https://app.staging.kvstore.dev'" }]);
  });

  it('takes the dev port from the dev script, or the framework default', async () => {
    expect((await appOf('fe-next-app')).devPort).toBe(3002);
    expect((await appOf('fe-next-app')).devPortSource).toBe('script');
    expect((await appOf('fe-react-router-jsx')).devPort).toBe(3005);
    expect((await appOf('fe-tanstack-code')).devPortSource).toBe('default');
    const next = await appOf('fe-next-app');
    expect(next.config).toMatchObject({ file: 'next.config.mjs', output: 'standalone', base: '/shop-app', declaredEnv: ['BUILD_CHANNEL'] });
  });

  it('lists env vars read through import.meta.env and process.env, with where they are read and declared', async () => {
    const astro = await envOf('fe-astro-site');
    expect(astro.get('PUBLIC_API_URL')!.at).toEqual([{ file: 'src/components/PricingTable.tsx', line: 5 }, { file: '.env.example' }]);
    expect(astro.get('PUBLIC_PADDLE_TOKEN')!.at[0]).toEqual({ file: 'src/pages/pricing.astro', line: 5 });
    const next = await envOf('fe-next-app');
    expect((next.get('NEXT_PUBLIC_API_URL')!.data as FrontendEnvData).public).toBe(true);
    expect((next.get('DATABASE_URL')!.data as FrontendEnvData).public).toBe(false);
    expect(next.get('DATABASE_URL')!.at[0]).toEqual({ file: 'lib/db.ts', line: 1 });
    const cra = await envOf('fe-react-router-jsx');
    expect([...cra.keys()].sort()).toEqual(['REACT_APP_API_URL', 'REACT_APP_SHOW_ABOUT']);
    expect((cra.get('REACT_APP_API_URL')!.data as FrontendEnvData).public).toBe(true);
  });

  it('resolves imports through tsconfig references, the @/ alias, barrels and .js suffixes', async () => {
    const index = await indexOf('fe-react-router');
    const r = moduleResolver(index);
    expect(r.resolve('src/main.tsx', '@/context/AuthContext')).toBe('src/context/AuthContext.tsx');
    expect(r.resolve('src/router.tsx', '@/pages')).toBe('src/pages/index.ts');
    expect(r.resolve('src/router.tsx', './routes/admin.js')).toBe('src/routes/admin.tsx');
    expect(r.resolve('src/router.tsx', 'react-router-dom')).toBeUndefined();
    const astro = moduleResolver(await indexOf('fe-astro-site'));
    expect(astro.resolve('src/pages/index.astro', '@layouts/BaseLayout.astro')).toBe('src/layouts/BaseLayout.astro');
  });
});
