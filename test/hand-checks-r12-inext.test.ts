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

describe('components imported at the top of MDX content (astroship kitchensink.mdx)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'site', private: true, scripts: { dev: 'astro dev' }, dependencies: { astro: '4.0.0', '@astrojs/mdx': '2.0.0' } }),
    'astro.config.mjs': "import mdx from '@astrojs/mdx';\nexport default { integrations: [mdx()] };\n",
    'tsconfig.json': json({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
    'src/components/ui/button.astro': '<button><slot /></button>\n',
    'src/components/card.astro': '<div>card</div>\n',
    'src/components/contactform.astro': '---\nimport Button from "./ui/button.astro";\n---\n<form><Button>Send</Button></form>\n',
    'src/pages/index.astro': '---\nimport Contact from "../components/contactform.astro";\n---\n<Contact />\n',
    'src/content/blog/post.mdx': [
      '---',
      'title: Post',
      '---',
      '',
      'import Button from "@/components/ui/button.astro";',
      '',
      '<Button>Go</Button>',
      '',
      '```js',
      'import Card from "@/components/card.astro";',
      '```',
      '',
    ].join('\n'),
  });

  it('counts the MDX file as an importer; an import inside a code fence is not one', async () => {
    const { markdown } = await section(step(5), root);
    const row = (name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';
    expect(row('button')).toMatch(/^\| `button` \| `\/src\/components\/ui\/button\.astro` \| 2 \|/);
    expect(row('card')).toBe('');
  });
});

describe('@iconify-json sets used through icon names (astroship astro-icon)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'site', private: true, dependencies: { astro: '4.0.0', 'astro-icon': '1.0.0', '@iconify-json/bx': '1.1.0', '@iconify-json/uil': '1.1.0', 'left-pad': '1.0.0' } }),
    'astro.config.mjs': "import icon from 'astro-icon';\nexport default { integrations: [icon()] };\n",
    'src/pages/index.astro': '---\nimport { Icon } from "astro-icon/components";\n---\n<main>\n  <Icon name="bx:home" />\n</main>\n',
  });

  it('says the set is used by icon name through astro-icon, citing a use when one is found', async () => {
    const { markdown } = await section(step(10), root);
    expect(rowOf(markdown, '@iconify-json/bx')).toContain('used through icon names `bx:…` (`astro-icon`), as in `/src/pages/index.astro:5`, not imported');
    // No `uil:` name anywhere: a tool that could load the set is no evidence that it does (astro-monorepo's heroicons-solid).
    expect(rowOf(markdown, '@iconify-json/uil')).toContain('not imported; `astro-icon` loads icon sets by name, but no `uil:…` icon name was found in source');
    expect(rowOf(markdown, '@iconify-json/uil')).not.toContain('used through');
    expect(rowOf(markdown, '@iconify-json/bx')).not.toContain('not a well-known package');
    expect(rowOf(markdown, 'left-pad')).toContain('not imported in source');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it("finds names written as astro-icon's pack=\"…\" or a UnoCSS class, the longer set name first", async () => {
    const other = tempRepo({
      'package.json': json({ name: 'site', private: true, dependencies: { astro: '4.0.0', 'astro-icon': '0.8.0', unocss: '0.58.0', '@iconify-json/mdi': '1.1.0', '@iconify-json/heroicons': '1.1.0', '@iconify-json/heroicons-solid': '1.1.0' } }),
      'astro.config.mjs': "import icon from 'astro-icon';\nexport default { integrations: [icon()] };\n",
      'src/pages/index.astro': '---\nimport { Icon } from "astro-icon";\n---\n<Icon pack="mdi" name="account" />\n<span class="i-heroicons-solid-home"></span>\n',
    });
    const { markdown } = await section(step(10), other);
    expect(rowOf(markdown, '@iconify-json/mdi')).toContain('as in `/src/pages/index.astro:4`');
    expect(rowOf(markdown, '@iconify-json/heroicons-solid')).toContain('as in `/src/pages/index.astro:5`');
    expect(rowOf(markdown, '@iconify-json/heroicons')).toContain('no `heroicons:…` icon name was found');
  });
});
