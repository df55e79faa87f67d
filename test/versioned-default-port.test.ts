import { describe, expect, it } from 'vitest';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { installedMajor, rangeMajor } from '../src/detectors/shared/installed-version.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const astroApp = (name: string, astro: string) =>
  JSON.stringify({ name, private: true, scripts: { dev: 'astro dev', build: 'astro build' }, dependencies: { astro } });

// Astro served on 3000 until 3.0 (withastro/astro#7874), Vite until 3.0: the default is the one of the major in use.
describe('framework default dev ports keyed to the installed major', () => {
  const root = tempRepo({
    'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
    'pnpm-lock.yaml': [
      'lockfileVersion: 5.4', '', 'importers:', '',
      '  apps/old:', '    specifiers:', '      astro: ^1.2.3', '    dependencies:', '      astro: 1.6.10', '',
      '  apps/new:', '    specifiers:', '      astro: ^4.0.0', '    dependencies:', '      astro: 4.2.1_typescript@5.0.0', '',
      '  apps/any:', '    specifiers:', '      astro: \'*\'', '',
    ].join('\n'),
    'apps/old/package.json': astroApp('old', '^1.2.3'),
    'apps/old/astro.config.mjs': 'export default {};\n',
    'apps/old/src/pages/index.astro': '<h1>old</h1>\n',
    'apps/new/package.json': astroApp('new', '^4.0.0'),
    'apps/new/astro.config.mjs': 'export default {};\n',
    'apps/new/src/pages/index.astro': '<h1>new</h1>\n',
    'apps/any/package.json': astroApp('any', '*'),
    'apps/any/astro.config.mjs': 'export default {};\n',
    'apps/any/src/pages/index.astro': '<h1>any</h1>\n',
  });

  it('reads the major from the lockfile, else from the declared range, else not at all', async () => {
    const index = await buildIndex(root);
    expect([installedMajor(index, 'apps/old', 'astro'), installedMajor(index, 'apps/new', 'astro'), installedMajor(index, 'apps/any', 'astro')]).toEqual([1, 4, undefined]);
    expect(['^1.6.12', '~0.9', '2.x', '=3.0.0', '>=1', '*', 'latest', 'workspace:^1.0.0'].map(rangeMajor)).toEqual([1, 0, 2, 3, undefined, undefined, undefined, undefined]);
  });

  it('gives an Astro 1 app port 3000, an Astro 4 app 4321, and claims neither when the version cannot be told', async () => {
    const frontend = (await section(frontendStep, root)).markdown;
    expect(frontend).toContain('- **Dev server:** port 3000 (framework default), `pnpm --filter old dev`');
    expect(frontend).toContain('- **Dev server:** port 4321 (framework default), `pnpm --filter new dev`');
    expect(frontend).toContain("- **Dev server:** port not set; astro's default depends on its version (3000 before astro 3, 4321 since), `pnpm --filter any dev`");
    const workflows = (await section(workflowsStep, root)).markdown;
    expect(workflows).toContain("| old | `pnpm --filter old dev` | `astro dev` | not set; astro's default is 3000 |");
    expect(workflows).toContain("| new | `pnpm --filter new dev` | `astro dev` | not set; astro's default is 4321 |");
    expect(workflows).toContain("| any | `pnpm --filter any dev` | `astro dev` | not set; astro's default depends on its version");
  });

  it('gives a Vite 2 app 3000 and a Vite 5 app 5173', async () => {
    const vite = (v: string) => tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'vite' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: v } }),
      'index.html': '<div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
      'vite.config.ts': "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n",
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(null);\n",
    });
    expect((await section(frontendStep, vite('^2.9.0'))).markdown).toContain('port 3000 (framework default)');
    expect((await section(frontendStep, vite('^5.0.0'))).markdown).toContain('port 5173 (framework default)');
  });
});
