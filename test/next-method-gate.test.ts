/**
 * A `req.method` test in a Pages Router handler restricts its methods only when other methods get an error answer or
 * none (hand-check round 20: 0xPocket/pocket, whose `[...nextauth].ts` tests `req.method === 'GET'` to hide a provider
 * on the sign-in page, then hands every request to `NextAuth(req, res, options)`).
 */
import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const HEAD = ["import type { NextApiRequest, NextApiResponse } from 'next';", ''];

const HANDLERS: Record<string, string[]> = {
  // pocket's shape: the test is in a constant, the branch changes options, every method reaches NextAuth.
  'auth/[...nextauth].ts': [
    "import NextAuth from 'next-auth';",
    'export default async function auth(req: NextApiRequest, res: NextApiResponse) {',
    '  const options = { providers: [1] };',
    "  const signin = req.method === 'GET' && req.query.nextauth === 'signin';",
    '  if (signin) options.providers = [];',
    '  return await NextAuth(req, res, options);',
    '}',
  ],
  // A branch for one method, then common code for all the others.
  'preflight.ts': [
    'export default function handler(req: NextApiRequest, res: NextApiResponse) {',
    "  if (req.method === 'OPTIONS') {",
    '    res.status(200).end();',
    '    return;',
    '  }',
    '  res.json({ ok: true });',
    '}',
  ],
  // Gates: a 405 after the branches, a negative guard, an else, a branch with nothing after it.
  'gated.ts': [
    'export default function handler(req: NextApiRequest, res: NextApiResponse) {',
    "  if (req.method === 'GET') return res.json({});",
    "  if (req.method === 'PUT') return res.status(204).end();",
    "  res.setHeader('Allow', ['GET', 'PUT']);",
    '  res.status(405).end();',
    '}',
  ],
  'guarded.ts': [
    'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
    "  const isPost = req.method === 'POST';",
    '  if (!isPost) return res.status(405).end();',
    '  res.json({ saved: true });',
    '}',
  ],
  'only.ts': [
    'export default async function handler(req: NextApiRequest, res: NextApiResponse) {',
    '  try {',
    "    if (req.method === 'DELETE') {",
    '      res.json({ deleted: true });',
    '    }',
    '  } catch (e) {',
    '    res.status(500).end();',
    '  }',
    '}',
  ],
};

describe('Pages Router method tests that are branches, not gates', () => {
  it('lists ALL when other methods go on to common code, the tested methods when they are gated', async () => {
    const files = Object.fromEntries(Object.entries(HANDLERS).map(([f, body]) => [`pages/api/${f}`, [...HEAD, ...body, ''].join('\n')]));
    const root = tempRepo({ 'package.json': '{"name":"web","dependencies":{"next":"14","next-auth":"4"}}', ...files });
    const found = (await httpFrameworksDetector.detect(await indexOf(root))).map((f) => f.data as HttpRouteData);
    expect(found.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`).sort()).toEqual([
      'ALL /api/auth/[...nextauth] pages/api/auth/[...nextauth].ts:4',
      'ALL /api/preflight pages/api/preflight.ts:3',
      'DELETE /api/only pages/api/only.ts:3',
      'GET /api/gated pages/api/gated.ts:3',
      'POST /api/guarded pages/api/guarded.ts:3',
      'PUT /api/gated pages/api/gated.ts:3',
    ]);
  });
});
