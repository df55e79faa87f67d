// Frontend templates: a Vite + React dashboard with react-router (pages, components, hooks, an API client) and an
// Astro site (pages, layouts, components, a content collection of markdown posts).
import { json, packageJson, pascal } from './util.mjs';

export function webFiles(ctx) {
  const pages = ctx.words.slice(ctx.index % 10, (ctx.index % 10) + 10);
  const components = Array.from({ length: 15 }, (_, i) => `${pascal(ctx.words[(ctx.index + i * 7) % ctx.words.length])}${['Table', 'Card', 'Form', 'Chart', 'List'][i % 5]}${i}`);
  const hooks = pages.slice(0, 6).map((p) => `use${pascal(p)}`);
  const files = [
    ['package.json', packageJson(ctx, { scripts: { dev: 'vite', build: 'tsc -b && vite build', test: 'vitest run' }, dependencies: { react: '^18.3.1', 'react-dom': '^18.3.1', 'react-router-dom': '^6.26.0', '@tanstack/react-query': '^5.56.0' }, devDependencies: { vite: '^5.4.0', '@vitejs/plugin-react': '^4.3.1' } })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', compilerOptions: { jsx: 'react-jsx' }, include: ['src'] })],
    ['vite.config.ts', "import react from '@vitejs/plugin-react';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({ plugins: [react()], server: { port: 5173 } });\n"],
    ['index.html', `<!doctype html>\n<html lang="en">\n  <head><meta charset="UTF-8" /><title>${ctx.name}</title></head>\n  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>\n</html>\n`],
    ['.env.example', 'VITE_API_URL=http://localhost:3000\nVITE_SENTRY_DSN=\n'],
    ['src/styles.css', ':root { font-family: system-ui, sans-serif; }\nbody { margin: 0; }\n.card { border: 1px solid #ddd; border-radius: 8px; padding: 16px; }\n'],
    ['src/main.tsx', `import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { router } from './router';
import './styles.css';

const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
`],
    ['src/router.tsx', `import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layouts/AppLayout';
${pages.map((p) => `import { ${pascal(p)}Page } from './pages/${pascal(p)}Page';`).join('\n')}

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <${pascal(pages[0])}Page /> },
${pages.slice(1).map((p) => `      { path: '${p}', element: <${pascal(p)}Page /> },\n      { path: '${p}/:id', element: <${pascal(p)}Page /> },`).join('\n')}
    ],
  },
]);
`],
    ['src/layouts/AppLayout.tsx', `import { NavLink, Outlet } from 'react-router-dom';

export function AppLayout() {
  return (
    <div className="layout">
      <nav>
${pages.map((p) => `        <NavLink to="/${p}">${pascal(p)}</NavLink>`).join('\n')}
      </nav>
      <main>
        <Outlet />
      </main>
    </div>
  );
}
`],
    ['src/api/client.ts', `const BASE_URL = import.meta.env.VITE_API_URL;

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(\`\${BASE_URL}\${path}\`, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(\`\${res.status} \${res.statusText}\`);
  return (await res.json()) as T;
}
`],
    ['test/App.test.tsx', `import { describe, expect, it } from 'vitest';\nimport { router } from '../src/router';\n\ndescribe('router', () => {\n  it('has ${pages.length} pages', () => {\n    expect(router.routes[0].children).toHaveLength(${pages.length * 2 - 1});\n  });\n});\n`],
  ];
  for (const [i, p] of pages.entries()) {
    const hook = hooks[i % hooks.length];
    const component = components[i % components.length];
    files.push([`src/pages/${pascal(p)}Page.tsx`, `import { useParams } from 'react-router-dom';
import { ${component} } from '../components/${component}';
import { ${hook} } from '../hooks/${hook}';

export function ${pascal(p)}Page() {
  const { id } = useParams();
  const { data, isLoading, error } = ${hook}(id);
  if (isLoading) return <p>Loading ${p}…</p>;
  if (error) return <p role="alert">Could not load ${p}: {String(error)}</p>;
  return (
    <section>
      <h1>${pascal(p)}</h1>
      <${component} items={data ?? []} />
    </section>
  );
}
`]);
  }
  for (const c of components) {
    files.push([`src/components/${c}.tsx`, `import { useMemo, useState } from 'react';

export interface ${c}Props {
  items: { id: string; name: string }[];
}

export function ${c}({ items }: ${c}Props) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => items.filter((item) => item.name.toLowerCase().includes(filter.toLowerCase())), [items, filter]);
  return (
    <div className="card">
      <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter" />
      <ul>
        {shown.map((item) => (
          <li key={item.id}>{item.name}</li>
        ))}
      </ul>
    </div>
  );
}
`]);
  }
  for (const [i, h] of hooks.entries()) {
    files.push([`src/hooks/${h}.ts`, `import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export function ${h}(id?: string) {
  return useQuery({
    queryKey: ['${pages[i]}', id],
    queryFn: () => api<{ id: string; name: string }[]>(id ? \`/v1/${pages[i]}/\${id}\` : '/v1/${pages[i]}'),
  });
}
`]);
  }
  return files;
}

export function siteFiles(ctx) {
  const pages = ['about', 'pricing', 'contact', 'careers', 'security', 'changelog', 'customers', 'partners'];
  const components = ['Header', 'Footer', 'Hero', 'FeatureGrid', 'Testimonial', 'CallToAction'];
  const files = [
    ['package.json', packageJson(ctx, { scripts: { dev: 'astro dev', build: 'astro build' }, dependencies: { astro: '^4.15.0', '@astrojs/sitemap': '^3.1.6' } })],
    ['astro.config.mjs', `import sitemap from '@astrojs/sitemap';\nimport { defineConfig } from 'astro/config';\n\nexport default defineConfig({\n  site: 'https://${ctx.name}.example.com',\n  integrations: [sitemap()],\n});\n`],
    ['tsconfig.json', json({ extends: 'astro/tsconfigs/strict' })],
    ['public/favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7"/></svg>\n'],
    ['src/content/config.ts', `import { defineCollection, z } from 'astro:content';

const blog = defineCollection({
  type: 'content',
  schema: z.object({ title: z.string(), description: z.string(), pubDate: z.coerce.date(), tags: z.array(z.string()).default([]) }),
});

export const collections = { blog };
`],
    ['src/layouts/BaseLayout.astro', `---\nimport Footer from '../components/Footer.astro';\nimport Header from '../components/Header.astro';\n\ninterface Props {\n  title: string;\n}\nconst { title } = Astro.props;\n---\n<html lang="en">\n  <head><title>{title}</title></head>\n  <body>\n    <Header />\n    <slot />\n    <Footer />\n  </body>\n</html>\n`],
    ['src/pages/index.astro', `---\nimport CallToAction from '../components/CallToAction.astro';\nimport FeatureGrid from '../components/FeatureGrid.astro';\nimport Hero from '../components/Hero.astro';\nimport BaseLayout from '../layouts/BaseLayout.astro';\n---\n<BaseLayout title="${ctx.name}">\n  <Hero />\n  <FeatureGrid />\n  <CallToAction />\n</BaseLayout>\n`],
    ['src/pages/blog/index.astro', `---\nimport { getCollection } from 'astro:content';\nimport BaseLayout from '../../layouts/BaseLayout.astro';\n\nconst posts = (await getCollection('blog')).sort((a, b) => b.data.pubDate.valueOf() - a.data.pubDate.valueOf());\n---\n<BaseLayout title="Blog">\n  <ul>{posts.map((post) => <li><a href={\`/blog/\${post.slug}\`}>{post.data.title}</a></li>)}</ul>\n</BaseLayout>\n`],
    ['src/pages/blog/[slug].astro', `---\nimport { getCollection } from 'astro:content';\nimport BaseLayout from '../../layouts/BaseLayout.astro';\n\nexport async function getStaticPaths() {\n  const posts = await getCollection('blog');\n  return posts.map((post) => ({ params: { slug: post.slug }, props: { post } }));\n}\nconst { post } = Astro.props;\nconst { Content } = await post.render();\n---\n<BaseLayout title={post.data.title}>\n  <Content />\n</BaseLayout>\n`],
  ];
  for (const p of pages) files.push([`src/pages/${p}.astro`, `---\nimport BaseLayout from '../layouts/BaseLayout.astro';\n---\n<BaseLayout title="${pascal(p)}">\n  <h1>${pascal(p)}</h1>\n  <p>Everything about ${p} at ${ctx.name}.</p>\n</BaseLayout>\n`]);
  for (const c of components) files.push([`src/components/${c}.astro`, `---\ninterface Props {\n  heading?: string;\n}\nconst { heading = '${c}' } = Astro.props;\n---\n<section class="${c.toLowerCase()}">\n  <h2>{heading}</h2>\n  <slot />\n</section>\n`]);
  for (let i = 0; i < 15; i++) {
    const w = ctx.words[(ctx.index + i) % ctx.words.length];
    files.push([`src/content/blog/${w}-${i}.md`, `---\ntitle: "${pascal(w)} update ${i}"\ndescription: "What changed in ${w}"\npubDate: 2024-${String((i % 12) + 1).padStart(2, '0')}-01\ntags: ["${w}"]\n---\n\n# ${pascal(w)} update ${i}\n\nWe shipped improvements to ${w}. Read on for the details.\n\n## What changed\n\n- Faster queries on the ${w} table\n- A new \`${w}\` endpoint in the SDK\n`]);
  }
  return files;
}
