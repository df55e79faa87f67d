/**
 * Step 9 "Add an API endpoint (tRPC)": an API served as tRPC procedures (its Express routers mounted nowhere) gets a
 * recipe naming the router file to copy from, the root router and its endpoint, and the builders that guard them;
 * a router no adapter serves is no convention to copy.
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const PKG = JSON.stringify({ name: 'api', private: true, dependencies: { '@trpc/server': '^11.0.0', express: '^4.18.0' } });
const INIT = [
  "import { initTRPC } from '@trpc/server';",
  'const t = initTRPC.create();',
  'export const router = t.router;',
  'export const publicProcedure = t.procedure;',
  'export const protectedProcedure = t.procedure.use(({ next }) => next());',
].join('\n');

const repo = () =>
  tempRepo({
    'package.json': PKG,
    'src/trpc.ts': INIT,
    'src/modules/auth/authRouter.trpc.ts': [
      "import { router, publicProcedure, protectedProcedure } from '../../trpc';",
      'export const authRouter = router({',
      '  signIn: publicProcedure.mutation(() => 1),',
      '  signUp: publicProcedure.mutation(() => 1),',
      '  signOut: protectedProcedure.mutation(() => 1),',
      '});',
    ].join('\n'),
    'src/modules/auth/authRouter.ts': "import express from 'express';\nexport const authRouter = express.Router();\nauthRouter.post('/sign-in', (req, res) => res.end());\nauthRouter.post('/sign-up', (req, res) => res.end());\nauthRouter.post('/sign-out', (req, res) => res.end());\n",
    'src/router.ts': "import { router } from './trpc';\nimport { authRouter } from './modules/auth/authRouter.trpc';\nexport const appRouter = router({ auth: authRouter });\n",
    'src/server.ts': [
      "import express from 'express';",
      "import * as trpcExpress from '@trpc/server/adapters/express';",
      "import { appRouter } from './router';",
      'const app = express();',
      "app.use('/trpc', trpcExpress.createExpressMiddleware({ router: appRouter }));",
      "// app.use('/auth', authRouter);",
      'export { app };',
    ].join('\n'),
  });

describe('step 9 recipe for a tRPC API', () => {
  it('points at the tRPC router file, not at an Express router no code mounts', async () => {
    const root = repo();
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('Add an API endpoint (Express');
    expect(md).toContain('#### Add an API endpoint (tRPC, `api`)');
    expect(md).toContain('1. **Procedure:** api declares its procedures in `/src/modules/auth/authRouter.trpc.ts`; copy `auth.signIn` (a mutation) at `:3`.');
    expect(md).toContain('2. **Router:** a new router file joins the root router `appRouter` (`/src/router.ts:3`), served at /trpc (`/src/server.ts:5`).');
    expect(md).toContain('`publicProcedure` (`/src/trpc.ts:4`) on 2 of 3 procedures, `protectedProcedure` (`/src/trpc.ts:5`) on 1 of 3 procedures');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});
