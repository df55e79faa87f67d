import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** A Hono app whose app-wide plumbing runs before every route and whose guards run before only some. */
function honoApp(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { hono: '^4.0.0', jose: '^5.0.0' } }),
    'src/index.ts': [
      "import { Hono } from 'hono';",
      "import { cors } from 'hono/cors';",
      "import { logger } from 'hono/logger';",
      "import { secureHeaders } from 'hono/secure-headers';",
      "import { requestId } from 'hono/request-id';",
      "import { prettyJSON } from 'hono/pretty-json';",
      "import { gate } from './middleware/session';",
      "import { onlyStaff } from './middleware/staff';",
      "import { timing } from './middleware/timing';",
      "import { sessionTimer } from './middleware/session';",
      '',
      'const app = new Hono();',
      "app.use('*', cors());",
      "app.use('*', logger());",
      "app.use('*', secureHeaders());",
      "app.use('*', requestId());",
      "app.use('*', prettyJSON());",
      "app.get('/health', (c) => c.text('ok'));",
      "app.get('/items', timing, sessionTimer, (c) => c.json([]));",
      "app.get('/me', gate, (c) => c.json({}));",
      "app.post('/orders', gate, (c) => c.json({}));",
      "app.delete('/orders/:id', gate, onlyStaff, (c) => c.json({}));",
      'export default app;',
    ].join('\n'),
    // `gate` is named like no guard but verifies a JWT; `sessionTimer` is named like one, and the check is not in it.
    'src/middleware/session.ts': [
      "import { jwtVerify } from 'jose';",
      'export async function sessionTimer(c: any, next: () => Promise<void>) {',
      '  await next();',
      '}',
      'export async function gate(c: any, next: () => Promise<void>) {',
      "  const token = c.req.header('authorization')?.slice(7);",
      '  await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));',
      '  await next();',
      '}',
    ].join('\n'),
    'src/middleware/staff.ts': 'export async function onlyStaff(c: any, next: () => Promise<void>) {\n  await next();\n}\n',
    'src/middleware/timing.ts': 'export async function timing(c: any, next: () => Promise<void>) {\n  await next();\n}\n',
  });
}

describe('endpoint recipe: guards before app-wide plumbing', () => {
  it('lists the middleware that guards routes first, then the rest, within the cap and saying how many more step 3 lists', async () => {
    const md = (await section(workflowsStep, honoApp())).markdown;
    const line = md.split('\n').find((l) => l.includes('**Auth and middleware:**')) ?? '';
    expect(line).toContain('`gate` on 3 of 5 routes');
    const listed = [...line.matchAll(/`([^`]+)` on \d+ of \d+ routes/g)].map((m) => m[1]);
    expect(listed).toHaveLength(4);
    expect(listed[0]).toBe('gate');
    expect(listed.slice(1)).toEqual(['cors()', 'logger()', 'prettyJSON()']);
    expect(line).not.toContain('`sessionTimer` on');
    expect(line).toMatch(/\(\+\d+ more in step 3\)/);
  });
});
