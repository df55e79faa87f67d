import { describe, expect, it } from 'vitest';
import { trpcDetector, type TrpcProcedureData } from '../src/detectors/trpc/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'backend', private: true, dependencies: { '@trpc/server': '^11.0.0', hono: '^4.0.0', '@hono/trpc-server': '^0.3.0' } });
const INIT = "import { initTRPC } from '@trpc/server';\nconst t = initTRPC.create();\nexport const createTRPCRouter = t.router;\nexport const publicProcedure = t.procedure;\n";
const router = (name: string, proc: string) =>
  `import { createTRPCRouter, publicProcedure } from '../init';\nexport const ${name} = createTRPCRouter({\n  ${proc}: publicProcedure.query(() => 1),\n});\n`;

/** A Hono server that serves `appRouter` (auth only) at /trpc; `companyRouter` is declared but nothing lists it. */
function repo(extra: Record<string, string> = {}): string {
  return tempRepo({
    'package.json': PKG,
    'src/trpc/init.ts': INIT,
    'src/trpc/routers/auth.ts': router('authRouter', 'login'),
    'src/trpc/routers/company.ts': router('companyRouter', 'createCompany'),
    'src/trpc/routers/index.ts': "import { createTRPCRouter } from '../init';\nimport { authRouter } from './auth';\nexport const appRouter = createTRPCRouter({\n  auth: authRouter,\n});\n",
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { trpcServer } from '@hono/trpc-server';",
      "import { appRouter as api } from './trpc/routers';",
      'const app = new Hono();',
      "app.use('/trpc/*', trpcServer({ router: api }));",
      'export default app;',
    ].join('\n'),
    ...extra,
  });
}

describe('tRPC routers an adapter serves', () => {
  it('only the router the adapter is given (followed through an import alias) is served; an unlisted root is not', async () => {
    const list = (await detect(trpcDetector, repo())).map((f) => f.data as TrpcProcedureData);
    const line = (p: TrpcProcedureData) => `${p.router} ${p.path} ${p.endpoint ?? '-'} ${p.notServed ? `not served; ${p.notServed.router}` : ''}`.trim();
    expect(list.map(line)).toEqual(['appRouter auth.login /trpc', 'companyRouter createCompany - not served; appRouter']);
  });

  it('step 3 lists the served router first and never says the unlisted one is served', async () => {
    const dir = repo();
    const md = (await section(backendApiStep, dir)).markdown;
    expect(missingCitations(md, await indexOf(dir))).toEqual([]);
    expect(md).toContain('1 procedure from `appRouter` (`/src/trpc/routers/index.ts:3`), served at /trpc (`/src/index.ts:5`).');
    expect(md).toContain(
      '1 procedure from `companyRouter` (`/src/trpc/routers/company.ts:2`); not served at /trpc: the adapter there (`/src/index.ts:5`) serves `appRouter`, which does not include it, and no other file of the package names it.',
    );
    expect(md.indexOf('#### `appRouter`')).toBeLessThan(md.indexOf('#### `companyRouter`'));
  });

  it('a router another file names (a server-side caller) is left without a claim either way', async () => {
    const list = (await detect(trpcDetector, repo({ 'src/caller.ts': "import { companyRouter } from './trpc/routers/company';\nexport const caller = companyRouter.createCaller({});\n" }))).map(
      (f) => f.data as TrpcProcedureData,
    );
    const company = list.find((p) => p.router === 'companyRouter')!;
    expect(company.endpoint).toBeUndefined();
    expect(company.notServed).toBeUndefined();
  });
});
