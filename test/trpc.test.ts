import { describe, expect, it } from 'vitest';
import { trpcDetector, type TrpcProcedureData } from '../src/detectors/trpc/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

async function procedures(): Promise<TrpcProcedureData[]> {
  return (await detect(trpcDetector, 'be-trpc')).map((f) => f.data as TrpcProcedureData);
}

describe('tRPC', () => {
  it('gives every procedure its path through nested, inline and merged routers, with query, mutation or subscription', async () => {
    const list = await procedures();
    expect(list.map((p) => `${p.type} ${p.path} ${p.file}:${p.line}`)).toEqual([
      'query admin.stats src/server/api/routers/admin.ts:7',
      'mutation admin.users.ban src/server/api/routers/admin.ts:9',
      'mutation bookmarks.create src/server/api/routers/bookmarks.ts:7',
      'query bookmarks.list src/server/api/routers/bookmarks.ts:6',
      'subscription bookmarks.onAdded src/server/api/routers/bookmarks.ts:8',
      'query health.ping src/server/api/routers/health.ts:6',
      'query health.whoami src/server/api/routers/health.ts:7',
    ]);
    expect(list.every((p) => p.router === 'appRouter' && p.routerAt.file === 'src/server/api/root.ts' && p.routerAt.line === 8)).toBe(true);
    const ids = (await detect(trpcDetector, 'be-trpc')).map((f) => f.id);
    expect(ids).toContain('trpc bookmarks.create');
  });

  it("takes the builder's middleware chain as the guard, across files, and the procedure's own .use()", async () => {
    const list = await procedures();
    const by = (path: string) => list.find((p) => p.path === path)!;
    expect(by('bookmarks.list')).toMatchObject({ builder: 'publicProcedure', builderAt: { file: 'src/server/api/trpc.ts', line: 8 }, middleware: [] });
    expect(by('bookmarks.create').middleware).toEqual([
      { name: 'enforceUserIsAuthed', kind: 'procedure', at: { file: 'src/server/api/trpc.ts', line: 16 }, code: { file: 'src/server/api/trpc.ts', line: 11 } },
    ]);
    expect(by('admin.users.ban').middleware.map((m) => [m.name, m.code?.file])).toEqual([
      ['enforceUserIsAuthed', 'src/server/api/trpc.ts'],
      ['isAdmin', 'src/server/api/middleware/admin.ts'],
      ['audit', 'src/server/api/routers/admin.ts'],
    ]);
    expect(by('admin.stats')).toMatchObject({ builder: 'adminProcedure', builderAt: { file: 'src/server/api/procedures.ts', line: 4 } });
    // A plain router record (`{ … } satisfies TRPCRouterRecord`), and inline middleware cited where it is written.
    expect(by('health.whoami').middleware.map((m) => [m.name, m.code])).toEqual([
      ['enforceUserIsAuthed', { file: 'src/server/api/trpc.ts', line: 11 }],
      ['(inline middleware)', { file: 'src/server/api/routers/health.ts', line: 7 }],
    ]);
  });

  it('follows a named resolver to its code and finds the HTTP endpoint from the adapter', async () => {
    const create = (await procedures()).find((p) => p.path === 'bookmarks.create');
    expect(create).toMatchObject({
      handler: 'createBookmark',
      handlerAt: { file: 'src/server/handlers/bookmarks.ts', line: 1 },
      endpoint: '/api/trpc',
      endpointAt: { file: 'src/app/api/trpc/[trpc]/route.ts', line: 5 },
    });
  });

  it('writes a procedures table with builders, middleware and where each is defined', async () => {
    const md = (await section(backendApiStep, 'be-trpc')).markdown;
    expect(missingCitations(md, await indexOf('be-trpc'))).toEqual([]);
    expect(md).toContain('No AWS CDK app in this repository: the API is served by the HTTP framework routes and tRPC procedures below.');
    expect(md).toContain('7 procedures from `appRouter` (`/src/server/api/root.ts:8`), served at /api/trpc (`/src/app/api/trpc/[trpc]/route.ts:5`).');
    expect(md).toContain(
      '| `bookmarks.create` | mutation | `protectedProcedure` `/src/server/api/trpc.ts:16` | `enforceUserIsAuthed` | `createBookmark` `/src/server/handlers/bookmarks.ts:1` | `/src/server/api/routers/bookmarks.ts:7` |',
    );
    expect(md).toContain('- `isAdmin` — code in `/src/server/api/middleware/admin.ts:4`; procedure middleware, at `/src/server/api/procedures.ts:4`');
  });

  it('is off without @trpc/server', async () => {
    expect(await detect(trpcDetector, 'be-express')).toEqual([]);
  });
});
