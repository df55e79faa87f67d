/** Small misreadings found by hand checks on real repositories, each pinned by the smallest repository that shows it. */
import { describe, expect, it } from 'vitest';
import { envDetector, type EnvReadData } from '../src/detectors/env/index.js';
import { firstVersionLine } from '../src/detectors/stack/index.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('misreadings', () => {
  it('.nvmrc: a leading comment is not the Node version', () => {
    expect(firstVersionLine('# Use Node.js 20.x (LTS)\n\n20.19.0\n')).toBe('20.19.0');
    expect(firstVersionLine('v22\n')).toBe('v22');
  });

  it('a `bootstrap:first-admin` script is not deployment; `cdk bootstrap` is', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', private: true, scripts: { 'bootstrap:first-admin': 'tsx scripts/first-admin.ts', 'bootstrap:cdk': 'cdk bootstrap' } }),
      'scripts/first-admin.ts': 'export {};',
    });
    const md = (await section(workflowsStep, root)).markdown;
    const deployment = md.slice(md.indexOf('### Deployment'));
    expect(deployment).not.toContain('bootstrap:first-admin');
    expect(deployment).toContain('bootstrap:cdk');
  });

  it('"main": "expo-router/entry" names a module of a dependency, not missing build output', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, main: 'expo-router/entry', dependencies: { expo: '^51.0.0', 'expo-router': '^3.0.0' } }),
      'app.json': '{ "expo": { "name": "app" } }',
      'src/app/index.tsx': 'export default function Home() { return null; }',
    });
    const md = (await section(directoryStructureStep, root)).markdown;
    expect(md).toContain('`expo-router/entry` — main (a module of a dependency, not a file of this package)');
    expect(md).not.toContain('expo-router/entry` — main (build output');
  });

  it('an MDX docs page that shows process.env.X in prose or a code sample reads nothing', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'docs', private: true }),
      'src/content/docs/env.mdx': '---\ntitle: Env\n---\n\nSet `process.env.MY_SECRET_KEY` in your shell:\n\n```ts\nconst key = process.env.MY_SECRET_KEY;\n```\n',
    });
    const reads = (await detect(envDetector, root)).filter((f) => f.kind === 'env.read').map((f) => (f.data as EnvReadData).name);
    expect(reads).toEqual([]);
  });

  it('a React Router framework app (@react-router/dev) is not a single-page app', () => {
    const kind = packageKind({ name: 'bot', dir: '', manifestPath: 'package.json', manifest: { name: 'bot', private: true, dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0', 'react-router': '^7.0.0' }, devDependencies: { '@react-router/dev': '^7.0.0', vite: '^6.0.0' } }, isRoot: true, declared: true, hoisted: {}, markers: [] });
    expect(kind?.label).toBe('React Router framework app');
  });
});

describe('misreadings (2)', () => {
  it('a Solid + Vite app named *-client is a Solid SPA, not a client SDK', () => {
    const kind = packageKind({ name: '@papra/app-client', dir: 'apps/papra-client', manifestPath: 'apps/papra-client/package.json', manifest: { name: '@papra/app-client', private: true, dependencies: { 'solid-js': '^1.8.0' }, devDependencies: { vite: '^5.0.0' } }, isRoot: false, declared: true, hoisted: {}, markers: ['index.html'] });
    expect(kind?.label).toBe('Solid SPA (Vite)');
  });

  it('a Vue CLI app is a Vue SPA (its purpose is not "not stated")', () => {
    const kind = packageKind({ name: 'shop-frontend', dir: 'frontend', manifestPath: 'frontend/package.json', manifest: { name: 'shop-frontend', private: true, dependencies: { vue: '^2.6.0' }, devDependencies: { '@vue/cli-service': '^4.0.0' } }, isRoot: false, declared: true, hoisted: {}, markers: [] });
    expect(kind?.label).toBe('Vue SPA (Vue CLI)');
  });

  it('a discord.js client in a *.server.ts file whose only fetch is client.guilds.fetch() is no API client', async () => {
    const { reactAppDetector } = await import('../src/detectors/react-app/index.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'bot', private: true, dependencies: { react: '^19.0.0', 'react-dom': '^19.0.0', 'discord.js': '^14.0.0' }, devDependencies: { vite: '^6.0.0' } }),
      'index.html': '<div id="root"></div>',
      'app/discord/client.server.ts': "import { Client } from 'discord.js';\nexport const client = new Client({ intents: [] });\nexport const guilds = () => client.guilds.fetch();\n",
      'app/root.tsx': "import { guilds } from './discord/client.server';\nexport default function App() { return null; }\n",
    });
    const clients = (await detect(reactAppDetector, root)).filter((f) => f.kind === 'react.api-client');
    expect(clients).toEqual([]);
  });
});

describe('misreadings (round 6)', () => {
  it('a published package whose entry is under client/ keeps step 7 from saying there is no client library', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { sdksStep } = await import('../src/steps/07-sdks.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'cognito-passwordless', version: '1.0.0', main: 'dist/client/index.js', exports: { '.': './dist/client/index.js', './cdk': './dist/cdk/index.js' }, devDependencies: { 'aws-cdk-lib': '^2.0.0' } }),
      'client/index.ts': 'export function signIn() { return fetch("/x"); }\n',
    });
    const md = (await section(sdksStep, root)).markdown;
    expect(md).not.toContain('No SDK or client library found');
    // Nothing in this repository publishes it, so step 7 does not say it is published.
    expect(md).toContain('cognito-passwordless (its entry points are under client/ or browser/) — `/package.json`');
    const kind = packageKind({ name: 'cognito-passwordless', dir: '', manifestPath: 'package.json', manifest: { name: 'cognito-passwordless', version: '1.0.0', main: 'dist/client/index.js', devDependencies: { 'aws-cdk-lib': '^2.0.0' } }, isRoot: true, declared: true, hoisted: {}, markers: [] });
    expect(kind?.because).toBe('its aws-cdk-lib dev dependency and `main`/`exports` fields');
  });
});
