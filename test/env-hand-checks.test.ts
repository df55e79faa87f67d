/**
 * Env facts hand checks on real repositories found wrong: CRA's `PUBLIC_URL` (react-scripts sets it at build time),
 * helpers that read `process.env[`${prefix}${name}`]`, `PORT` with a fallback through a config object, and values a
 * server hands to the browser (`ENV: getEnv()`, `window.ENV = …`).
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const modelOf = async (root: string) => RepoModel.of(new Analysis(await indexOf(root)));

describe("CRA's PUBLIC_URL", () => {
  const cra = (deps: Record<string, string>) =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'web', private: true, scripts: { start: 'react-scripts start' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0', ...deps } }),
      'public/index.html': '<!doctype html><html><body><div id="root"></div></body></html>\n',
      'src/index.js': "import React from 'react';\nimport { createRoot } from 'react-dom/client';\nconst base = process.env.PUBLIC_URL;\ncreateRoot(document.getElementById('root')).render(React.createElement('a', { href: `${base}/x` }));\n",
    });

  it('is set by react-scripts where the package builds with it, never "set nowhere"', async () => {
    const root = cra({ 'react-scripts': '5.0.1' });
    const env = (await modelOf(root)).env();
    expect(env.get('PUBLIC_URL')?.runtime?.label).toBe('Create React App (react-scripts)');
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`PUBLIC_URL`[^\n]*set nowhere/);
  });

  it('stays the project\'s own variable without react-scripts', async () => {
    const env = (await modelOf(cra({}))).env();
    expect(env.get('PUBLIC_URL')?.runtime).toBeUndefined();
  });
});

describe('a helper reading process.env[`${prefix}${name}`]', () => {
  it('reads the prefixed name at each call when the prefix is a constant', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/env.ts': "const PREFIX = 'APP_';\nexport function getVar(name: string) {\n  return process.env[`${PREFIX}${name}`];\n}\nexport function either(name: string) {\n  return process.env[`${PREFIX}${name}`] ?? process.env[name];\n}\n",
      'src/db.ts': "import { getVar, either } from './env';\nexport const host = getVar('DB_HOST');\nexport const user = either('DB_USER');\n",
      '.env.example': 'APP_DB_HOST=\nAPP_DB_USER=\n',
    });
    const env = (await modelOf(root)).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.via, r.hasFallback]);
    expect(read('APP_DB_HOST')).toEqual([['src/db.ts', 2, 'helper', false]]);
    expect(env.get('DB_HOST')).toBeUndefined();
    // Either name serves: each is the other's fallback, neither is "read without a fallback".
    expect(read('APP_DB_USER')).toEqual([['src/db.ts', 3, 'helper', true]]);
    expect(read('DB_USER')).toEqual([['src/db.ts', 3, 'helper', true]]);
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).not.toMatch(/`DB_USER`[^\n]*without a fallback/);
  });

  it('reads each prefix a loop over a literal list or a conditional of constants gives', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/env.ts': [
        "const ENV_PREFIXES = ['MYAPP_', 'LEGACY_'] as const;",
        'export function readEnv(suffix: string) {',
        '  for (const prefix of ENV_PREFIXES) {',
        '    const value = process.env[`${prefix}${suffix}`];',
        '    if (value !== undefined) return value;',
        '  }',
        '  return undefined;',
        '}',
        "const prefix = process.argv.includes('--prod') ? 'SHOP_PROD_' : 'SHOP_TEST_';",
        'export const shop = (name: string) => process.env[prefix + name];',
        '',
      ].join('\n'),
      'src/main.ts': "import { readEnv, shop } from './env';\nexport const host = readEnv('HOST');\nexport const key = shop('KEY');\n",
    });
    const env = (await modelOf(root)).env();
    for (const name of ['MYAPP_HOST', 'LEGACY_HOST', 'SHOP_PROD_KEY', 'SHOP_TEST_KEY']) expect(env.get(name)?.reads.map((r) => [r.file, r.via, r.hasFallback])).toEqual([['src/main.ts', 'helper', true]]);
    expect(env.dynamic).toEqual([]);
  });

  it('leaves the reads open when the prefix is not a constant of the file', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true }),
      'src/env.ts': "const PREFIX = process.env.VAR_PREFIX ?? '';\nexport function getVar(name: string) {\n  return process.env[`${PREFIX}${name}`] ?? process.env[name];\n}\n",
      'src/db.ts': "import { getVar } from './env';\nexport const host = getVar('DB_HOST');\n",
      '.env.example': 'STAGING_DB_HOST=\n',
    });
    const model = await modelOf(root);
    expect(model.env().dynamic.map((d) => [d.file, d.line])).toEqual([['src/env.ts', 3]]);
    // `STAGING_DB_HOST` may serve instead: DB_HOST is neither required nor "set nowhere".
    expect(model.env().get('DB_HOST')?.reads.map((r) => [r.file, r.hasFallback])).toEqual([['src/db.ts', true]]);
    expect((await section(workflowsStep, root)).markdown).not.toMatch(/`DB_HOST`[^\n]*(set nowhere|without a fallback)/);
    const step8 = (await section((await import('../src/steps/08-configuration.js')).configurationStep, root)).markdown;
    expect(step8).not.toMatch(/STAGING_DB_HOST[^\n]*not read/);
  });
});

describe('a read kept in a config object and given its fallback where it is used', () => {
  const server = (use: string, more = '') =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4.18.2' } }),
      'src/server.js': ["const express = require('express');", 'const env = { port: process.env.PORT, db: { url: process.env.DB_URL } };', 'const app = express();', `app.listen(${use});`, more, ''].join('\n'),
    });
  const read = async (root: string, name: string) => (await modelOf(root)).env().get(name)?.reads.map((r) => [r.file, r.hasFallback]);

  it('has a fallback when every use of the key in the file has one', async () => {
    expect(await read(server('env.port || 8080'), 'PORT')).toEqual([['src/server.js', true]]);
    expect(await read(server('env.port ?? 8080', 'console.log(env.db.url || "none");'), 'DB_URL')).toEqual([['src/server.js', true]]);
    // A log line only prints it.
    expect(await read(server('env.port || 8080', 'console.log(`listening on ${env.port}`);'), 'PORT')).toEqual([['src/server.js', true]]);
    const step9 = (await section(workflowsStep, server('env.port || 8080'))).markdown;
    expect(step9).not.toMatch(/`PORT`[^\n]*without a fallback/);
  });

  it('has none when a use has none, or the object goes elsewhere', async () => {
    expect(await read(server('env.port || 8080', 'app.set("port", env.port);'), 'PORT')).toEqual([['src/server.js', false]]);
    expect(await read(server('env.port || 8080', 'module.exports = env;'), 'PORT')).toEqual([['src/server.js', false]]);
    expect(await read(server('env.port || 8080', 'connect(env.db);'), 'DB_URL')).toEqual([['src/server.js', false]]);
    expect(await read(server('3000'), 'PORT')).toEqual([['src/server.js', false]]);
  });
});

describe('env values a server hands to the browser', () => {
  const remix = (root: string) =>
    tempRepo({
      'package.json': JSON.stringify({ name: 'notes', private: true, type: 'module', scripts: { dev: 'react-router dev' }, dependencies: { react: '^19.0.0', 'react-router': '^7.0.0', '@react-router/node': '^7.0.0' }, devDependencies: { '@react-router/dev': '^7.0.0', vite: '^6.0.0' } }),
      'vite.config.ts': "import { reactRouter } from '@react-router/dev/vite';\nimport { defineConfig } from 'vite';\nexport default defineConfig({ plugins: [reactRouter()] });\n",
      'react-router.config.ts': 'export default { ssr: true };\n',
      'app/utils/env.server.ts': ['export function getEnv() {', '  return {', '    SENTRY_DSN: process.env.SENTRY_DSN,', '    ALLOW_INDEXING: process.env.ALLOW_INDEXING,', '  };', '}', 'export const secret = process.env.SESSION_SECRET;', ''].join('\n'),
      'app/root.tsx': root,
      'app/routes/home.tsx': 'export default function Home() { return <p>home</p>; }\n',
      'app/routes.ts': "import { index } from '@react-router/dev/routes';\nexport default [index('routes/home.tsx')];\n",
      '.env.example': 'SENTRY_DSN=\nALLOW_INDEXING=\nSESSION_SECRET=\n',
    });
  const loaderRoot = [
    "import { getEnv } from './utils/env.server.ts';",
    "import { Outlet, useLoaderData } from 'react-router';",
    'export async function loader() {',
    '  return { ENV: getEnv() };',
    '}',
    'export default function App() {',
    '  const data = useLoaderData<typeof loader>();',
    '  return <html><body><Outlet /><script dangerouslySetInnerHTML={{ __html: `window.ENV = ${JSON.stringify(data.ENV)}` }} /></body></html>;',
    '}',
    '',
  ].join('\n');

  it('says the variables of a loader-returned getEnv() are handed to the page, and only those', async () => {
    const root = remix(loaderRoot);
    const env = (await modelOf(root)).env();
    expect(env.get('SENTRY_DSN')?.browser).toEqual([{ file: 'app/root.tsx', line: 4 }]);
    expect(env.get('SESSION_SECRET')?.browser).toBeUndefined();
    const step5 = (await section(frontendStep, root)).markdown;
    expect(step5).toContain('| `SENTRY_DSN` | no; handed to the page at `/app/root.tsx:4` |');
    expect(step5).toMatch(/\| `SESSION_SECRET` \| no \|/);
  });

  it('says so for a server page writing window.ENV = … from the object', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', private: true, dependencies: { express: '^4.18.2' } }),
      'src/env.js': 'const getClientEnv = () => ({ API_URL: process.env.API_URL });\nmodule.exports = { getClientEnv, secret: process.env.SESSION_SECRET };\n',
      'src/server.js': "const express = require('express');\nconst { getClientEnv } = require('./env');\nconst app = express();\napp.get('/', (req, res) => res.send(`<script>window.ENV = ${JSON.stringify(getClientEnv())}</script>`));\napp.listen(3000);\n",
    });
    const env = (await modelOf(root)).env();
    expect(env.get('API_URL')?.browser).toEqual([{ file: 'src/server.js', line: 4 }]);
    expect(env.get('SESSION_SECRET')?.browser).toBeUndefined();
  });

  it('does not when the call only reads the object on the server', async () => {
    const root = remix(loaderRoot.replace('  return { ENV: getEnv() };', '  const env = getEnv();\n  return { indexing: env.ALLOW_INDEXING === "true" };').replace(/<script[^>]*\/>/, ''));
    const env = (await modelOf(root)).env();
    expect(env.get('SENTRY_DSN')?.browser).toBeUndefined();
  });
});
