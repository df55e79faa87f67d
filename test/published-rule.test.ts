import { describe, expect, it } from 'vitest';
import { isPublished, packageRoles } from '../src/detectors/stack/role.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { sdksStep } from '../src/steps/07-sdks.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const json = (x: unknown) => JSON.stringify(x, null, 2);

/**
 * A Turborepo-style monorepo (turborepo-starter, nextjs-nestjs-turborepo-template): workspace packages with `exports`
 * and no `"private": true`, consumed as `workspace:*`, and nothing that publishes them.
 */
function monorepo(extra: Record<string, string> = {}): string {
  return tempRepo({
    'package.json': json({ name: 'my-app', private: true, workspaces: ['apps/*', 'packages/*'], scripts: { build: 'turbo run build' } }),
    'apps/web/package.json': json({ name: 'web', private: true, dependencies: { '@my/contract': 'workspace:*', '@my/auth': 'workspace:*', next: '15.0.0' } }),
    'apps/web/app/page.tsx': "import { contract } from '@my/contract';\nexport default function Page() { return contract; }\n",
    'packages/contract/package.json': json({
      name: '@my/contract',
      version: '1.0.0',
      license: 'MIT',
      exports: { '.': { types: './dist/index.d.ts', default: './src/index.ts' } },
      dependencies: { zod: '^4.0.0' },
    }),
    'packages/contract/src/index.ts': 'export const contract = 1;\n',
    'packages/auth/package.json': json({ name: '@my/auth', version: '1.0.0', exports: { './client': { types: './dist/client/index.d.ts', default: './dist/client/index.js' } } }),
    'packages/auth/src/client/index.ts': 'export function signIn() { return fetch("/api/auth"); }\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    ...extra,
  });
}

/** What steps 1, 2 and 7 say about `name`: published or not, each by its own wording. */
async function saidPublished(root: string, name: string): Promise<{ step1: boolean; step2: boolean; step7: boolean }> {
  const [one, two, seven] = await Promise.all([section(overviewStep, root), section(directoryStructureStep, root), section(sdksStep, root)]);
  const box = one.markdown.match(/N\d+\["Published libraries<br\/>([^"]*)"\]/)?.[1]?.split('<br/>') ?? [];
  const row = two.markdown.split('\n').find((l) => l.startsWith(`| \`${name}\` |`)) ?? '';
  return {
    step1: box.some((b) => b === name || name.endsWith(`/${b}`)),
    step2: row.includes('product · published'),
    step7: seven.markdown.includes(`${name} (published;`),
  };
}

describe('one "published" rule, from evidence, in every step', () => {
  it('does not call workspace packages published because their package.json lacks "private": true', async () => {
    const root = monorepo();
    const index = await buildIndex(root);
    for (const p of index.packages) expect(isPublished(p, index), p.name).toBe(false);
    for (const name of ['@my/contract', '@my/auth']) expect(await saidPublished(root, name)).toEqual({ step1: false, step2: false, step7: false });
    const [one, two, seven] = await Promise.all([section(overviewStep, root), section(directoryStructureStep, root), section(sdksStep, root)]);
    for (const md of [one.markdown, two.markdown, seven.markdown]) expect(md).not.toMatch(/\bpublished\b/i);
    // Step 7 still names the client library by its entry points.
    expect(seven.markdown).toContain('@my/auth (its entry points are under client/ or browser/)');
  });

  it('calls them published in steps 1, 2 and 7 alike when a changesets config releases the workspace', async () => {
    const root = monorepo({ '.changeset/config.json': json({ changelog: '@changesets/cli/changelog', access: 'public', ignore: [] }) });
    const index = await buildIndex(root);
    expect(packageRoles(index).get('packages/contract')).toMatchObject({ published: true, because: 'it is published (the changesets config `/.changeset/config.json`)' });
    expect(await saidPublished(root, '@my/contract')).toMatchObject({ step1: true, step2: true });
    expect(await saidPublished(root, '@my/auth')).toMatchObject({ step2: true, step7: true });
  });

  it('takes a CI publish step for the package in its working directory only', async () => {
    const workflow = [
      'on: { push: { tags: ["v*"] } }',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: Publish',
      '        working-directory: packages/contract',
      '        run: npm publish --access public',
      '      - run: npm publish',
      '        working-directory: ./packages/plain/',
    ].join('\n');
    const root = monorepo({
      '.github/workflows/release.yml': workflow,
      // No licence, no `files`, nothing depends on it: the CI step alone is the evidence, and every step takes it.
      'packages/plain/package.json': json({ name: '@my/plain', version: '1.0.0', main: 'dist/client/index.js' }),
      'packages/plain/src/client/index.ts': 'export const plain = 1;\n',
    });
    const index = await buildIndex(root);
    const of = (dir: string) => index.packages.find((p) => p.dir === dir)!;
    expect(isPublished(of('packages/contract'), index)).toBe(true);
    expect(packageRoles(index).get('packages/contract')?.because).toBe('it is published (`npm publish` in `/.github/workflows/release.yml:9`)');
    expect(isPublished(of('packages/auth'), index)).toBe(false);
    expect(await saidPublished(root, '@my/auth')).toEqual({ step1: false, step2: false, step7: false });
    expect(packageRoles(index).get('packages/plain')).toMatchObject({ published: true, because: 'it is published (`npm publish` in `/.github/workflows/release.yml:10`)' });
    expect(await saidPublished(root, '@my/plain')).toMatchObject({ step2: true, step7: true });
  });

  it('calls the published root construct published and never its Lambda asset folders', async () => {
    // cdk-serverless-agentic-api: the root is published (publishConfig, `npm publish` in CI); lambda/config is the code
    // of a function, with a name, a `main` and a licence, and nothing publishes it.
    const root = tempRepo({
      'package.json': json({ name: 'my-construct', version: '1.2.0', main: 'lib/index.js', types: 'lib/index.d.ts', files: ['lib', 'lambda'], publishConfig: { access: 'public' }, dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '^10.0.0' } }),
      'src/index.ts': "import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport const base = lambda;\n",
      'lambda/config/package.json': json({ name: 'config-lambda', version: '1.0.0', main: 'index.js', author: 'Someone', license: 'MIT', dependencies: { 'aws-sdk': '^2.0.0' } }),
      'lambda/config/index.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
      '.github/workflows/publish.yml': 'on: release\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm publish\n',
    });
    const index = await buildIndex(root);
    expect(isPublished(index.packages.find((p) => p.isRoot)!, index)).toBe(true);
    expect(isPublished(index.packages.find((p) => p.dir === 'lambda/config')!, index)).toBe(false);
    expect(await saidPublished(root, 'config-lambda')).toEqual({ step1: false, step2: false, step7: false });
  });
});

describe('what a publish command covers', () => {
  it('reads the flags of the publish command only, and the folder it runs in', async () => {
    const root = monorepo({
      'package.json': json({
        name: 'my-app',
        private: true,
        workspaces: ['apps/*', 'packages/*'],
        scripts: { 'release:auth': 'rm -r dist && cd packages/auth && npm publish', 'release:contract': 'pnpm --filter @my/contract publish' },
      }),
      'packages/other/package.json': json({ name: '@my/other', version: '1.0.0', main: 'dist/index.js', license: 'MIT' }),
    });
    const index = await buildIndex(root);
    const of = (dir: string) => index.packages.find((p) => p.dir === dir)!;
    expect(isPublished(of('packages/auth'), index)).toBe(true);
    expect(isPublished(of('packages/contract'), index)).toBe(true);
    expect(isPublished(of('packages/other'), index)).toBe(false);
  });
});
