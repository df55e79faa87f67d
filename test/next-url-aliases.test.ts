import { describe, expect, it } from 'vitest';
import { nextAliasesDetector, type NextAliasData } from '../src/detectors/nextjs-pages/aliases.js';
import { STEPS } from '../src/steps/registry.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const step = (n: number) => STEPS[n - 1]!.definition;

describe('Next.js rewrites and redirects from next.config (next-enterprise)', () => {
  const root = tempRepo({
    'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } }),
    'next.config.ts': [
      "import withBundleAnalyzer from '@next/bundle-analyzer';",
      "import { type NextConfig } from 'next';",
      'const legacy = [];',
      'const config: NextConfig = {',
      '  reactStrictMode: true,',
      '  rewrites: async () => [',
      "    { source: '/healthz', destination: '/api/health' },",
      "    { source: '/ping', destination: '/api/health' },",
      "    { source: '/beta', has: [{ type: 'cookie', key: 'beta' }], destination: '/api/health' },",
      '  ],',
      '  async redirects() {',
      "    return [{ source: '/old', destination: '/about', permanent: true }, ...legacy];",
      '  },',
      '};',
      'export default process.env.ANALYZE ? withBundleAnalyzer({ enabled: true })(config) : config;',
      '',
    ].join('\n'),
    'app/layout.tsx': 'export default function Root({ children }) { return <html><body>{children}</body></html>; }\n',
    'app/page.tsx': 'export default function Home() { return null; }\n',
    'app/about/page.tsx': 'export default function About() { return null; }\n',
    'app/api/health/route.ts': 'export function GET() { return Response.json({ ok: true }); }\n',
  });

  it('reads static rewrites and redirects through a conditional default export, and marks entries built in code', async () => {
    const found = (await detect(nextAliasesDetector, root)).map((f) => f.data as NextAliasData);
    expect(found.map((a) => (a.unread ? `${a.kind} unread :${a.line}` : `${a.kind} ${a.source} → ${a.destination}${a.permanent ? ' permanent' : ''} :${a.line}`))).toEqual([
      'rewrite /healthz → /api/health :7',
      'rewrite /ping → /api/health :8',
      'rewrite /beta → /api/health :9',
      'redirect /old → /about permanent :12',
      'redirect unread :12',
    ]);
  });

  it('shows the aliases where the routes are listed (steps 3 and 5) and the config keys in step 8', async () => {
    const s3 = (await section(step(3), root)).markdown;
    expect(s3).toContain('| `GET /api/health` | `/app/api/health/route.ts:1` |');
    expect(s3).toContain('in `/next.config.ts:7`: /healthz and /ping serve /api/health; /beta serves /api/health (only when its `has`/`missing` conditions match).');
    const s5 = (await section(step(5), root)).markdown;
    expect(s5).toContain('in `/next.config.ts:7`: /healthz and /ping serve /api/health; /beta serves');
    expect(s5).toContain('**Redirects** in `/next.config.ts:12`: /old → /about (permanent); more are built in code at `/next.config.ts:12`.');
    const s8 = (await section(step(8), root)).markdown;
    expect(s8).toMatch(/\| `\/next\.config\.ts` \| Next\.js \| sets reactStrictMode, rewrites, redirects \|/);
  });
});

describe('a rewrite whose destination is built from an environment variable (fullstack-monorepo)', () => {
  const root = tempRepo({
    'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15.0.0', react: '^19.0.0', 'react-dom': '^19.0.0' } }),
    'next.config.ts': [
      "const gatewayOrigin = (process.env.API_GATEWAY_URL ?? 'http://localhost:3001').replace(/\\/$/, '');",
      'export default {',
      '  async rewrites() {',
      "    return [{ source: '/api/:path*', destination: `${gatewayOrigin}/:path*` }, { source: '/x', destination: `${helper()}/x` }];",
      '  },',
      '};',
      '',
    ].join('\n'),
    'app/page.tsx': 'export default function Home() { return null; }\n',
  });

  it('quotes the destination as written with the variable its constant reads; a call stays built in code', async () => {
    const s5 = (await section(step(5), root)).markdown;
    expect(s5).toContain('/api/:path\\* serves `${gatewayOrigin}/:path*` (built from `API_GATEWAY_URL`); more are built in code at `/next.config.ts:4`.');
  });
});
