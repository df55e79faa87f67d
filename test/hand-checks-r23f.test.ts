/**
 * Hand-check round 23 (kaannakiin/turborepo-nestjs-nextjs-ecommerce, wmfarooqi05/aws-serverless-app).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { middyUses } from '../src/detectors/backend-code/middleware.js';
import { moduleResolver } from '../src/detectors/shared/resolve-module.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import { nextMiddleware } from '../src/detectors/shared/next-middleware.js';
import { helperRedirectsToSignIn } from '../src/detectors/shared/next-middleware-helpers.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

describe('an env read behind a literal that always wins', () => {
  it('`"table" || process.env.X` is not used, never "without a fallback"; a read on the left is as before', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/tables.ts': [
        'export const WS_TABLE = "websocket_connections" || process.env.WS_TABLE;',
        'export const JOBS = process.env.JOBS_TABLE || "jobs";',
        'export const OTHER = "" || process.env.OTHER_TABLE;',
        'export const NEXT = ("a" ?? process.env.NULLISH_TABLE);',
        'export const BARE = process.env.BARE_TABLE;',
        '',
      ].join('\n'),
    });
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const read = (name: string) => env.get(name)!.reads.find((r) => r.file === 'src/tables.ts')!;
    expect(read('WS_TABLE')).toMatchObject({ hasFallback: true, shadowed: true });
    expect(read('NULLISH_TABLE')).toMatchObject({ hasFallback: true, shadowed: true });
    expect(read('JOBS_TABLE')).toMatchObject({ hasFallback: true });
    expect(read('JOBS_TABLE').shadowed).toBeUndefined();
    // An empty string is falsy: `'' || process.env.X` is the read.
    expect(read('OTHER_TABLE')).toMatchObject({ hasFallback: false });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).not.toMatch(/`WS_TABLE` — read without a fallback/);
    expect(md).toContain('`/src/tables.ts:1` (not used: a literal on the left always wins)');
  });
});

describe('tsconfig paths here, baseUrl in the config it extends', () => {
  it('`src/common/…` resolves against the inherited baseUrl: the middy middleware is cited where it is defined', async () => {
    const handler = [
      'import middy from "@middy/core";',
      'import { decodeJWTMiddleware } from "src/common/middlewares/decode-jwt";',
      'const h = async () => ({ statusCode: 200 });',
      'export const getReminders = middy(h).use(',
      '  decodeJWTMiddleware()',
      ');',
      '',
    ].join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@middy/core': '^5.0.0' } }),
      'tsconfig.paths.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@libs/*': ['src/libs/*'] } } }),
      'tsconfig.json': '{\n  "extends": "./tsconfig.paths.json",\n  "compilerOptions": {\n    "paths": { "@common/*": ["src/common/*"], },\n  }\n}\n',
      'src/common/middlewares/decode-jwt.ts': '// decode\n\nexport const decodeJWTMiddleware = () => ({ before: async () => undefined });\n',
      'src/functions/reminders/handler.ts': handler,
    });
    const index = await indexOf(root);
    expect(moduleResolver(index).resolve('src/functions/reminders/handler.ts', 'src/common/middlewares/decode-jwt')).toBe('src/common/middlewares/decode-jwt.ts');
    expect(moduleResolver(index).resolve('src/functions/reminders/handler.ts', '@common/middlewares/decode-jwt')).toBe('src/common/middlewares/decode-jwt.ts');
    const uses = middyUses(index, 'src/functions/reminders/handler.ts', handler);
    expect(uses.map((m) => [m.name, m.file, m.line])).toEqual([['decodeJWTMiddleware', 'src/common/middlewares/decode-jwt.ts', 3]]);
  });
});

describe('a Lambda layer folder with only a manifest', () => {
  it('is the layer\'s dependencies, not the Serverless service a copied `main` names', async () => {
    const manifest = { name: 'gel-api', version: '1.0.0', main: 'serverless.ts', dependencies: { googleapis: '^111.0.0' } };
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'gel-api', version: '1.0.0', main: 'serverless.ts', devDependencies: { serverless: '^3.0.0' } }),
      'serverless.ts': 'export default { service: "gel-api" };\n',
      'layers/googleapis/nodejs/package.json': JSON.stringify(manifest),
      'layers/googleapis/nodejs/package-lock.json': '{}\n',
      'other/package.json': JSON.stringify(manifest),
      'other/index.js': 'module.exports = {};\n',
    });
    const index = await indexOf(root);
    const kind = (dir: string) => packageKind(index.packages.find((p) => p.dir === dir)!, index);
    expect(kind('layers/googleapis/nodejs')).toMatchObject({ id: 'lambda', label: 'AWS Lambda layer dependencies' });
    // A `main` naming a Serverless config that is not there decides nothing.
    expect(kind('other')?.label).not.toBe('Serverless Framework service');
    expect(kind('')).toMatchObject({ label: 'Serverless Framework service' });
  });
});

describe('a framework only as a devDependency', () => {
  it('a preset package with `next` in devDependencies and only a build script is not a frontend app', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/web/package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '16.0.10', react: '19.0.0' } }),
      'apps/web/app/page.tsx': 'export default function Page() { return null; }\n',
      'packages/jest-config/package.json': JSON.stringify({ name: '@repo/jest-config', private: true, main: './dist/index.js', scripts: { build: 'tsc' }, devDependencies: { jest: '^29.7.0', next: '^15.4.2' } }),
      'packages/jest-config/src/next.ts': 'export const next = { testEnvironment: "jsdom" };\n',
      // A Svelte app lists everything as devDependencies: its config and dev script make it an app.
      'packages/site/package.json': JSON.stringify({ name: 'site', private: true, scripts: { dev: 'vite dev' }, devDependencies: { svelte: '^5.0.0', vite: '^6.0.0' } }),
      'packages/site/vite.config.ts': 'export default {};\n',
    });
    const apps = frontendApps(await indexOf(root)).map((a) => `${a.name}:${a.framework}`);
    expect(apps).toEqual(['web:next', 'site:svelte']);
  });
});

describe('Next.js 16 proxy.ts that redirects through a same-file helper', () => {
  it('turns signed-out users away (helper redirect to /auth) and is built on jose', async () => {
    const proxy = [
      "import { jwtVerify } from 'jose';",
      "import { NextRequest, NextResponse } from 'next/server';",
      'const createClearRedirect = (url: string, req: NextRequest) => {',
      '  const response = NextResponse.redirect(new URL(url, req.url));',
      "  response.cookies.delete('token');",
      '  return response;',
      '};',
      'export async function proxy(req: NextRequest) {',
      '  const token = req.cookies.get("token")?.value;',
      '  if (!token || !(await jwtVerify(token, new Uint8Array()))) {',
      '    return createClearRedirect(',
      '      `/auth?redirectUri=${encodeURIComponent(req.nextUrl.pathname)}`,',
      '      req,',
      '    );',
      '  }',
      '  return NextResponse.next();',
      '}',
      "export const config = { matcher: ['/account/:path*'] };",
      '',
    ].join('\n');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '16.0.0', jose: '^5.0.0' } }),
      'proxy.ts': proxy,
      'app/account/page.tsx': 'export default function Page() { return null; }\n',
    });
    const mw = nextMiddleware(await indexOf(root), '')!;
    expect(mw.file).toBe('proxy.ts');
    expect(mw.turnsAway).toBe(true);
    expect(mw.authLibrary).toEqual({ name: 'jose', file: 'proxy.ts', line: 1 });
    expect(helperRedirectsToSignIn(proxy.replace('/auth?redirectUri=', '/?from='))).toBe(false);
  });
});
