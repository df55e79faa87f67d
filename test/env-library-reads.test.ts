import { describe, expect, it } from 'vitest';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { envDetector, type EnvReadData } from '../src/detectors/env/index.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('variables a dependency reads itself are "read by <library>", not "not read by the code"', () => {
  const repo = () =>
    tempRepo({
      'package.json': `{
  "name": "auth-site",
  "private": true,
  "dependencies": {
    "@uploadthing/react": "5.0.0",
    "next": "14.2.5",
    "next-auth": "4.24.0",
    "react": "18.3.1",
    "react-dom": "18.3.1",
    "uploadthing": "5.0.0"
  }
}
`,
      'next.config.js': 'module.exports = {};\n',
      '.env.example': 'NEXTAUTH_SECRET=\nUPLOADTHING_SECRET=\nUPLOADTHING_APP_ID=\nLEFTOVER_TOKEN=\nGOOGLE_CLIENT_ID=\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
      'app/page.tsx': 'export default function Home() {\n  return <main>{process.env.GOOGLE_CLIENT_ID}</main>;\n}\n',
      'lib/auth.ts': "import { getServerSession } from 'next-auth';\nexport const session = () => getServerSession({ providers: [] });\n",
    });

  it('step 8 lists them under the library that reads them, with its dependency line; a truly unread one stays unread', async () => {
    const root = repo();
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('#### Set or declared, and read by a library');
    expect(md).toContain('| `NEXTAUTH_SECRET` | `/.env.example:1` | read by next-auth (dependency, `/package.json:7`) | **yes** |');
    expect(md).toContain('| `UPLOADTHING_APP_ID` | `/.env.example:3` | read by uploadthing (dependency, `/package.json:10`) | — |');
    const unread = md.slice(md.indexOf('#### Set or declared, but not read by the code'));
    expect(unread).toContain('`LEFTOVER_TOKEN`');
    expect(unread.split('####')[1]).not.toContain('NEXTAUTH_SECRET');
    expect(md).toContain('- `NEXTAUTH_SECRET` — read by next-auth (dependency, `/package.json:7`)');
    expect(md).toContain('- `LEFTOVER_TOKEN` — not read by the code');
    expect(md).toContain('1 more secret-looking variable is set or declared but not read; 2 more secret-looking variables are read only by a library the code depends on');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it("step 5's env table says who reads them", async () => {
    const md = (await section(frontendStep, repo())).markdown;
    expect(md).toContain('| `NEXTAUTH_SECRET` | no | read by next-auth (dependency, `/package.json:7`) | `/.env.example` |');
    expect(md).toContain('| `LEFTOVER_TOKEN` | no | not read in code | `/.env.example` |');
  });
});

