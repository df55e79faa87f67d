import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({
  name: 'spa', private: true, type: 'module',
  scripts: { dev: 'vite --port=3001', build: 'vite build', serve: 'vite preview', start: 'vite' },
  dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0' }, devDependencies: { vite: '^6.0.0' },
});

// `vite preview` listens on `preview.port` (default 4173), never on the dev server's `server.port`.
describe('the port of `vite preview`', () => {
  it('is Vite\'s preview default when the config sets only server.port', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>',
      'src/main.tsx': 'export {};\n',
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({\n  server: { port: 3000, proxy: { '/api': 'http://localhost:8080' } },\n});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain("| `vite preview` | not set; vite preview's default is 4173 |");
    expect(md).not.toMatch(/`vite preview` \| 3000/);
  });

  it('is preview.port when the config sets it', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>',
      'src/main.tsx': 'export {};\n',
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({\n  server: { port: 3000 },\n  preview: { port: 8081 },\n});\n",
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('| `vite preview` | 8081 (`/vite.config.ts`) |');
  });
});
