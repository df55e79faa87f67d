/**
 * Hand-check round 17 (karmaniverous/serverless-zod-openapi): a middy middleware held in a local const
 * (`const http = computeHttpMiddleware(args); … .use(http)`) is defined at the const, not at the `.use(…)` call.
 */
import { describe, expect, it } from 'vitest';
import { middyUses } from '../src/detectors/backend-code/middleware.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('middy middleware in a local const', () => {
  it('cites the declaration before the use', async () => {
    const text = [
      "import middy from '@middy/core';",
      "import { computeHttpMiddleware } from './http';",
      'export const wrap = (business: any) => async (event: unknown, context: unknown) => {',
      '  const args = { event };',
      '  const http = computeHttpMiddleware(args);',
      '',
      '  const wrapped = middy(async (e: unknown) => business(e)).use(http);',
      '  return wrapped(event as never, context as never);',
      '};',
      '',
    ].join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'rt', dependencies: { '@middy/core': '^5.0.0' } }),
      'src/wrap.ts': text,
      'src/http.ts': 'export const computeHttpMiddleware = (a: unknown) => ({ before: () => a });\n',
    });
    const index = await indexOf(root);
    expect(middyUses(index, 'src/wrap.ts', text).map((m) => [m.name, m.file, m.line])).toEqual([['http', 'src/wrap.ts', 5]]);
  });

  it('a parameter handed to `.use(…)` is whatever the caller passes, not a named middleware (round 23)', async () => {
    const text = [
      "import middy from '@middy/core';",
      "import { jsonBodyParser } from './parsers';",
      'export const middyfy = (handler, middlewares) => {',
      '  return middy(handler).use(middlewares).use(jsonBodyParser());',
      '};',
      '',
    ].join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'rt', dependencies: { '@middy/core': '^5.0.0' } }),
      'src/libs/lambda-middleware.ts': text,
      'src/libs/parsers.ts': 'export const jsonBodyParser = () => ({ before: () => undefined });\n',
    });
    const index = await indexOf(root);
    expect(middyUses(index, 'src/libs/lambda-middleware.ts', text).map((m) => [m.name, m.file, m.line])).toEqual([['jsonBodyParser', 'src/libs/parsers.ts', 1]]);
  });
});
