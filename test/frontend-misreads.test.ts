/** Step 5 misreadings found by hand checks on real repositories, each pinned by the smallest repository that shows it. */
import { describe, expect, it } from 'vitest';
import { startsDevServer } from '../src/detectors/frontend-build/dev-script.js';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { reactAppDetector, type KeyComponentData } from '../src/detectors/react-app/index.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const VITE_REACT = { name: 'web', private: true, scripts: { dev: 'vite' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } };

const components = async (root: string) =>
  (await detect(reactAppDetector, root)).filter((f) => f.kind === 'react.component').map((f) => f.data as KeyComponentData);

describe('frontend misreadings', () => {
  it('counts the files that import a component (not a hook, enum or re-exported constant beside it), not every importer of its module', async () => {
    const users = (what: string, from: string, n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/pages/${what}${i}.tsx`, `import { ${what} } from '${from}';\nexport const P${i} = () => null;\n`]));
    const root = tempRepo({
      'package.json': JSON.stringify(VITE_REACT),
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
      'src/lib/fetch.tsx': 'export const useFetch = () => fetch;\nexport function FetchWrapper() { return null; }\n',
      'src/ui/toaster.tsx': "export const useToaster = () => ({});\nexport function Toaster() { return null; }\nexport { ToastKind } from './toast-kind';\nexport enum Size { S }\n",
      'src/ui/toast-kind.ts': 'export enum ToastKind { Info }\n',
      ...users('ToastKind', '../ui/toaster', 3),
      ...users('Size', '../ui/toaster', 3),
      'src/ui/form.tsx': "import { z } from 'zod';\nexport const MAX_SIZE = 5;\nexport const FormSchema = z.object({});\nexport function Form() { return null; }\n",
      'src/ui/artifact.tsx': "import { Component } from 'react';\nexport class Artifact { kind = 'text'; }\nexport class Legacy extends Component { render() { return null; } }\n",
      ...users('Artifact', '../ui/artifact', 3),
      ...users('Legacy', '../ui/artifact', 2),
      ...users('MAX_SIZE', '../ui/form', 2),
      ...users('FormSchema', '../ui/form', 2),
      ...users('useFetch', '../lib/fetch', 5),
      'src/pages/wrap.tsx': "import { FetchWrapper } from '../lib/fetch';\nexport const W = () => null;\n",
      ...users('useToaster', '../ui/toaster', 4),
      ...users('Toaster', '../ui/toaster', 2),
    });
    const rows = await components(root);
    expect(rows.map((c) => `${c.name} ${c.usedBy}`)).toEqual(['Legacy 2', 'Toaster 2']);
  });

  it('resolves package.json "imports" subpath aliases (#app/*) when counting importers', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ ...VITE_REACT, imports: { '#app/*': './app/*', '#lib': { types: './lib/index.d.ts', default: './lib/index.js' } } }),
      'app/root.tsx': "import { Icon } from '#app/components/ui/icon.tsx';\nimport { helper } from '#lib';\nexport default function Root() { return helper(Icon); }\n",
      'app/routes/a.tsx': "import { Icon } from '#app/components/ui/icon.tsx';\nexport default function A() { return Icon; }\n",
      'app/routes/b.tsx': "import { Icon } from '#app/components/ui/icon';\nexport default function B() { return Icon; }\n",
      'app/components/ui/icon.tsx': 'export function Icon() { return null; }\n',
      'lib/index.ts': 'export const helper = (x: unknown) => x;\n',
    });
    expect((await components(root)).map((c) => `${c.name} ${c.file} ${c.usedBy}`)).toEqual(['Icon app/components/ui/icon.tsx 3']);
    const { moduleResolver } = await import('../src/detectors/shared/resolve-module.js');
    const { indexOf } = await import('./helpers/fixture.js');
    expect(moduleResolver(await indexOf(root)).resolve('app/root.tsx', '#lib')).toBe('lib/index.ts');
  });

  it('resolves bare imports against a tsconfig baseUrl without paths (Next.js commerce: components/cart/actions)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { next: '^15.0.0', react: '^19.0.0' } }),
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "strict": true } }',
      'components/cart/actions.ts': "'use server';\nexport async function addItem() {}\n",
      'components/cart/add-to-cart.tsx': "import { addItem } from 'components/cart/actions';\nexport const A = () => addItem;\n",
    });
    const { moduleResolver } = await import('../src/detectors/shared/resolve-module.js');
    const { indexOf } = await import('./helpers/fixture.js');
    const resolver = moduleResolver(await indexOf(root));
    expect(resolver.resolve('components/cart/add-to-cart.tsx', 'components/cart/actions')).toBe('components/cart/actions.ts');
    // A package name that is no file under baseUrl stays a package.
    expect(resolver.resolve('components/cart/add-to-cart.tsx', 'react')).toBeUndefined();
  });

  it('claims the framework default port only when the dev script starts the framework dev server', async () => {
    expect(startsDevServer('vite')).toBe(true);
    expect(startsDevServer('dotenv -e ../../.env -- next dev --turbo')).toBe(true);
    expect(startsDevServer('concurrently "vite" "tsc -w"')).toBe(true);
    expect(startsDevServer('npm run dev:web', { 'dev:web': 'react-router dev' })).toBe(true);
    expect(startsDevServer('rm -rf dist && NODE_ENV=development vite build --config vite.config.chrome.ts --watch')).toBe(false);
    expect(startsDevServer('cross-env NODE_ENV=development MOCKS=true node index.ts')).toBe(false);
    expect(startsDevServer('turbo run dev')).toBeUndefined();
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'apps/ext/package.json': JSON.stringify({ ...VITE_REACT, name: 'ext', scripts: { dev: 'vite build --watch' } }),
      'apps/ext/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/ext/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
      'apps/web/package.json': JSON.stringify({ ...VITE_REACT, name: 'site', scripts: { dev: 'node server.js' } }),
      'apps/web/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/web/server.js': "import express from 'express';\nconst port = Number(process.env.PORT || 3000);\nexpress().listen(port);\n",
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).not.toContain('5173');
    // Named as step 9 names it: the workspace member's script, run from the root.
    expect(md).toContain("`npm run dev -w ext` runs `vite build --watch`, which is not the framework's dev server");
    expect(md).toContain("`npm run dev -w site` runs `node server.js`, which is not the framework's dev server; the app's code reads `PORT` at `/apps/web/server.js:2` (3000 when unset)");
    const workflows = (await section(workflowsStep, root)).markdown;
    expect(workflows).not.toContain("vite's default is 5173");
    expect(workflows).toContain('— (runs vite but not its dev server)');
  });

  it('reads a vite server.port set from a constant with an env override and an imported default, and never claims the default for one it cannot read', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/shared/package.json': JSON.stringify({ name: '@app/shared', private: true }),
      'packages/shared/src/config/app.ts': 'export const CLIENT = {\n  DEFAULT_PORT: 3000,\n} as const;\n',
      'packages/client/package.json': JSON.stringify({ ...VITE_REACT, name: '@app/client' }),
      'packages/client/vite.config.ts': [
        "import { defineConfig } from 'vite';",
        "import { CLIENT } from '../shared/src/config/app.js';",
        'const CLIENT_PORT = Number(process.env.CLIENT_PORT) || CLIENT.DEFAULT_PORT;',
        'export default defineConfig({',
        '  server: {',
        '    port: CLIENT_PORT,',
        '  },',
        '});',
        '',
      ].join('\n'),
      'packages/client/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
      'packages/admin/package.json': JSON.stringify({ ...VITE_REACT, name: '@app/admin' }),
      'packages/admin/vite.config.ts': "import { defineConfig } from 'vite';\nimport { pickPort } from './ports';\nexport default defineConfig({\n  server: { port: pickPort() },\n});\n",
      'packages/admin/ports.ts': 'export const pickPort = () => 4100 + Math.floor(Math.random() * 10);\n',
      'packages/admin/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
    });
    const md = (await section(frontendStep, root)).markdown;
    expect(md).not.toContain('5173');
    expect(md).toContain('**Dev server:** port 3000 (`/packages/client/vite.config.ts:6`, unless `CLIENT_PORT` is set)');
    expect(md).toContain('**Dev server:** port `pickPort()` as written at `/packages/admin/vite.config.ts:4` (unresolved)');
    expect(md).toContain('| `@app/admin` | React + Vite | `/packages/admin` | `/packages/admin/vite.config.ts` | `pickPort()` (unresolved) |');
    const workflows = (await section(workflowsStep, root)).markdown;
    expect(workflows).not.toContain('5173');
    expect(workflows).toContain('| `vite` | 3000 (`/packages/client/vite.config.ts:6`, unless `CLIENT_PORT` is set) |');
    expect(workflows).toContain('| `vite` | `pickPort()` as written at `/packages/admin/vite.config.ts:4` (unresolved) |');
  });

  it('a folder with a vite.config but no React import is not a React SPA on the strength of the root\'s React', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'], dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0' }, devDependencies: { vite: '^6.0.0' } }),
      'apps/ext/package.json': JSON.stringify({ name: 'ext', scripts: { build: 'vite build' } }),
      'apps/ext/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/ext/src/background.ts': "chrome.runtime.onMessage.addListener(() => { /* react to messages */ });\n",
      'apps/web/package.json': JSON.stringify({ name: 'web', scripts: { dev: 'vite' } }),
      'apps/web/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
    });
    const index = await indexOf(root);
    const kinds = Object.fromEntries(index.packages.map((p) => [p.name, packageKind(p, index)?.label]));
    expect(kinds.web).toBe('React SPA (Vite)');
    expect(kinds.ext ?? '').not.toContain('React');
    expect(frontendApps(index).filter((a) => a.dir).map((a) => `${a.name} ${a.framework}`)).toEqual(['web react']);
  });

  it('a root dotenv file the app\'s scripts load (or the one root example of a monorepo) declares its variables', async () => {
    const app = (dev: string) => ({
      [`apps/web/package.json`]: JSON.stringify({ ...VITE_REACT, scripts: { dev } }),
      'apps/web/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({});\n",
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(import.meta.env.VITE_API_URL);\n",
    });
    const mono = { 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }), '.env.example': 'VITE_API_URL=http://localhost:3000\nDATABASE_URL=\n' };
    const loadedByScript = tempRepo({ ...mono, ...app('dotenv -e ../../.env -- vite'), 'apps/api/.env.example': 'PORT=3000\n', 'apps/api/package.json': '{"name":"api"}' });
    const md = (await section(frontendStep, loadedByScript)).markdown;
    expect(md).toContain('| `VITE_API_URL` | yes | `/apps/web/src/main.tsx:2` | `/.env.example` |');
    expect(md).not.toContain('DATABASE_URL');
    const oneRootExample = tempRepo({ ...mono, ...app('vite') });
    expect((await section(frontendStep, oneRootExample)).markdown).toContain('| `VITE_API_URL` | yes | `/apps/web/src/main.tsx:2` | `/.env.example` |');
  });
});
