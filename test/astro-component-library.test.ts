/**
 * An Astro package with an entry and no pages is a component library, not a site with 0 routes (r25, astro-monorepo:
 * @dbs/ui, private, `exports: ./index.js` re-exporting its components, the starter's astro.config and `astro dev` left in).
 */
import { describe, expect, it } from 'vitest';
import { packageKind } from '../src/detectors/stack/kind.js';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('an Astro component library', () => {
  it('is a library, not a site, and is not one of the frontend apps', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/ui/package.json': JSON.stringify({ name: '@x/ui', description: 'UI components', private: true, exports: { '.': './index.js' }, scripts: { dev: 'astro dev' }, dependencies: { astro: '^1.5.1' } }),
      'packages/ui/astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
      'packages/ui/index.js': "import Banner from './src/Banner.astro';\nexport { Banner };\n",
      'packages/ui/src/Banner.astro': '<div>banner</div>\n',
      'apps/site/package.json': JSON.stringify({ name: '@x/site', private: true, exports: { '.': './index.js' }, dependencies: { astro: '^1.5.1', '@x/ui': 'workspace:*' } }),
      'apps/site/index.js': "export { default as Page } from './src/pages/index.astro';\n",
      'apps/site/src/pages/index.astro': '<h1>home</h1>\n',
    });
    const index = await indexOf(root);
    const kind = (dir: string) => packageKind(index.packages.find((p) => p.dir === dir)!, index);
    expect(kind('packages/ui')).toMatchObject({ id: 'library', label: 'Astro component library' });
    expect(kind('apps/site')).toMatchObject({ id: 'astro', label: 'Astro site' });
    expect(frontendApps(index).map((a) => a.dir)).toEqual(['apps/site']);
  });
});
