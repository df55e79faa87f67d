import { describe, expect, it } from 'vitest';
import { httpFrameworksDetector, type HttpRouteData } from '../src/detectors/http-frameworks/index.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'web', private: true, dependencies: { next: '14.2.0', react: '18.2.0', 'react-dom': '18.2.0' } });

function route(method: string, body: string[], imports: string[]): string {
  return [...imports, `export async function ${method}(request: Request) {`, ...body.map((l) => `  ${l}`), '}'].join('\n');
}

let lastRoot = '';

async function guards(files: Record<string, string>): Promise<Record<string, string[]>> {
  const root = (lastRoot = tempRepo({ 'package.json': pkg, 'next.config.js': 'module.exports = {};', ...files }));
  const routes = (await detect(httpFrameworksDetector, root)).map((f) => f.data as HttpRouteData);
  return Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, (r.middlewareUses ?? []).map((u) => `${u.name} ${u.kind} ${u.code?.file}:${u.code?.line}`)]));
}

describe('a session check needs evidence beyond the name', () => {
  it('getUser() that is a database lookup guards nothing; getUser() whose definition reads cookies does', async () => {
    const found = await guards({
      'src/queries/user.ts': "import { db } from './db';\nexport async function getUser(id: string) {\n  return db.user.findUnique({ where: { id } });\n}\n",
      'src/queries/db.ts': 'export const db: any = {};\n',
      'src/lib/current.ts': "import { cookies } from 'next/headers';\nexport async function getUser() {\n  const sid = cookies().get('sid');\n  return sid ? { id: sid.value } : null;\n}\n",
      'src/app/api/me/password/route.ts': route('POST', ['const user = await getUser(request.url);', "if (!user) return new Response('missing', { status: 404 });", 'return Response.json(user);'], [
        "import { getUser } from '@/queries/user';",
      ]),
      'src/app/api/me/route.ts': route('GET', ['const user = await getUser();', "if (!user) return new Response('Unauthorized', { status: 401 });", 'return Response.json(user);'], [
        "import { getUser } from '@/lib/current';",
      ]),
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
    });
    expect(found['POST /api/me/password']).toEqual([]);
    expect(found['GET /api/me']).toEqual(['session check getUser() session-check src/app/api/me/route.ts:3']);
  });
});

describe("a project's own auth helper called in the handler", () => {
  it('parseRequest() that calls checkAuth() and answers 401 guards its callers, unless they pass { skipAuth: true }', async () => {
    const found = await guards({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/auth.ts': "export async function checkAuth(request: Request) {\n  const token = request.headers.get('authorization');\n  return token ? { user: { id: token } } : null;\n}\n",
      'src/lib/response.ts': "export const unauthorized = () => new Response('Unauthorized', { status: 401 });\n",
      'src/lib/request.ts': [
        "import { checkAuth } from '@/lib/auth';",
        "import { unauthorized } from '@/lib/response';",
        '',
        'export async function parseRequest(request: Request, options?: { skipAuth: boolean }) {',
        '  let error: (() => Response) | undefined;',
        '  let auth = null;',
        '  if (!options?.skipAuth) {',
        '    auth = await checkAuth(request);',
        '    if (!auth) error = () => unauthorized();',
        '  }',
        '  return { auth, error };',
        '}',
      ].join('\n'),
      'src/app/api/teams/route.ts': route('GET', ['const { auth, error } = await parseRequest(request);', 'if (error) return error();', 'return Response.json(auth);'], [
        "import { parseRequest } from '@/lib/request';",
      ]),
      'src/app/api/boards/route.ts': route('GET', ['const { error } = await parseRequest(request);', 'if (error) return error();', 'return Response.json([]);'], [
        "import { parseRequest } from '@/lib/request';",
      ]),
      'src/app/api/links/route.ts': route('GET', ['const { error } = await parseRequest(request);', 'if (error) return error();', 'return Response.json([]);'], [
        "import { parseRequest } from '@/lib/request';",
      ]),
      'src/app/api/login/route.ts': route('POST', ['const { error } = await parseRequest(request, { skipAuth: true });', 'if (error) return error();', 'return Response.json({});'], [
        "import { parseRequest } from '@/lib/request';",
      ]),
    });
    expect(found['GET /api/teams']).toEqual(['parseRequest() auth-helper src/lib/request.ts:4']);
    expect(found['POST /api/login']).toEqual([]);
    // Step 9's endpoint recipe says where such a guard is: in the handler's body, not in a route declaration.
    const recipe = (await section(workflowsStep, lastRoot)).markdown;
    expect(recipe).toContain("**Auth and middleware:** guards are called in the handler's own body");
  });
});

