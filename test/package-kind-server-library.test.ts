import { describe, expect, it } from 'vitest';
import { packageKind } from '../src/detectors/stack/kind.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const UTILS = {
  'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
  'packages/hono-utils/package.json': JSON.stringify({ name: '@repo/hono-utils', private: true, main: './src/index.ts', dependencies: { hono: '^4.0.0' } }),
  'packages/hono-utils/src/index.ts': "import { Hono } from 'hono';\nexport const createServiceApp = () => new Hono();\n",
};
const SERVICE = (name: string) => ({
  [`apps/${name}/package.json`]: JSON.stringify({ name, private: true, scripts: { dev: 'bun run --hot src/index.ts' }, dependencies: { '@repo/hono-utils': 'workspace:*' } }),
  [`apps/${name}/src/index.ts`]: "import { createServiceApp } from '@repo/hono-utils';\nconst app = createServiceApp();\nexport default { fetch: app.fetch };\n",
});

describe('a workspace library of server code that services run their servers through', () => {
  it('is a server library, and the services that import it and run are the HTTP servers', async () => {
    const index = await indexOf(tempRepo({ ...UTILS, ...SERVICE('orders'), ...SERVICE('payments') }));
    const kind = (name: string) => packageKind(index.packages.find((p) => p.name === name)!, index);
    expect(kind('@repo/hono-utils')).toEqual({ id: 'library', label: 'Hono server library', because: 'hono dependency; orders and payments run their servers through it' });
    expect(kind('orders')).toEqual({ id: 'http-server', label: 'HTTP server (Hono)', because: '@repo/hono-utils dependency, a Hono server library it imports' });
  });

  it('stays the HTTP server when what depends on it is no server (a Next.js app importing its types)', async () => {
    const index = await indexOf(tempRepo({
      ...UTILS,
      'apps/web/package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '^15.0.0', '@repo/hono-utils': 'workspace:*' } }),
      'apps/web/src/app/page.tsx': "import type { createServiceApp } from '@repo/hono-utils';\nexport default function Page() { return null; }\n",
    }));
    expect(packageKind(index.packages.find((p) => p.name === '@repo/hono-utils')!, index)?.id).toBe('http-server');
  });
});
