import { defineConfig } from 'astro/config';
import tailwind from '@astrojs/tailwind';
import sitemap from '@astrojs/sitemap';
import react from '@astrojs/react';

// https://astro.build/config
export default defineConfig({
  site: 'https://kvstore.dev',
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [tailwind(), sitemap(), react()],
  markdown: {
    shikiConfig: { theme: 'github-dark' },
  },
  server: { port: 4321 },
});
