import { describe, expect, it } from 'vitest';
import { astroDetector, type AstroCollectionData, type AstroRouteData, type AstroUnitData } from '../src/detectors/astro/index.js';
import { astroRoute } from '../src/detectors/astro/routes.js';
import { frontmatterText } from '../src/detectors/astro/frontmatter.js';
import { EXAMPLE, detect } from './helpers/fixture.js';

const facts = (fixture: string) => detect(astroDetector, fixture);
const of = async <T>(fixture: string, kind: string) => (await facts(fixture)).filter((f) => f.kind === kind).map((f) => f.data as T);

describe('Astro detector', () => {
  it('maps src/pages files to URLs: index, dynamic, rest, endpoints, markdown, private files', () => {
    expect(astroRoute('index.astro')).toEqual({ path: '/', kind: 'page' });
    expect(astroRoute('blog/[slug].astro')).toEqual({ path: '/blog/[slug]', kind: 'page' });
    expect(astroRoute('docs/[...path].astro')).toEqual({ path: '/docs/[...path]', kind: 'page' });
    expect(astroRoute('rss.xml.js')).toEqual({ path: '/rss.xml', kind: 'endpoint' });
    expect(astroRoute('about.md')).toEqual({ path: '/about', kind: 'markdown' });
    expect(astroRoute('_drafts/x.astro')).toBeUndefined();
    expect(astroRoute('styles.css')).toBeUndefined();
  });

  it('keeps frontmatter line numbers equal to the file', () => {
    const text = '---\nimport A from "./A.astro";\n---\n<A />';
    expect(frontmatterText(text)!.split('\n')[1]).toBe('import A from "./A.astro";');
  });

  it('finds every page and endpoint of the fixture with its file, layout and methods', async () => {
    const routes = await of<AstroRouteData>('fe-astro-site', 'astro.route');
    const byPath = new Map(routes.map((r) => [r.path, r]));
    expect([...byPath.keys()].sort()).toEqual(['/', '/404', '/about', '/api/subscribe', '/blog', '/blog/[slug]', '/docs/[...path]', '/pricing', '/rss.xml']);
    expect(byPath.get('/blog/[slug]')).toMatchObject({ file: 'src/pages/blog/[slug].astro', dynamic: true, getStaticPaths: true, layouts: ['src/layouts/BlogPost.astro'] });
    expect(byPath.get('/api/subscribe')).toMatchObject({ kind: 'endpoint', methods: ['GET', 'POST'], prerender: false });
    expect(byPath.get('/about')).toMatchObject({ kind: 'markdown', layouts: ['src/layouts/BaseLayout.astro'] });
    // Imported through the tsconfig alias `@layouts/*`.
    expect(byPath.get('/')!.layouts).toEqual(['src/layouts/BaseLayout.astro']);
  });

  it('separates layouts from components and records island hydration', async () => {
    const layouts = await of<AstroUnitData>('fe-astro-site', 'astro.layout');
    // Six pages and layouts import BaseLayout; about.md names it in its frontmatter.
    expect(layouts.map((l) => [l.name, l.usedBy])).toEqual([
      ['BaseLayout', 7],
      ['BlogPost', 1],
    ]);
    const components = await of<AstroUnitData>('fe-astro-site', 'astro.component');
    const pricing = components.find((c) => c.name === 'PricingTable')!;
    expect(pricing).toMatchObject({ file: 'src/components/PricingTable.tsx', usedBy: 2, hydration: ['load', 'visible'] });
    expect(components.map((c) => c.name).sort()).toEqual(['Footer', 'Header', 'Hero', 'PricingTable']);
  });

  it('reads no client directive from a commented-out use (<!-- -->, {/* */})', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { astro: '^5.0.0', react: '^19.0.0' } }),
      'astro.config.mjs': 'export default {};\n',
      'src/components/Island.tsx': 'export default function Island() { return null; }\n',
      'src/pages/index.astro': '---\nimport Island from "../components/Island.tsx";\n---\n<!-- <Island client:only="react" /> -->\n{/* <Island client:idle /> */}\n<!--\n  <Island client:visible />\n-->\n<Island client:load />\n',
    });
    const components = (await detect(astroDetector, root)).filter((f) => f.kind === 'astro.component').map((f) => f.data as AstroUnitData);
    expect(components.find((c) => c.name === 'Island')).toMatchObject({ usedBy: 1, hydration: ['load'] });
  });

  it('reads content collections: type, schema fields, entries', async () => {
    const collections = await of<AstroCollectionData>('fe-astro-site', 'astro.collection');
    const blog = collections.find((c) => c.name === 'blog')!;
    expect(blog).toMatchObject({ type: 'content', folder: 'src/content/blog', entries: 2, file: 'src/content/config.ts', line: 3 });
    expect(blog.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}${f.hasDefault ? ' =' : ''}`)).toEqual([
      'title: string',
      'description?: string',
      'pubDate: date',
      "author: reference('authors')",
      'tags: string[] =',
    ]);
    const authors = collections.find((c) => c.name === 'authors')!;
    expect(authors).toMatchObject({ type: 'data', entries: 1, fields: [{ name: 'name', type: 'string' }, { name: 'avatar', type: 'image' }] });
  });

  it('finds the landing site of the example with both collections', async () => {
    const routes = await of<AstroRouteData>(EXAMPLE, 'astro.route');
    expect(routes).toHaveLength(8);
    expect(routes.every((r) => r.file.startsWith('packages/landing/src/pages/'))).toBe(true);
    const collections = await of<AstroCollectionData>(EXAMPLE, 'astro.collection');
    expect(collections.map((c) => `${c.name}:${c.entries}`)).toEqual(['blog:2', 'docs:2']);
  });
});

describe('Astro content layer loaders', () => {
  it('counts entries only where the loader’s files are known statically; otherwise names the loader and where, with no count', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { astroCollections } = await import('../src/steps/parts/frontend-astro.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { astro: '^5.0.0', '@astrojs/starlight': '^0.30.0' } }),
      'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
      'src/content.config.ts': [
        "import { defineCollection } from 'astro:content';",
        "import { glob } from 'astro/loaders';",
        "import { docsLoader } from '@astrojs/starlight/loaders';",
        "import { rssLoader } from './loaders/rss';",
        "import path from 'node:path';",
        "const blog = defineCollection({ loader: glob({ pattern: '**/*.mdx', base: './src/content/blog' }) });",
        'const docs = defineCollection({ loader: docsLoader() });',
        "const feed = defineCollection({ loader: async () => [{ id: 'a' }] });",
        "const news = defineCollection({ loader: rssLoader({ url: 'https://example.com/rss' }) });",
        "const notes = defineCollection({ loader: glob({ pattern: '*.md', base: path.join(process.cwd(), 'notes') }) });",
        'export const collections = { blog, docs, feed, news, notes };',
      ].join('\n'),
      'src/loaders/rss.ts': 'export const rssLoader = (o: { url: string }) => ({ name: "rss", load: async () => {} });\n',
      'src/content/blog/one.mdx': '# One\n',
      'src/content/blog/two.mdx': '# Two\n',
      'src/content/blog/skip.md': '# Not matched\n',
      'src/content/docs/index.mdx': '# Docs\n',
    });
    const collections = await of<AstroCollectionData>(root, 'astro.collection');
    expect(collections.map((c) => [c.name, c.loader, c.entries, c.loaderFrom])).toEqual([
      ['blog', 'glob', 2, 'astro/loaders'],
      ['docs', 'docsLoader', 1, '@astrojs/starlight/loaders'],
      ['feed', '(inline function)', undefined, undefined],
      ['news', 'rssLoader', undefined, './loaders/rss'],
      ['notes', 'glob', undefined, 'astro/loaders'],
    ]);
    const md = astroCollections(collections);
    expect(md).toContain('| `news` | rssLoader() loader | — | not counted: the loader from `./loaders/rss` decides (`/src/content.config.ts:9`) |');
    expect(md).toContain('| `feed` | (inline function) loader | — | not counted: the loader decides (`/src/content.config.ts:8`) |');
    expect(md).not.toMatch(/\| 0 \|/);
  });
});

describe('Astro endpoints in step 3', () => {
  it('are not hidden behind "no backend API": step 3 names them', async () => {
    const { STEPS } = await import('../src/steps/registry.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(STEPS[2].definition, 'fe-astro-site')).markdown;
    expect(md).not.toContain('there is no backend API to map');
    expect(md).toMatch(/- Astro endpoint GET, POST \/api\/subscribe \(listed with its app in step 5\) — `\/src\/pages\/api\/subscribe\.ts(:\d+)?`/);
  });
});
