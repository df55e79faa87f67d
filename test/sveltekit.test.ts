import { describe, expect, it } from 'vitest';
import { configFilesDetector } from '../src/detectors/config-files/index.js';
import { frontendBuildDetector } from '../src/detectors/frontend-build/index.js';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const FIXTURE = 'be-sveltekit';

describe('SvelteKit server code is backend evidence', () => {
  it('maps +server handlers, page and layout loads, form actions (named as ?/name) and the hooks.server handle', async () => {
    const routes = (await detect(httpFrameworksDetector, FIXTURE)).map((f) => f.data as HttpRouteData);
    expect(routes.map((r) => [r.framework, r.method, r.path, r.handler, r.file, r.line])).toEqual([
      ['sveltekit', 'GET', '/', 'load (layout)', 'src/routes/+layout.server.ts', 3],
      ['sveltekit', 'ALL', '/api/items/[id]', 'fallback', 'src/routes/api/items/[id]/+server.ts', 10],
      ['sveltekit', 'DELETE', '/api/items/[id]', 'DELETE', 'src/routes/api/items/[id]/+server.ts', 8],
      ['sveltekit', 'GET', '/api/items/[id]', 'GET', 'src/routes/api/items/[id]/+server.ts', 4],
      ['sveltekit', 'GET', '/blog/[slug]', 'load', 'src/routes/(app)/blog/[slug]/+page.server.ts', 4],
      ['sveltekit', 'POST', '/blog/[slug]', 'actions.default', 'src/routes/(app)/blog/[slug]/+page.server.ts', 7],
      ['sveltekit', 'POST', '/blog/[slug]?/remove', 'actions.remove', 'src/routes/(app)/blog/[slug]/+page.server.ts', 10],
      ['sveltekit', 'POST', '/login', 'actions.default', 'src/routes/login/+page.server.js', 2],
    ]);
    // `handle` in src/hooks.server runs before every request.
    expect(new Set(routes.map((r) => r.middlewareUses?.[0]?.kind))).toEqual(new Set(['server-hook']));
    expect(routes[0].middleware).toEqual(['handle = sequence(auth, log)']);

    const md = (await section(backendApiStep, FIXTURE)).markdown;
    expect(md).not.toContain('no backend API');
    expect(md).toContain('#### SvelteKit endpoints, load functions and form actions');
    expect(md).toContain('| `POST /blog/[slug]?/remove` | `actions.remove` |');
    expect(md).toContain('`handle = sequence(auth, log)`');
    expect(missingCitations(md, await indexOf(FIXTURE))).toEqual([]);
  });
});

describe('a SvelteKit app is labelled SvelteKit', () => {
  it('with the @sveltejs/kit version, not Svelte', async () => {
    const app = (await detect(frontendBuildDetector, FIXTURE)).find((f) => f.kind === 'frontend.app')!.data as { framework: string; version?: string };
    expect([app.framework, app.version]).toEqual(['sveltekit', '^2.5.0']);
    const md = (await section(frontendStep, FIXTURE)).markdown;
    expect(md).toContain('**Framework:** SvelteKit `^2.5.0`, built with Vite');
    expect(md).not.toMatch(/Svelte `/);
    expect(md).toContain('adapter `@sveltejs/adapter-netlify`');
  });

  it('a `catalog:` Kit version shows the range pnpm-workspace.yaml gives it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\ncatalog:\n  '@sveltejs/kit': ^3.0.0-next.23\n",
      'apps/site/package.json': JSON.stringify({ name: 'site', private: true, devDependencies: { '@sveltejs/kit': 'catalog:', svelte: '^5.0.0', vite: '^8.0.0' } }),
      'apps/site/src/routes/+page.svelte': '<h1>hi</h1>\n',
    });
    const app = (await detect(frontendBuildDetector, root)).find((f) => f.kind === 'frontend.app')!.data as { framework: string; version?: string };
    expect([app.framework, app.version]).toEqual(['sveltekit', '^3.0.0-next.23 (catalog:)']);
  });

  it('a Svelte app without Kit stays Svelte, with the svelte version', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'spa', private: true, devDependencies: { svelte: '^4.2.0', vite: '^5.0.0', '@sveltejs/vite-plugin-svelte': '^3.0.0' } }),
      'index.html': '<div id="app"></div>',
      'src/main.js': "import App from './App.svelte';\nnew App({ target: document.body });\n",
      'src/App.svelte': '<h1>hi</h1>\n',
    });
    const app = (await detect(frontendBuildDetector, root)).find((f) => f.kind === 'frontend.app')!.data as { framework: string; version?: string };
    expect([app.framework, app.version]).toEqual(['svelte', '^4.2.0']);
  });
});

describe('SvelteKit adapters are deploy evidence', () => {
  it('adapter-netlify says where the app deploys; a commented-out adapter does not', async () => {
    const md = (await section(workflowsStep, FIXTURE)).markdown;
    expect(md).not.toContain('No deploy scripts, deploy targets');
    expect(md).toContain('SvelteKit adapter @sveltejs/adapter-netlify (builds for Netlify)');
    expect(md).not.toContain('adapter-node');
  });

  it('SvelteKit 3 names the adapter in vite.config (sveltekit({ adapter })): still deploy evidence', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'kit3', private: true, devDependencies: { '@sveltejs/kit': '^3.0.0-next.1', '@sveltejs/adapter-node': '^5.0.0', svelte: '^5.0.0', vite: '^8.0.0' } }),
      'vite.config.ts': "import { sveltekit } from '@sveltejs/kit/vite';\nimport adapter from '@sveltejs/adapter-node';\nexport default { plugins: [sveltekit({ adapter: adapter() })] };\n",
      'src/routes/+page.svelte': '<h1>hi</h1>\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('SvelteKit adapter @sveltejs/adapter-node (builds for a Node.js server) — `/vite.config.ts:2`');
  });

  it('adapter-auto says nothing about where', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'auto', private: true, devDependencies: { '@sveltejs/kit': '^2.0.0', '@sveltejs/adapter-auto': '^3.0.0', svelte: '^4.0.0', vite: '^5.0.0' } }),
      'svelte.config.js': "import adapter from '@sveltejs/adapter-auto';\nexport default { kit: { adapter: adapter() } };\n",
      'src/routes/+page.svelte': '<h1>hi</h1>\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('No deploy scripts, deploy targets');
  });
});

describe('a settings-only pnpm-workspace.yaml', () => {
  it('is not a workspace list: no "pnpm workspaces — 0 packages", labelled pnpm settings', async () => {
    const index = await indexOf(FIXTURE);
    expect(index.workspaceTool).toBeNull();
    const overview = (await section(overviewStep, FIXTURE)).markdown;
    expect(overview).not.toContain('Workspaces:');
    expect(overview).not.toContain('0 packages');
    const cfg = (await detect(configFilesDetector, FIXTURE)).find((f) => f.id === 'pnpm-workspace.yaml')!.data as { tool: string; items: string[] };
    expect([cfg.tool, cfg.items]).toEqual(['pnpm settings', ['settings onlyBuiltDependencies']]);
    expect((await section(configurationStep, FIXTURE)).markdown).toContain('| `/pnpm-workspace.yaml` | pnpm settings | settings onlyBuiltDependencies |');
    expect((await section(directoryStructureStep, FIXTURE)).markdown).toContain('`/pnpm-workspace.yaml` — pnpm settings');
    expect((await section(workflowsStep, FIXTURE)).markdown).not.toContain('pnpm workspaces');
  });
});
