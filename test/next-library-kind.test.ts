import { describe, expect, it } from 'vitest';
import { packageKind } from '../src/detectors/stack/kind.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** fullstack-template's packages/feature-flags: `exports` to TypeScript sources, `next` in dependencies, no app. */
const FLAGS = {
  name: '@repo/feature-flags',
  version: '0.0.0',
  exports: { './shared': './src/shared/index.ts', './web': './src/web/index.ts' },
  scripts: { build: '' },
  dependencies: { next: '16.1.4', react: '19.2.3', 'posthog-js': '1.0.0' },
};

describe('a library that depends on next', () => {
  it('is no Next.js app without a next.config or an app/ or pages/ folder', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/feature-flags/package.json': JSON.stringify(FLAGS),
      'packages/feature-flags/src/web/index.ts': "import { cookies } from 'next/headers';\nexport const flag = () => cookies();\n",
      'packages/feature-flags/src/shared/index.ts': 'export const x = 1;\n',
      'packages/with-config/package.json': JSON.stringify({ ...FLAGS, name: 'with-config' }),
      'packages/with-config/next.config.ts': 'export default {};\n',
      'packages/with-app/package.json': JSON.stringify({ ...FLAGS, name: 'with-app' }),
      'packages/with-app/src/app/page.tsx': 'export default function Page() { return null; }\n',
    });
    const index = await indexOf(root);
    const kind = (name: string) => packageKind(index.packages.find((p) => p.name === name)!, index);
    expect(kind('@repo/feature-flags')?.id).not.toBe('nextjs');
    // Its config file or its app folder still make one.
    expect(kind('with-config')?.id).toBe('nextjs');
    expect(kind('with-app')?.id).toBe('nextjs');
  });
});
