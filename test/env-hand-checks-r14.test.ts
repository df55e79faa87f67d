/**
 * Env facts a hand check on tanstack-router-hono-vite-starter found wrong: a read held in a local variable whose
 * every use copes with unset (`const envMax = process.env.X; return envMax ? parseInt(envMax, 10) : 100`) has a
 * fallback; a multi-stage Dockerfile's last-stage `ENV` reaches the package that image runs, not one an earlier stage
 * only builds.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';
import { configurationStep } from '../src/steps/08-configuration.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe('a read held in a local variable', () => {
  it('has a fallback when every use of the variable copes with unset, and none when one use does not', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'src/limits.ts': [
        'export function maxFiles(): number {',
        '  const envMax = process.env.DEV_ERROR_MAX_FILES;',
        '  return envMax ? parseInt(envMax, 10) : 100;',
        '}',
        'export function limit(): string {',
        '  const raw = process.env.PAGE_LIMIT;',
        "  const value = raw ?? '20';",
        '  return value;',
        '}',
        'export function port(): number {',
        '  const p = Number(process.env.LISTEN_PORT);',
        '  if (!p) return 3000;',
        '  return p;',
        '}',
        'export function key(send: (k: string | undefined) => void): void {',
        '  const k = process.env.API_KEY_NAME;',
        "  if (k) console.log('key set');",
        '  send(k);',
        '}',
        'export function token(): string {',
        '  const t = process.env.AUTH_TOKEN;',
        "  if (!t) throw new Error('AUTH_TOKEN');",
        '  return t;',
        '}',
        'export const shared = process.env.SHARED_URL;',
        "export const sharedOr = shared || 'http://localhost';",
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    const fallback = (n: string) => [n, env.get(n)?.reads.map((r) => r.hasFallback)];
    for (const n of ['DEV_ERROR_MAX_FILES', 'PAGE_LIMIT', 'LISTEN_PORT']) expect(fallback(n)).toEqual([n, [true]]);
    // One use hands the value on as it is; a check that throws makes it required; an exported holder is used elsewhere.
    for (const n of ['API_KEY_NAME', 'AUTH_TOKEN', 'SHARED_URL']) expect(fallback(n)).toEqual([n, [false]]);
    expect(env.get('AUTH_TOKEN')?.reads[0].required).toBe('check');
  });
});

describe('a multi-stage Dockerfile', () => {
  it("applies the last stage's ENV to the package it runs (WORKDIR, CMD), an earlier stage's to what the file builds", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'packages/client/package.json': JSON.stringify({ name: '@app/client', private: true }),
      'packages/client/vite.config.ts': 'export const proxy = `http://localhost:${process.env.SERVER_PORT}`;\nexport const mode = process.env.BUILD_MODE;\n',
      'packages/server/package.json': JSON.stringify({ name: '@app/server', private: true }),
      'packages/server/src/index.ts': 'export const port = process.env.SERVER_PORT;\nexport const mode = process.env.BUILD_MODE;\n',
      Dockerfile: [
        'FROM node:20 AS build',
        'WORKDIR /app',
        'COPY . .',
        'ENV BUILD_MODE=release',
        'RUN cd packages/client && npx vite build',
        '',
        'FROM node:20-slim AS production',
        'WORKDIR /app',
        'COPY --from=build /app/packages/server ./packages/server',
        'COPY --from=build /app/packages/client/dist ./packages/server/public',
        'ENV SERVER_PORT=8080',
        'WORKDIR /app/packages/server',
        'CMD ["npm", "run", "start"]',
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    const setLines = (name: string, file: string) => env.setsFor(env.get(name)!, [file]).map((s) => `${s.at.file}:${s.at.line}`);
    expect(setLines('SERVER_PORT', 'packages/server/src/index.ts')).toEqual(['Dockerfile:11']);
    expect(setLines('SERVER_PORT', 'packages/client/vite.config.ts')).toEqual([]);
    // The build stage's ENV is seen by the package it builds, as before.
    expect(setLines('BUILD_MODE', 'packages/client/vite.config.ts')).toEqual(['Dockerfile:4']);
    expect(setLines('BUILD_MODE', 'packages/server/src/index.ts')).toEqual([]);
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toMatch(/\| `SERVER_PORT` \| `\/packages\/server\/src\/index\.ts:1`[^|]* \| Dockerfile `ENV` `\/Dockerfile:11` \|/);
    expect(md).toMatch(/\| `SERVER_PORT` \| `\/packages\/client\/vite\.config\.ts:1` \| — \|/);
  });
});

describe('a read guarded by a test of the same variable', () => {
  it('is guarded when the test reads it with optional chaining (vercel/nextjs-subscription-payments getURL)', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'utils/helpers.ts': [
        "export const getURL = (path: string = '') => {",
        '  let url =',
        '    process?.env?.NEXT_PUBLIC_SITE_URL &&',
        "    process.env.NEXT_PUBLIC_SITE_URL.trim() !== ''",
        '      ? process.env.NEXT_PUBLIC_SITE_URL',
        "      : 'http://localhost:3000/';",
        '  return url + path;',
        '};',
        'export const plain = () => process.env.OTHER_URL;',
        '',
      ].join('\n'),
    });
    const env = (await modelOf(root)).env();
    expect(env.get('NEXT_PUBLIC_SITE_URL')?.reads.map((r) => r.hasFallback)).toEqual([true]);
    expect(env.get('OTHER_URL')?.reads.map((r) => r.hasFallback)).toEqual([false]);
  });
});

