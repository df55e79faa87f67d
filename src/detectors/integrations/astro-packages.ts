/**
 * What an official `@astrojs/*` package is. Only some are integrations (what `integrations: [...]` takes); others are
 * adapters, a CLI, a library called from endpoints, or the markdown processor: "Astro integration" for all misleads.
 */
const INTEGRATIONS = new Set([
  'mdx', 'sitemap', 'react', 'preact', 'vue', 'svelte', 'solid-js', 'lit', 'alpinejs', 'tailwind', 'partytown', 'markdoc', 'db',
  'starlight', 'prefetch', 'web-vitals', 'image',
]);
const ADAPTERS = new Set(['node', 'vercel', 'netlify', 'cloudflare', 'deno']);

export function astroPackage(name: string): readonly [string, string] | undefined {
  if (!name.startsWith('@astrojs/')) return undefined;
  const rest = name.slice('@astrojs/'.length);
  const base = rest.split('/')[0];
  if (base === 'check') return ['tooling', 'Astro type checker CLI (astro check)'];
  if (base === 'language-server' || base === 'ts-plugin') return ['tooling', 'Astro editor tooling'];
  if (base === 'rss') return ['framework', 'RSS feed helper'];
  if (base.startsWith('markdown-')) return ['framework', 'Markdown processor'];
  if (ADAPTERS.has(base)) return ['framework', 'Astro adapter'];
  if (INTEGRATIONS.has(base)) return ['framework', 'Astro integration'];
  return ['framework', 'Astro package'];
}
