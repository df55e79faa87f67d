/** Astro sites that declare variables with `envField` in `env.schema` and build collection schemas from a shared base. */
import { describe, expect, it } from 'vitest';
import { astroDetector, type AstroCollectionData, type AstroUnitData } from '../src/detectors/astro/index.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { detect, section } from './helpers/fixture.js';

const FIXTURE = 'fe-astro-env';
const of = async <T>(kind: string) => (await detect(astroDetector, FIXTURE)).filter((f) => f.kind === kind).map((f) => f.data as T);
const fieldList = (c: AstroCollectionData) => c.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}${f.hasDefault ? ' =' : ''}`);

describe('Astro env.schema', () => {
  it('takes only the keys inside env.schema as variables, never `schema` itself', async () => {
    const step5 = (await section(frontendStep, FIXTURE)).markdown;
    const step8 = (await section(configurationStep, FIXTURE)).markdown;
    for (const md of [step5, step8]) {
      expect(md).not.toMatch(/\| `schema` \|/);
      expect(md).toContain('`NEWSLETTER_API_KEY`');
      expect(md).toContain('`PUBLIC_FORM_URL`');
    }
  });

  it('cites each declared variable at its own property line, not the defineConfig line', async () => {
    const step8 = (await section(configurationStep, FIXTURE)).markdown;
    expect(step8).toContain('`/astro.config.ts:10`');
    expect(step8).toContain('`/astro.config.ts:11`');
    expect(step8).not.toContain('`/astro.config.ts:5`');
  });
});

describe('Astro collection schemas built from a shared base', () => {
  it('follows `base.extend({...})` and lists top-level fields, never a nested object’s', async () => {
    const collections = await of<AstroCollectionData>('astro.collection');
    const post = collections.find((c) => c.name === 'post')!;
    const note = collections.find((c) => c.name === 'note')!;
    expect(fieldList(post)).toEqual(['title: string', 'description: string', 'coverImage?: object', 'draft: boolean =']);
    expect(fieldList(note)).toEqual(['title: string', 'publishDate?: string | date', 'updated?: datetime', 'subtitle?: string']);
  });
});

describe('Astro collection schemas that cannot be fully read', () => {
  it('shows the fields it is sure of and names the rest as written, never "—" or a wrong list', async () => {
    const collections = await of<AstroCollectionData>('astro.collection');
    const by = (name: string) => collections.find((c) => c.name === name)!;
    // `.merge`, `.partial()`, `.pick()` on a local base.
    expect(fieldList(by('tag'))).toEqual(['title?: string']);
    const md = (await section(frontendStep, FIXTURE)).markdown;
    // An imported base: its additions, plus the base by name.
    expect(md).toContain('| `page` | glob() loader | `order: number`, plus fields from `sharedSchema` |');
    // A schema built by a call: shown as written, no nested `z.object` taken for it.
    expect(md).toContain('| `author` | glob() loader | as written: `makeSchema("author")` |');
    expect(md).toContain('| `post` | glob() loader | `title: string`, `description: string`, `coverImage?: object`, `draft: boolean (default)` |');
  });
});

describe('Astro layouts', () => {
  it('are the files that render a <slot />: a header in components/layout/ is a component', async () => {
    const layouts = await of<AstroUnitData>('astro.layout');
    const components = await of<AstroUnitData>('astro.component');
    expect(layouts.map((l) => l.name)).toEqual(['Base']);
    expect(components.map((c) => c.name)).toContain('Header');
  });
});

describe('Astro env.schema in the "Add an environment variable" recipe', () => {
  it('says to declare the name with envField in env.schema (cited) and import it from astro:env/*', async () => {
    const md = (await section(workflowsStep, FIXTURE)).markdown;
    expect(md).toContain('**Declare it** in `astro-env-site` with `envField` in `env.schema` of `/astro.config.ts`, as `NEWSLETTER_API_KEY` is at `/astro.config.ts:10`');
    expect(md).toContain('`astro:env/server`');
    expect(md).toContain('`astro:env/client` serves only names declared with `context: "client"`: `astro-env-site` (e.g. `PUBLIC_FORM_URL` at `/astro.config.ts:11`)');
  });
});

describe('@astrojs/* packages', () => {
  it('are not all called Astro integrations: check is a CLI, rss a helper, markdown-* the processor', async () => {
    const step10 = (await section(integrationsStep, FIXTURE)).markdown;
    expect(step10).toMatch(/\| `@astrojs\/mdx` \| Astro integration \|/);
    expect(step10).toMatch(/\| `@astrojs\/rss` \| RSS feed helper \|/);
    expect(step10).not.toMatch(/\| `@astrojs\/(check|rss|markdown-remark)` \| Astro integration \|/);
    const step1 = (await section(overviewStep, FIXTURE)).markdown;
    expect(step1).not.toContain('Astro integrations');
    expect(step1).toMatch(/\| Astro check \(type checker\) \| `@astrojs\/check` \|/);
  });
});

describe('Astro envField with a default', () => {
  it('gives the astro:env read a fallback: never "read without a fallback"; the default is cited', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { astro: '^5.0.0' } }),
      'astro.config.mjs': [
        "import { defineConfig, envField } from 'astro/config';",
        'export default defineConfig({',
        '  env: {',
        '    schema: {',
        "      BLOG_API_URL: envField.string({ context: 'server', access: 'secret', optional: true, default: 'https://example.com/posts' }),",
        "      NO_DEFAULT_URL: envField.string({ context: 'server', access: 'secret', optional: true }),",
        '    },',
        '  },',
        '});',
      ].join('\n'),
      'src/pages/index.astro': [
        '---',
        "import { BLOG_API_URL, NO_DEFAULT_URL } from 'astro:env/server';",
        'const res = await fetch(BLOG_API_URL + NO_DEFAULT_URL);',
        '---',
        '<p>{res.status}</p>',
      ].join('\n'),
    });
    const nine = (await section(workflowsStep, root)).markdown;
    expect(nine).not.toMatch(/`BLOG_API_URL` — read without a fallback/);
    // Optional without a default: unset, the import is `undefined`.
    expect(nine).toMatch(/`NO_DEFAULT_URL` — read without a fallback in `\/src\/pages\/index\.astro:2`/);
    const eight = (await section(configurationStep, root)).markdown;
    expect(eight).toContain('default in the schema `/astro.config.mjs:5`');
  });
});
