import { describe, expect, it } from 'vitest';
import { backendCodeDetector } from '../src/detectors/backend-code/index.js';
import type { MiddlewareData } from '../src/detectors/backend-code/types.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('a handler wrapper is used by the files that call it, not by every file that imports it', () => {
  it('leaves out a file importing it but calling only its sibling, and keeps a backend .tsx file that calls it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^5.0.0' } }),
      'src/lambda/utils.ts': [
        "import { ZodError } from 'zod';",
        'export const HandlerWrapper = (permissionFn: any, fn: any) => async (req: any, res: any, next: any) => {',
        '  try { await fn(req, res, next); } catch (error) {',
        '    if (error instanceof ZodError) return res.status(400).json({ message: "Validation Error" });',
        '    throw error;',
        '  }',
        '};',
        'export const HandlerWrapperLoggedIn = (permissionFn: any, fn: any) => async (req: any, res: any, next: any) => {',
        '  if (!res.locals.user) return res.status(401).json({});',
        '  await fn(req, res, next);',
        '};',
      ].join('\n'),
      'src/lambda/endpoints/getEvents.ts': [
        "import { HandlerWrapper } from '../utils';",
        'export const getEvents = HandlerWrapper(() => [], async (req: any, res: any) => res.json([]));',
      ].join('\n'),
      'src/lambda/endpoints/approve.ts': [
        "import { HandlerWrapper, HandlerWrapperLoggedIn } from '../utils';",
        '// HandlerWrapper( is not needed here',
        'export const approve = HandlerWrapperLoggedIn(() => [], async (req: any, res: any) => res.json({}));',
      ].join('\n'),
      'src/lambda/endpoints/sheet.tsx': [
        "import { HandlerWrapper } from '../utils';",
        'export const sheet = HandlerWrapper(() => [], async (req: any, res: any) => res.json({ n: 1 }));',
      ].join('\n'),
    });
    const mw = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.middleware').map((f) => f.data as MiddlewareData);
    expect(mw.find((m) => m.name === 'HandlerWrapper')?.usedBy).toEqual(['src/lambda/endpoints/getEvents.ts', 'src/lambda/endpoints/sheet.tsx']);
    expect(mw.find((m) => m.name === 'HandlerWrapperLoggedIn')?.usedBy).toEqual(['src/lambda/endpoints/approve.ts']);
    // Its error mapping ("checks ZodError; called from …") counts the same callers.
    const mapping = (await detect(backendCodeDetector, root)).filter((f) => f.kind === 'backend.error-mapping').map((f) => f.data as { name: string; usedBy: string[] });
    expect(mapping.find((m) => m.name === 'HandlerWrapper')?.usedBy).toEqual(['src/lambda/endpoints/getEvents.ts', 'src/lambda/endpoints/sheet.tsx']);
  });
});
