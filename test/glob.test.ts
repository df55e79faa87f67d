import { describe, expect, it } from 'vitest';
import { globListMatcher, globToRegExp } from '../src/scan/glob.js';
import { findWorkspaces } from '../src/scan/workspaces.js';

const matching = (patterns: string[], dirs: string[]) => dirs.filter(globListMatcher(patterns));

describe('workspace globs (picomatch)', () => {
  const dirs = ['packages/a', 'packages/b', 'packages/c', 'packages/excluded', 'packages/x/deep', 'apps/web', 'apps/web-legacy', 'apps/api', 'libs/ui', 'libs/util', 'tools/1', 'tools/2', 'tools/3', '.hidden/pkg'];

  it('reads single and double stars, a leading ./ and a trailing slash', () => {
    expect(matching(['./packages/*/'], dirs)).toEqual(['packages/a', 'packages/b', 'packages/c', 'packages/excluded']);
    expect(matching(['packages/**'], dirs)).toEqual(['packages/a', 'packages/b', 'packages/c', 'packages/excluded', 'packages/x/deep']);
    expect(matching(['**/pkg'], dirs)).toEqual([]);
  });

  it('reads character classes, nested braces, ranges and extglobs', () => {
    expect(matching(['packages/[ab]'], dirs)).toEqual(['packages/a', 'packages/b']);
    expect(matching(['packages/[!ab]'], dirs)).toEqual(['packages/c']);
    expect(matching(['{apps/{web,api},libs/ui}'], dirs)).toEqual(['apps/web', 'apps/api', 'libs/ui']);
    expect(matching(['tools/{1..2}'], dirs)).toEqual(['tools/1', 'tools/2']);
    expect(matching(['apps/@(web|api)'], dirs)).toEqual(['apps/web', 'apps/api']);
    expect(matching(['apps/!(web)*'], dirs)).toEqual(['apps/api']);
    expect(matching(['libs/+(u)*'], dirs)).toEqual(['libs/ui', 'libs/util']);
  });

  it('leaves out what a later `!pattern` excludes', () => {
    expect(matching(['packages/*', '!packages/excluded'], dirs)).toEqual(['packages/a', 'packages/b', 'packages/c']);
    expect(matching(['!packages/a'], dirs)).toEqual([]);
  });

  it('gives a RegExp for single patterns (Astro collection globs)', () => {
    expect(globToRegExp('**/*.{md,mdx}').test('blog/2024/post.mdx')).toBe(true);
    expect(globToRegExp('**/*.{md,mdx}').test('blog/post.ts')).toBe(false);
  });

  it('finds workspace packages with such patterns', () => {
    const files = ['package.json', 'packages/a/package.json', 'packages/excluded/package.json', 'apps/web/package.json', 'apps/web-legacy/package.json'];
    const manifests: Record<string, object> = {
      'package.json': { name: 'root', workspaces: ['packages/*', '!packages/excluded', 'apps/@(web)'] },
      'packages/a/package.json': { name: 'a' },
      'packages/excluded/package.json': { name: 'excluded' },
      'apps/web/package.json': { name: 'web' },
      'apps/web-legacy/package.json': { name: 'legacy' },
    };
    const layout = findWorkspaces(files, (p) => manifests[p], () => undefined);
    expect(layout.packages.filter((p) => p.declared).map((p) => p.name)).toEqual(['root', 'web', 'a']);
    // Folders the patterns leave out are still packages of the repository, marked as not declared.
    expect(layout.packages.filter((p) => !p.declared).map((p) => p.name)).toEqual(['legacy', 'excluded']);
  });

  it('reads pnpm-workspace.yaml with the YAML module', () => {
    const files = ['package.json', 'pkgs/one/package.json', 'pkgs/two/package.json'];
    const yaml = 'packages:\n  # comment\n  - "pkgs/*"\n  - \'!pkgs/two\'\ncatalog:\n  react: ^19\n';
    const layout = findWorkspaces(files, (p) => (p === 'package.json' ? {} : { name: p.split('/')[1] }), (p) => (p === 'pnpm-workspace.yaml' ? yaml : undefined));
    expect(layout.tool).toBe('pnpm');
    expect(layout.patterns).toEqual(['pkgs/*', '!pkgs/two']);
    expect(layout.packages.filter((p) => p.declared).map((p) => p.name)).toEqual(['root', 'one']);
  });

  it('a pnpm-workspace.yaml of settings alone (pnpm 9+, no packages:) declares no workspace', () => {
    const files = ['package.json', 'examples/demo/package.json'];
    const yaml = 'onlyBuiltDependencies:\n  - esbuild\n';
    const layout = findWorkspaces(files, (p) => (p === 'package.json' ? {} : p.endsWith('/package.json') ? { name: 'demo' } : undefined), (p) => (p === 'pnpm-workspace.yaml' ? yaml : undefined));
    expect([layout.tool, layout.patterns]).toEqual([null, []]);
    expect(layout.packages.map((p) => p.name)).toEqual(['root', 'demo']);
  });
});
