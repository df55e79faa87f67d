import { describe, expect, it } from 'vitest';
import { astroDetector, type AstroRouteData, type AstroUnitData } from '../src/detectors/astro/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Astro routes read from what a page module exports and what its frontmatter says', () => {
  const root = tempRepo({
    'package.json': JSON.stringify({ name: 'site', private: true, scripts: { dev: 'astro dev' }, dependencies: { astro: '^1.6.0' } }),
    'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
    // No handler: a data module under pages/ that Astro builds no route from.
    'src/pages/blog/data.js': 'const posts = await fetch("https://wp.example/posts").then((r) => r.json());\nexport default posts;\n',
    'src/pages/rss.xml.js': 'export async function get() { return { body: "" }; }\n',
    'src/pages/api/all.ts': 'export const ALL = () => new Response("");\n',
    'src/pages/api/more.ts': "export * from '../../handlers';\n",
    'src/handlers.ts': 'export const GET = () => new Response("");\n',
    // Every frontmatter key indented by two spaces: valid YAML, the layout is still the page's.
    'src/pages/libraries.md': "---\n  layout: '../layouts/LibrariesLayout.astro'\n  title: Libraries\n---\n# Libraries\n",
    'src/layouts/LibrariesLayout.astro': '<html><body><slot /></body></html>\n',
  });

  it('lists an endpoint only when it exports a handler (GET/get/ALL…, or may through export *)', async () => {
    const routes = (await detect(astroDetector, root)).filter((f) => f.kind === 'astro.route').map((f) => f.data as AstroRouteData);
    expect(routes.filter((r) => r.kind === 'endpoint').map((r) => `${r.path} ${r.methods.join(',')}`).sort()).toEqual(['/api/all ALL', '/api/more ', '/rss.xml GET']);
  });

  it('counts a markdown page whose indented frontmatter names the layout', async () => {
    const facts = await detect(astroDetector, root);
    const layout = facts.find((f) => f.kind === 'astro.layout')?.data as AstroUnitData | undefined;
    expect(layout).toMatchObject({ name: 'LibrariesLayout', usedBy: 1 });
    expect((facts.find((f) => f.kind === 'astro.route' && (f.data as AstroRouteData).path === '/libraries')?.data as AstroRouteData).layouts).toEqual(['src/layouts/LibrariesLayout.astro']);
  });
});