describe('clients that read their connection themselves (`Redis.fromEnv()`, @vercel/kv `kv`) are reads at the call', () => {
  const repo = () =>
    tempRepo({
      'package.json': `{
  "name": "kv-site",
  "private": true,
  "dependencies": {
    "@upstash/ratelimit": "2.0.0",
    "@upstash/redis": "1.7.0",
    "@vercel/kv": "1.0.0",
    "next": "14.2.5",
    "react": "18.3.1",
    "react-dom": "18.3.1"
  }
}
`,
      'next.config.js': 'module.exports = {};\n',
      '.env.example': 'UPSTASH_REDIS_REST_URL=\nUPSTASH_REDIS_REST_TOKEN=\nKV_REST_API_URL=\nKV_REST_API_TOKEN=\nSTORE_URL=\nSTORE_TOKEN=\n',
      'app/layout.tsx': 'export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n',
      'app/page.tsx': "import { visits } from '../lib/kv';\nexport default async function Home() {\n  return <main>{await visits()}</main>;\n}\n",
      'lib/redis.ts': "import { Redis } from '@upstash/redis';\nimport { Ratelimit } from '@upstash/ratelimit';\n\nexport const redis = Redis.fromEnv();\nexport const limit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, '10 s') });\n",
      // Renamed, inside a function: read where the call is.
      'lib/cache.ts': "import { Redis as Upstash } from '@upstash/redis';\n\nexport function cache() {\n  return Upstash.fromEnv({ automaticDeserialization: false });\n}\n",
      // The default client reads at its first use; a mention in a comment is none.
      'lib/kv.ts': "import { kv } from '@vercel/kv';\n\nexport async function visits() {\n  // kv.get('x') in a comment\n  return kv.get<number>('visits');\n}\n",
      // `createClient` takes its connection from its argument: it reads no KV_ variable.
      'lib/store.ts': "import { createClient } from '@vercel/kv';\n\nexport const store = createClient({ url: process.env.STORE_URL!, token: process.env.STORE_TOKEN! });\n",
      // No import of the package: `Redis.fromEnv()` in a string is no read.
      'lib/help.ts': "export const help = 'call Redis.fromEnv() first';\n",
    });

  it('the env detector reads them at the call (or the first use), through the library', async () => {
    const facts = (await detect(envDetector, repo())).filter((f) => f.kind === 'env.read').map((f) => f.data as EnvReadData);
    const rows = facts.filter((d) => d.via === 'library').map((d) => [d.name, d.file, d.lines, d.through?.call]);
    expect(rows).toEqual([
      ['UPSTASH_REDIS_REST_TOKEN', 'lib/cache.ts', [4], 'Upstash.fromEnv()'],
      ['UPSTASH_REDIS_REST_URL', 'lib/cache.ts', [4], 'Upstash.fromEnv()'],
      ['KV_REST_API_TOKEN', 'lib/kv.ts', [5], 'kv'],
      ['KV_REST_API_URL', 'lib/kv.ts', [5], 'kv'],
      ['UPSTASH_REDIS_REST_TOKEN', 'lib/redis.ts', [4], 'Redis.fromEnv()'],
      ['UPSTASH_REDIS_REST_URL', 'lib/redis.ts', [4], 'Redis.fromEnv()'],
    ]);
    expect(facts.filter((d) => d.file === 'lib/store.ts').map((d) => d.name)).toEqual(['STORE_TOKEN', 'STORE_URL']);
    expect(facts.some((d) => d.file === 'lib/help.ts')).toBe(false);
  });

  it('step 8 lists them as read, says the call fails without them, and never says "not read"', async () => {
    const root = repo();
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('| `UPSTASH_REDIS_REST_URL` | `/lib/cache.ts:4`, `/lib/redis.ts:4` (through `Upstash.fromEnv()` of @upstash/redis) | `/.env.example:1` | **yes** |');
    expect(md).toContain('| `KV_REST_API_TOKEN` | `/lib/kv.ts:5` (through `kv` of @vercel/kv) | `/.env.example:4` | **yes** |');
    expect(md).toContain('6 variables read by the code in 1 package');
    expect(md).not.toMatch(/(UPSTASH_REDIS_REST|KV_REST_API)_\w+`[^\n]*not read/);
    expect(md).not.toContain('Set or declared, but not read by the code');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it("step 9's troubleshooting says the call fails without them (not that the code gets undefined), and its recipe is not one of them", async () => {
    const md = (await section(workflowsStep, repo())).markdown;
    expect(md).toContain(
      '- `UPSTASH_REDIS_REST_TOKEN` — required: `Upstash.fromEnv()` of @upstash/redis fails without it (`/lib/cache.ts:4`, `/lib/redis.ts:4`; since @upstash/redis 1.34.3 it reads `KV_REST_API_TOKEN` instead when this is unset)',
    );
    expect(md).toContain('- `KV_REST_API_URL` — required: `kv` of @vercel/kv fails without it (`/lib/kv.ts:5`)');
    expect(md).not.toMatch(/(UPSTASH_REDIS_REST|KV_REST_API)_\w+` — read without a fallback/);
    // A new variable is read the way the code reads its own: `process.env.STORE_URL`, not a client's call.
    expect(md).toMatch(/\*\*Read it\*\*[^\n]*`STORE_\w+` at `\/lib\/store\.ts:3`/);
  });

  it("step 5's env table cites the call", async () => {
    const md = (await section(frontendStep, repo())).markdown;
    expect(md).toContain('| `UPSTASH_REDIS_REST_TOKEN` | no | `/lib/cache.ts:4`, `/lib/redis.ts:4` (through `Upstash.fromEnv()` of @upstash/redis) | `/.env.example` |');
    expect(md).not.toContain('not read in code');
  });

  it("Vercel KV's names, set but never named, are read by `Redis.fromEnv()` of @upstash/redis (its fallback since 1.34.3)", async () => {
    const root = tempRepo({
      'package.json': '{\n  "name": "kv-fallback",\n  "private": true,\n  "dependencies": {\n    "@upstash/redis": "^1.34.9"\n  }\n}\n',
      '.env.example': 'KV_REST_API_URL=\nKV_REST_API_TOKEN=\n',
      'src/redis.ts': "import { Redis } from '@upstash/redis';\n\nexport const redis = Redis.fromEnv();\n",
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('| `KV_REST_API_URL` | `/.env.example:1` | read by @upstash/redis (`Redis.fromEnv()` since 1.34.3) (dependency, `/package.json:5`) | — |');
    expect(md).not.toMatch(/KV_REST_API_\w+` — not read/);
  });
});
