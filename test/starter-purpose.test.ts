import { describe, expect, it } from 'vitest';
import { purposeOf } from '../src/detectors/packages/purpose.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';

// Apps started from Astro's `basics` starter and from AstroWind keep the starter's README and description.
describe('package purposes from starter boilerplate', () => {
  it("does not take Astro's 'Seasoned astronaut?' line or a private app's template description for what the package is", async () => {
    const root = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
      'apps/site/package.json': JSON.stringify({ name: '@x/site', private: true, dependencies: { astro: '^1.6.0' } }),
      'apps/site/README.md': '# Welcome to [Astro](https://astro.build)\n\n> 🧑‍🚀 **Seasoned astronaut?** Delete this file. Have fun!\n',
      'apps/fab/package.json': JSON.stringify({ name: '@onwidget/astrowind', private: true, description: 'A template to make your website using Astro + Tailwind CSS.', dependencies: { astro: '^1.6.0' } }),
    });
    const index = await buildIndex(root);
    const purpose = (dir: string) => purposeOf(index, index.packages.find((p) => p.dir === dir)!, undefined);
    expect(purpose('apps/site')).toMatchObject({ source: 'inferred' });
    expect(purpose('apps/fab')).toMatchObject({ source: 'inferred' });
  });

  // Published, a template is what it is: its description stands.
  it('keeps a published template package its own description', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'astro-tpl', version: '1.0.0', description: 'A template for Astro blogs.', publishConfig: { access: 'public' } }),
    });
    const index = await buildIndex(root);
    expect(purposeOf(index, index.packages[0]!, undefined)).toMatchObject({ text: 'A template for Astro blogs.', source: 'description' });
  });
});