describe('a helper that only builds the 401 answer', () => {
  it('handleError() calling unauthorized() checks nobody: no guard', async () => {
    const found = await guards({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/errors.ts': [
        "export const unauthorized = () => new Response('Unauthorized', { status: 401 });",
        'export function handleError(e: unknown) {',
        "  if (e instanceof Error && e.message === 'denied') return unauthorized();",
        "  return new Response('error', { status: 500 });",
        '}',
      ].join('\n'),
      'src/app/api/things/route.ts': route('GET', ['try {', '  return Response.json([]);', '} catch (e) {', '  return handleError(e);', '}'], ["import { handleError } from '@/lib/errors';"]),
    });
    expect(found['GET /api/things']).toEqual([]);
  });
});

describe('a helper whose body reads the session, tested by the handler', () => {
  it('verifyAccess() defined in the route file or imported, calling getServerSession(), guards the handler that answers 403 when it fails', async () => {
    const found = await guards({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/db.ts': 'export const db: any = {};\n',
      'src/lib/access.ts': [
        "import { getServerSession } from 'next-auth';",
        "import { db } from '@/lib/db';",
        'export async function canEditTeam(id: string) {',
        '  const session = await getServerSession();',
        '  return (await db.team.count({ where: { id, ownerId: session?.user.id } })) > 0;',
        '}',
      ].join('\n'),
      'src/app/api/posts/route.ts': [
        "import { getServerSession } from 'next-auth';",
        "import { db } from '@/lib/db';",
        'export async function DELETE(request: Request) {',
        '  if (!(await verifyCurrentUserHasAccessToPost(request.url))) {',
        '    return new Response(null, { status: 403 });',
        '  }',
        '  return new Response(null, { status: 204 });',
        '}',
        'async function verifyCurrentUserHasAccessToPost(postId: string) {',
        '  const session = await getServerSession();',
        '  return (await db.post.count({ where: { id: postId, authorId: session?.user.id } })) > 0;',
        '}',
      ].join('\n'),
      'src/app/api/teams/route.ts': route('DELETE', ['const allowed = await canEditTeam(request.url);', 'if (!allowed) return new Response(null, { status: 403 });', 'return new Response(null, { status: 204 });'], [
        "import { canEditTeam } from '@/lib/access';",
      ]),
      'src/app/api/stats/route.ts': route('GET', ['const post = await findPost(request.url);', 'if (!post) return new Response(null, { status: 404 });', 'return Response.json(post);'], [
        "import { db } from '@/lib/db';",
        'async function findPost(id: string) { return db.post.findFirst({ where: { id } }); }',
      ]),
    });
    expect(found['DELETE /api/posts']).toEqual(['verifyCurrentUserHasAccessToPost() auth-helper src/app/api/posts/route.ts:9']);
    expect(found['DELETE /api/teams']).toEqual(['canEditTeam() auth-helper src/lib/access.ts:3']);
    expect(found['GET /api/stats']).toEqual([]);
  });
});

describe('a helper that throws when the property it reads from the session answer is missing', () => {
  it('getServerProfile() reading `(await supabase.auth.getUser()).data.user` and throwing guards every handler that calls it', async () => {
    const found = await guards({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/server/helpers.ts': [
        "import { createServerClient } from '@supabase/ssr';",
        "import { cookies } from 'next/headers';",
        'export async function getServerProfile() {',
        "  const supabase = createServerClient('url', 'key', { cookies: { get: (n: string) => cookies().get(n)?.value } });",
        '  const user = (await supabase.auth.getUser()).data.user;',
        '  if (!user) {',
        "    throw new Error('User not found');",
        '  }',
        "  return { id: user.id, key: '' };",
        '}',
      ].join('\n'),
      // A body typed with an inline type literal before the `try {`.
      'src/app/api/chat/route.ts': route(
        'POST',
        ['const json = await request.json();', 'const { messages } = json as {', '  messages: string[]', '};', 'try {', '  const profile = await getServerProfile();', '  return Response.json({ messages, id: profile.id });', '} catch (e) {', "  return new Response('error', { status: 500 });", '}'],
        ["import { getServerProfile } from '@/lib/server/helpers';"],
      ),
      // No literal: `try {` straight away, the profile used without a test of its own.
      'src/app/api/list/route.ts': [
        "import { getServerProfile } from '@/lib/server/helpers';",
        'export async function GET() {',
        '  try {',
        '    const profile = await getServerProfile();',
        '    return Response.json({ id: profile.id });',
        '  } catch (e) {',
        "    return new Response('error', { status: 500 });",
        '  }',
        '}',
      ].join('\n'),
      'src/app/api/open/route.ts': route('GET', ['return Response.json({});'], []),
    });
    expect(found['POST /api/chat']).toEqual(['getServerProfile() auth-helper src/lib/server/helpers.ts:3']);
    expect(found['GET /api/list']).toEqual(['getServerProfile() auth-helper src/lib/server/helpers.ts:3']);
    expect(found['GET /api/open']).toEqual([]);
  });
});
