import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** A pages/api handler in the boxyhq/saas-starter-kit shape: `const { method } = req; switch (method)` → `handleX()`. */
const HANDLER = (cases: string, fns: string) =>
  [
    "import type { NextApiRequest, NextApiResponse } from 'next';",
    "import { throwIfNoTeamAccess } from 'models/team';",
    'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
    '  const { method } = req;',
    '  switch (method) {',
    cases,
    '    default:',
    '      res.status(405).json({ error: `Method ${method} Not Allowed` });',
    '  }',
    '}',
    fns,
  ].join('\n');

describe('Next.js pages/api handlers dispatching on the method to functions of their file', () => {
  it('reads the methods of `switch (method)` on a destructured method, and the auth checks inside each handleX()', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.' } }),
      'models/team.ts': [
        "import { getSession } from '../lib/session';",
        'export const throwIfNoTeamAccess = async (req: unknown, res: unknown) => {',
        '  const session = await getSession(req, res);',
        "  if (!session) throw new Error('Unauthorized');",
        '  return session;',
        '};',
      ].join('\n'),
      'lib/session.ts': "export const getSession = async (req: unknown, res: unknown) => (req as { session?: object }).session ?? null;\n",
      'pages/api/teams/[slug]/members.ts': HANDLER(
        ["    case 'GET':", '      await handleGET(req, res);', '      break;', "    case 'DELETE':", '      await handleDELETE(req, res);', '      break;'].join('\n'),
        [
          'const handleGET = async (req: NextApiRequest, res: NextApiResponse) => {',
          '  const member = await throwIfNoTeamAccess(req, res);',
          '  res.json({ data: member });',
          '};',
          'const handleDELETE = async (req: NextApiRequest, res: NextApiResponse) => {',
          '  res.status(204).end();',
          '};',
        ].join('\n'),
      ),
      'pages/api/password.ts': HANDLER(
        ["    case 'PUT':", '      await handlePUT(req, res);', '      break;'].join('\n'),
        [
          "import { getSession } from '../../lib/session';",
          'const handlePUT = async (req: NextApiRequest, res: NextApiResponse) => {',
          '  const session = await getSession(req, res);',
          "  if (!session) throw new Error('Unauthorized');",
          '  res.status(204).end();',
          '};',
        ].join('\n'),
      ),
    });
    const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
    expect(routes.map((r) => [r.method, r.path, r.middleware ?? []])).toEqual([
      // The check inside handlePUT is named, not handlePUT itself (a method handler, not a guard).
      ['PUT', '/api/password', ['session check getSession()']],
      ['DELETE', '/api/teams/[slug]/members', []],
      ['GET', '/api/teams/[slug]/members', ['throwIfNoTeamAccess()']],
    ]);
    // Cited where handleGET calls it, with the check's own code in models/team.ts.
    const get = routes.find((r) => r.method === 'GET')!;
    expect(get.middlewareUses?.map((u) => [u.at, u.code])).toEqual([[{ file: 'pages/api/teams/[slug]/members.ts', line: 17 }, { file: 'models/team.ts', line: 2 }]]);
  });
});
