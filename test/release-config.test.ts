/**
 * semantic-release plugins are loaded by name from its config (next-enterprise's `/.releaserc`, JSON with an unquoted
 * key), `release.config.js` or package.json's `release` key: they are used, and the config file is listed.
 */
import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;
const json = (o: unknown) => JSON.stringify(o, null, 2);
const rowOf = (markdown: string, name: string) => markdown.split('\n').find((l) => l.startsWith(`| \`${name}\``)) ?? '';

describe('semantic-release plugins named in its config', () => {
  const root = tempRepo({
    'package.json': json({
      name: 'web',
      private: true,
      // next-enterprise declares the plugins as dependencies (step 10 lists runtime dependencies).
      dependencies: { next: '15.0.0', '@semantic-release/npm': '^13.0.0', '@semantic-release/git': '^10.0.0', 'left-pad': '1.3.0' },
      devDependencies: { 'semantic-release': '^24.0.0' },
    }),
    '.releaserc': [
      '{',
      '  branches: ["main"],',
      '  "plugins":',
      '    [',
      '      ["@semantic-release/npm", { "npmPublish": false }],',
      '      "@semantic-release/git",',
      '    ],',
      '}',
      '',
    ].join('\n'),
    'app/page.tsx': 'export default function Page() { return null; }\n',
  });

  it('counts the plugins as used in /.releaserc, not as unimported', async () => {
    const { markdown } = await section(step(10), root);
    expect(rowOf(markdown, '@semantic-release/npm')).toContain('used in `/.releaserc`');
    expect(rowOf(markdown, '@semantic-release/git')).toContain('used in `/.releaserc`');
    expect(rowOf(markdown, 'left-pad')).toContain('not imported in source');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it('lists /.releaserc among the configuration files, with its branches and plugins', async () => {
    const { markdown } = await section(step(8), root);
    expect(markdown).toContain('| `/.releaserc` | semantic-release | branches main; plugins @semantic-release/npm, @semantic-release/git |');
  });

  it('reads the release key of package.json and release.config.js too, never the dependency lists', async () => {
    const repo = tempRepo({
      'package.json': json({
        name: 'lib',
        release: { plugins: ['@semantic-release/commit-analyzer'] },
        dependencies: { '@semantic-release/commit-analyzer': '^13.0.0', '@semantic-release/github': '^11.0.0', 'left-pad': '1.3.0' },
      }),
      'release.config.js': "module.exports = { branches: ['main'], plugins: [['@semantic-release/github', { assets: [] }]] };\n",
    });
    const s10 = (await section(step(10), repo)).markdown;
    expect(rowOf(s10, '@semantic-release/commit-analyzer')).toContain('used in `/package.json`');
    expect(rowOf(s10, '@semantic-release/github')).toContain('used in `/release.config.js`');
    expect(rowOf(s10, 'left-pad')).toContain('not imported in source');
    const s8 = (await section(step(8), repo)).markdown;
    expect(s8).toContain('| `/release.config.js` | semantic-release | branches main; plugins @semantic-release/github |');
  });
});
