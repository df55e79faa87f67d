import { describe, expect, it } from 'vitest';
import { testingDetector } from '../src/detectors/testing/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('a Next.js App Router folder named test', () => {
  it('holds route files of the application (/debug/test), not tests', async () => {
    // The shape of a Paddle SaaS starter: a debug page at app/debug/test/page.tsx, and a `test` script that lints.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'saas', private: true, scripts: { lint: 'next lint', test: 'pnpm lint && pnpm prettier:check' }, dependencies: { next: '^14.0.0', react: '^18.0.0' } }),
      'src/app/page.tsx': 'export default function Home() { return null; }\n',
      'src/app/debug/test/page.tsx': "'use client';\nexport default function TestPage() { return null; }\n",
      'src/app/debug/test/layout.tsx': 'export default function L({ children }: { children: unknown }) { return children; }\n',
      'src/app/api/test/route.ts': 'export async function GET() { return Response.json({ ok: true }); }\n',
    });
    const facts = await detect(testingDetector, root);
    expect(JSON.stringify(facts)).not.toMatch(/src\/app\/(debug|api)\/test/);
  });

  it('keeps a route-named file that is a test by its name a test', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'saas', private: true, scripts: { test: 'vitest' }, devDependencies: { vitest: '^2.0.0' } }),
      'src/app/test/page.test.tsx': "import { it } from 'vitest';\nit('renders', () => {});\n",
    });
    expect(JSON.stringify(await detect(testingDetector, root))).toMatch(/src\/app\/test/);
  });
});
