/**
 * Facts a hand check of breadit and astroship found misleading, each reproduced in a tiny repository: PostCSS plugins
 * named by unquoted keys, icon sets used through icon names, and imports at the top of MDX content.
 */
import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;
const json = (o: unknown) => JSON.stringify(o, null, 2);
const rowOf = (markdown: string, name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';

describe('PostCSS plugins named by unquoted keys (breadit postcss.config.js)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'web', private: true, dependencies: { next: '13.4.4', autoprefixer: '10.4.14', 'postcss-nested': '6.0.0', colors: '1.4.0' } }),
    'postcss.config.js': 'module.exports = {\n  plugins: {\n    tailwindcss: {},\n    autoprefixer: {},\n  },\n};\n',
    '.postcssrc.yml': 'plugins:\n  postcss-nested: {}\n',
    // A Tailwind config's keys are options, not packages: `colors` here is no use of the colors package.
    'tailwind.config.js': 'module.exports = {\n  theme: { colors: {} },\n};\n',
    'app/page.tsx': 'export default function Page() { return null; }\n',
  });

  it('counts `autoprefixer: {}` as a use of autoprefixer, and only PostCSS config keys', async () => {
    const { markdown } = await section(step(10), root);
    expect(rowOf(markdown, 'autoprefixer')).toContain('used in `/postcss.config.js`');
    expect(rowOf(markdown, 'postcss-nested')).toContain('used in `/.postcssrc.yml`');
    expect(rowOf(markdown, 'colors')).toContain('not imported in source');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });
});
