import { describe, expect, it } from 'vitest';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { devTool } from '../src/steps/parts/run-commands.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// Steps 5 and 9 read an app's dev port from one model (the frontend app fact): they never disagree.
describe('one dev port per frontend app', () => {
  it('gives a Remix app run with `remix vite:dev` Vite\'s default port in step 9, as step 5 does', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/web/package.json': JSON.stringify({
        name: '@x/web', private: true, scripts: { dev: 'remix vite:dev', build: 'remix vite:build' },
        dependencies: { '@remix-run/react': '^2.0.0' }, devDependencies: { '@remix-run/dev': '^2.0.0', vite: '^5.0.0' },
      }),
      'packages/web/vite.config.ts': "import { vitePlugin as remix } from '@remix-run/dev';\nimport { defineConfig } from 'vite';\nexport default defineConfig({ plugins: [remix()] });\n",
      'packages/web/app/root.tsx': 'export default function App() { return null; }\n',
    });
    expect((await section(frontendStep, root)).markdown).toContain('- **Dev server:** port 5173 (framework default)');
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain("| `remix vite:dev` | not set; vite's default is 5173 |");
    expect(md).not.toContain("remix's default is 3000");
  });

  it('names Vite for `remix vite:dev` and `react-router dev` outside an app model too', () => {
    expect(devTool('remix vite:dev')).toBe('vite');
    expect(devTool('react-router dev --host')).toBe('vite');
    expect(devTool('remix dev')).toBe('remix');
  });

  it('reads a SvelteKit app\'s port from vite.config.ts beside svelte.config.js', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({
        name: 'kitchen', private: true, type: 'module', scripts: { dev: 'vite dev', build: 'vite build' },
        devDependencies: { '@sveltejs/kit': '^2.0.0', svelte: '^5.0.0', vite: '^7.0.0' },
      }),
      'svelte.config.js': "import adapter from '@sveltejs/adapter-static';\nconst config = { kit: { adapter: adapter() } };\nexport default config;\n",
      'vite.config.ts': "import { sveltekit } from '@sveltejs/kit/vite';\nimport { defineConfig } from 'vite';\n\nexport default defineConfig({\n  plugins: [sveltekit()],\n  server: { port: 5175, strictPort: true },\n});\n",
      'src/routes/+page.svelte': '<h1>Hi</h1>\n',
    });
    const md5 = (await section(frontendStep, root)).markdown;
    expect(md5).toContain('| `kitchen` | SvelteKit + Vite | repository root | `/svelte.config.js` | 5175 |');
    expect(md5).toContain('- **Dev server:** port 5175 (`/vite.config.ts:6`)');
    expect((await section(workflowsStep, root)).markdown).toContain('| `vite dev` | 5175 (`/vite.config.ts`) |');
  });
});
