/** Step 5 misreadings found by hand checks on real repositories, each pinned by the smallest repository that shows it. */
import { describe, expect, it } from 'vitest';
import { reactAppDetector, type KeyComponentData } from '../src/detectors/react-app/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const VITE_REACT = { name: 'web', private: true, scripts: { dev: 'vite' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } };

const components = async (root: string) =>
  (await detect(reactAppDetector, root)).filter((f) => f.kind === 'react.component').map((f) => f.data as KeyComponentData);

describe('frontend misreadings', () => {
  it('counts the files that import a component, not every importer of its module', async () => {
    const users = (what: string, from: string, n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/pages/${what}${i}.tsx`, `import { ${what} } from '${from}';\nexport const P${i} = () => null;\n`]));
    const root = tempRepo({
      'package.json': JSON.stringify(VITE_REACT),
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(null);\n",
      'src/lib/fetch.tsx': 'export const useFetch = () => fetch;\nexport function FetchWrapper() { return null; }\n',
      'src/ui/toaster.tsx': 'export const useToaster = () => ({});\nexport function Toaster() { return null; }\n',
      ...users('useFetch', '../lib/fetch', 5),
      'src/pages/wrap.tsx': "import { FetchWrapper } from '../lib/fetch';\nexport const W = () => null;\n",
      ...users('useToaster', '../ui/toaster', 4),
      ...users('Toaster', '../ui/toaster', 2),
    });
    const rows = await components(root);
    expect(rows.map((c) => `${c.name} ${c.usedBy}`)).toEqual(['Toaster 2']);
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
});
