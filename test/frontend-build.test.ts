import { describe, expect, it } from 'vitest';
import { frontendBuildDetector, frontendApps, type FrontendAppData } from '../src/detectors/frontend-build/index.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { moduleResolver } from '../src/detectors/shared/resolve-module.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { EXAMPLE, detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const appOf = async (fixture: string) => (await detect(frontendBuildDetector, fixture)).find((f) => f.kind === 'frontend.app')!.data as FrontendAppData;

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

  it('names a Nuxt app Nuxt with nuxt\'s version, not Vue with it (nuxt ^4 is no Vue 4)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'nuxt dev' }, dependencies: { nuxt: '^4.4.2', '@nuxt/ui': '^4.6.0' } }),
      'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
      'app/app.vue': '<template><NuxtPage /></template>\n',
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('**Framework:** Nuxt `^4.4.2`');
    expect(md).not.toContain('Vue `^4.4.2`');
  });

  it('gives a Vue app no route count, since its routes are not read', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { vue: '^2.6.0', 'vue-router': '^3.0.0' }, devDependencies: { '@vue/cli-service': '^4.0.0' } }),
      'vue.config.js': 'module.exports = {};\n',
      'src/router.js': "import Router from 'vue-router';\nexport default new Router({ routes: [{ path: '/', component: () => import('./views/Home.vue') }] });\n",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).toContain('| `shop` | Vue | repository root | `/vue.config.js` | — | not read |');
    expect(md).toContain('Routes and components of Vue apps are not analysed');
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
    expect(next.config).toMatchObject({ file: 'next.config.mjs', output: 'standalone', base: '/shop-app', declaredEnv: [{ name: 'BUILD_CHANNEL', line: 5 }] });
  });

  it('shows each app its variables from the one env model: where read, exposed to the browser or not, where declared', async () => {
    const astro = (await section(frontendStep, 'fe-astro-site')).markdown;
    expect(astro).toContain('| `PUBLIC_API_URL` | yes | `/src/components/PricingTable.tsx:5` | `/.env.example` |');
    expect(astro).toContain('| `PUBLIC_PADDLE_TOKEN` | yes | `/src/pages/pricing.astro:5` | `/.env.example` |');
    const next = (await section(frontendStep, 'fe-next-app')).markdown;
    expect(next).toContain('| `NEXT_PUBLIC_API_URL` | yes | `/lib/api.ts:1` | `/.env.example` |');
    // A config module: the read is where the value is exported from.
    expect(next).toContain('| `DATABASE_URL` | no | `/lib/db.ts:1` (as `databaseUrl`) | `/.env.example` |');
    // next.config `env` keys are inlined into the client bundle.
    expect(next).toContain('| `BUILD_CHANNEL` | yes | not read in code | `/next.config.mjs` |');
    const cra = (await section(frontendStep, 'fe-react-router-jsx')).markdown;
    expect(cra).toContain('| `REACT_APP_API_URL` | yes | `/src/api/client.js:1` | — |');
    expect(cra).toContain('| `REACT_APP_SHOW_ABOUT` | yes | `/src/App.jsx:15` | — |');
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

describe('VitePress sites', () => {
  it('name their .vitepress/config file as the config, not "—"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { frontendBuildDetector } = await import('../src/detectors/frontend-build/index.js');
    const { detect } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['site'] }),
      'site/package.json': JSON.stringify({ name: 'site', private: true, scripts: { dev: 'vitepress dev' }, devDependencies: { vitepress: '^1.0.0' } }),
      'site/.vitepress/config.ts': "import { defineConfig } from 'vitepress';\nexport default defineConfig({ title: 'Docs' });\n",
      'site/index.md': '# Docs\n',
    });
    const app = (await detect(frontendBuildDetector, root)).find((f) => f.kind === 'frontend.app')!.data as { config?: { file: string } };
    expect(app.config?.file).toBe('site/.vitepress/config.ts');
  });
});

describe('Vite plugins', () => {
  it('are the entries of the plugins array: an inline plugin by its name, a call by its module, never a call inside a hook', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0', '@vitejs/plugin-react': '^4.0.0' } }),
      'index.html': '<div id="root"></div>\n',
      'vite.config.ts': [
        "import { defineConfig } from 'vite';",
        "import path from 'path';",
        "import react from '@vitejs/plugin-react';",
        "const isDev = process.env.NODE_ENV === 'development';",
        'export default defineConfig({',
        '  plugins: [',
        "    isDev && { name: 'aws-exports', writeBundle() { path.resolve('public/x.json'); } },",
        '    react(),',
        '  ],',
        '});',
      ].join('\n'),
    });
    const app = await appOf(root);
    expect(app.config?.plugins).toEqual(['inline plugin aws-exports', '@vitejs/plugin-react']);
  });
});
