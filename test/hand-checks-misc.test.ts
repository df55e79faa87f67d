/**
 * Facts a hand check of real repositories found wrong (novel, paddle-nextjs-starter-kit, nestjs-boilerplate), each
 * reproduced in a tiny repository.
 */
import { describe, expect, it } from 'vitest';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;
const json = (o: unknown) => JSON.stringify(o, null, 2);

describe('a workspace package named like the root (novel)', () => {
  const root = tempRepo({
    'package.json': json({ name: 'novel', private: true, scripts: { build: 'turbo build' } }),
    'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n',
    'apps/web/package.json': json({ name: 'novel-next-app', dependencies: { novel: 'workspace:^', tsconfig: 'workspace:*', next: '15.0.0' } }),
    'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
    'packages/headless/package.json': json({ name: 'novel', description: 'An editor.', devDependencies: { tsconfig: 'workspace:*' } }),
    'packages/headless/src/index.ts': 'export const editor = 1;\n',
    'packages/tsconfig/package.json': json({ name: 'tsconfig' }),
  });

  it('keeps the plain name for the workspace package and links the app to it', async () => {
    const { markdown } = await section(step(9), root);
    expect(markdown).toContain('3 links');
    expect(markdown).toMatch(/1\. tsconfig\n2\. novel {3}\(needs tsconfig\)\n3\. novel-next-app {3}\(needs novel, tsconfig\)/);
    expect(markdown).not.toContain('novel (packages/headless)');
    expect(missingCitations(markdown, await indexOf(root))).toEqual([]);
  });

  it('still calls the root by its package.json name', async () => {
    expect((await section(step(2), root)).markdown).toContain('The root package `novel` (`/package.json`)');
  });
});
