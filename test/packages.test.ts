import { describe, expect, it } from 'vitest';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { keyDirectories } from '../src/detectors/packages/directories.js';
import { detect } from './helpers/fixture.js';

const packages = async (fixture: string) =>
  ((await detect(packagesDetector, fixture)) as PackageFact[]).map((f) => f.data);

describe('packages detector', () => {
  it('maps build outputs back to the source they are built from, and names each declaration', async () => {
    const [root] = await packages('ov-single');
    expect(root.entryPoints).toEqual([
      { file: 'src/index.ts', role: 'main, module, types, exports', builtTo: './dist/index.cjs' },
      { file: 'bin/cli.js', role: 'bin.tiny-cache' },
      { file: 'src/node.ts', role: 'exports["./node"]', builtTo: './dist/node.js' },
    ]);
    expect(root.unresolvedEntries).toEqual([]);
  });

  it('reads the cdk.json app entry and merges it with a bin declaration compiled in place', async () => {
    const [root] = await packages('ov-noreadme');
    expect(root.entryPoints).toEqual([{ file: 'bin/app.ts', role: 'bin.billing-infra, `cdk.json` app', builtTo: 'bin/app.js' }]);
    expect(root.purpose).toEqual({
      text: 'AWS CDK app (infrastructure as code)',
      source: 'inferred',
      because: 'aws-cdk-lib dependency',
    });
    expect(root.directories.map((d) => [d.dir, d.files, d.role])).toEqual([
      ['bin', 1, 'CDK app entry'],
      ['lambda', 1, 'Lambda handlers'],
      ['lib', 1, 'CDK stacks and constructs'],
      ['test', 1, 'tests'],
    ]);
  });

  it('takes the purpose from the description, then the package README, then says it infers it', async () => {
    const list = await packages('ov-pnpm');
    const byName = Object.fromEntries(list.map((p) => [p.name, p.purpose]));
    expect(byName['@acme/ui']).toEqual({
      text: 'Shared React components for the Acme apps.',
      source: 'readme',
      at: { file: 'packages/ui/README.md', line: 3 },
    });
    expect(byName['@acme/web']).toEqual({ text: 'Next.js app', source: 'inferred', because: 'next dependency' });
    expect(byName['@acme/tsconfig']).toEqual({
      text: 'Shared TypeScript configuration',
      source: 'inferred',
      because: 'its package name, @acme/tsconfig',
    });
    expect(byName['@acme/legacy']).toBeUndefined();
    const yarn = await packages('ov-yarn');
    expect(yarn.find((p) => p.name === '@shop/logger')?.purpose).toEqual({
      text: 'Structured JSON logger shared by the services.',
      source: 'description',
      at: { file: 'libs/core/logger/package.json', line: 1 },
    });
  });

  it('lists key folders two levels deep inside source folders, with counts, roles, subfolders and samples', async () => {
    const o = (await packages('ov-yarn')).find((p) => p.name === '@shop/orders')!;
    expect(o.directories.map((d) => [d.dir, d.depth, d.files, d.role])).toEqual([
      ['services/orders/src', 1, 6, 'source code'],
      ['services/orders/src/handlers', 2, 4, 'handlers'],
      ['services/orders/src/models', 2, 1, 'data models'],
    ]);
    const api = (await packages('ov-pnpm')).find((p) => p.name === '@acme/api')!;
    expect(api.directories.find((d) => d.dir === 'apps/api/prisma')).toMatchObject({ role: 'Prisma schema', sample: ['schema.prisma'] });
    // A folder whose name says nothing gets no role, only its files.
    const [single] = await packages('ov-single');
    expect(single.directories.find((d) => d.dir === 'src/lru')).toMatchObject({ role: undefined, sample: ['list.ts', 'map.ts'], direct: 2 });
  });

  it('finds configuration files per package, root files staying with the root', async () => {
    const list = await packages('ov-pnpm');
    const configs = Object.fromEntries(list.map((p) => [p.name, p.configs.map((c) => `${c.file}: ${c.tool}`)]));
    expect(configs['acme-monorepo']).toEqual(['.prettierrc: Prettier', 'pnpm-workspace.yaml: pnpm workspaces', 'turbo.json: Turborepo pipeline']);
    expect(configs['@acme/api']).toEqual(['apps/api/.env.example: environment variable template', 'apps/api/Dockerfile: Docker image']);
    expect(configs['@acme/web']).toEqual(['apps/web/next.config.mjs: Next.js', 'apps/web/tsconfig.json: TypeScript']);
  });

  it('honours nested and negated workspace globs', async () => {
    const list = await packages('ov-yarn');
    expect(list.map((p) => p.dir)).toEqual(['', 'libs/core/logger', 'libs/ui/widgets', 'services/orders', 'services/worker']);
  });
});

describe('folder and package labels come from evidence, not names alone', () => {
  it('labels Temporal workflows, an API folder of controllers, shared React Native hooks, a Lambda with main, and skips template READMEs', async () => {
    const facts = (await detect(packagesDetector, 'model-labels')) as PackageFact[];
    const byName = new Map(facts.map((f) => [f.data.name, f.data]));
    const folder = (pkg: string, dir: string) => byName.get(pkg)!.directories.find((d) => d.dir === dir)?.role;
    expect(folder('@labels/worker', 'packages/worker/src/workflows')).toBe('Temporal workflows');
    expect(folder('@labels/worker', 'packages/worker/src/activities')).toBe('Temporal activities');
    expect(byName.get('@labels/worker')!.kind?.label).toBe('Temporal worker (workflows and activities)');
    expect(folder('@labels/server', 'packages/server/src/api')).toBe('API handlers (routes, controllers)');
    expect(byName.get('@labels/mobile-hooks')!.kind?.label).toBe('React Native shared code');
    expect(byName.get('@labels/fn')!.kind?.id).toBe('lambda');
    expect(byName.get('@labels/fn')!.role).toEqual({ id: 'product', because: '@types/aws-lambda dependency' });
    // create-next-app's README describes the template, not the app.
    expect(byName.get('@labels/web')!.purpose?.source).toBe('inferred');
  });
});

describe('the repository guides', () => {
  it('cites AGENTS.md and CONTRIBUTING.md by section in step 9, headings in code fences left out', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { section } = await import('./helpers/fixture.js');
    const md = (await section(workflowsStep, 'model-labels')).markdown;
    expect(md).toContain("### The repository's own guides");
    expect(md).toContain('- `/AGENTS.md` — for AI assistants: Setup (`/AGENTS.md:3`) · Testing (`/AGENTS.md:7`) · Conventions (`/AGENTS.md:14`)');
    expect(md).toContain('- `/CONTRIBUTING.md` — for contributors: Pull requests (`/CONTRIBUTING.md:3`)');
    expect(md).not.toContain('not a heading');
  });
});

describe('purpose told by the one tool a package uses', () => {
  it('names Trigger.dev jobs, React Email templates and a Supabase project folder, citing the evidence; a README still wins', async () => {
    const list = await packages('ov-tool-packages');
    const purpose = (name: string) => list.find((p) => p.name === name)?.purpose;
    expect(purpose('@tp/jobs')).toEqual({ text: 'Background jobs (Trigger.dev tasks)', source: 'inferred', because: '@trigger.dev/sdk dependency' });
    expect(purpose('@tp/email')).toEqual({ text: 'Email templates (React Email)', source: 'inferred', because: 'react-email dependency' });
    expect(purpose('@tp/api')).toEqual({
      text: 'Supabase project (local config, database migrations)',
      source: 'inferred',
      because: '`/apps/api/supabase/config.toml`',
    });
    expect(purpose('@tp/notes')).toMatchObject({ text: 'Shared note formatting used by the api and the emails.', source: 'readme' });
    expect(purpose('tool-packages')).toMatchObject({ source: 'readme' });
    expect(purpose('@tp/typescript')).toMatchObject({ text: 'Shared TypeScript configuration', source: 'inferred' });
  });
});

describe('template READMEs', () => {
  it("skip `cdk init`'s first line for the package's purpose", async () => {
    // ahmad-almoustafa/aws-cdk-typescript-serverless-app: backend/README.md is the untouched `cdk init` README.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'backend/package.json': JSON.stringify({ name: 'aws-cdk-demo', version: '0.1.0', dependencies: { 'aws-cdk-lib': '2.84.0' } }),
      'backend/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'backend/README.md': '# Welcome to your CDK TypeScript project\n\nThis is a blank project for CDK development with TypeScript.\n',
    });
    const pkg = (await detect(packagesDetector, root)).map((f) => f.data as PackageFact['data']).find((p) => p.name === 'aws-cdk-demo')!;
    expect(pkg.purpose?.source).toBe('inferred');
    expect(pkg.purpose?.text).not.toContain('blank project');
  });
});

describe('assets copied into the build folder', () => {
  it('map to the file they are copied from, not "no matching source file"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', main: 'dist/client/index.js', exports: { '.': './dist/client/index.js', './styles.css': './dist/client/styles.css' } }),
      'client/index.ts': 'export const x = 1;\n',
      'client/styles.css': '.a { color: red; }\n',
    });
    const pkg = (await detect(packagesDetector, root)).map((f) => f.data as PackageFact['data'])[0];
    expect(pkg.entryPoints).toContainEqual({ file: 'client/styles.css', role: 'exports["./styles.css"]', builtTo: './dist/client/styles.css' });
    expect(pkg.unresolvedEntries).toEqual([]);
  });

  it('calls components/ UI components only with UI files or in a frontend package, and counts a nested package in its folder', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'demo', private: true }),
      'app/scripts/migrate.js': 'module.exports = 1;\n',
      'app/test/a.test.js': 'test;\n',
      'app/core/package.json': JSON.stringify({ name: 'core', dependencies: { express: '^4.18.2' } }),
      'app/core/index.js': "require('./components/npm-watcher');\n",
      'app/core/components/npm-watcher.js': 'module.exports = {};\n',
      'app/core/components/lib/changelog.js': 'module.exports = {};\n',
      'web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '^18.0.0' } }),
      'web/src/components/Button.js': 'export const Button = 1;\n',
      'web/src/ui/Card.tsx': 'export const Card = 1;\n',
    });
    const pkgs = (await detect(packagesDetector, root)).map((f) => f.data as PackageFact['data']);
    const dirOf = (pkg: string, dir: string) => pkgs.find((p) => p.name === pkg)!.directories.find((d) => d.dir === dir);
    expect(dirOf('core', 'app/core/components')!.role).toBeUndefined();
    expect(dirOf('web', 'web/src/components')!.role).toBe('UI components');
    expect(dirOf('web', 'web/src/ui')!.role).toBe('UI components');
    // app/ holds 2 files of the root package and the 4 of app/core: 6, and says which package is inside.
    expect(dirOf('demo', 'app')).toMatchObject({ files: 6, packages: ['app/core'] });
    expect(dirOf('demo', 'app/test')!.files).toBe(1);
  });

  it('names a queues/ folder by its code: new Queue(…) defines queues (producers), new Worker(…) consumes them', async () => {
    const jobs = (await packages('mono-worker-service')).find((p) => p.name === '@acme/jobs')!;
    expect(jobs.directories.find((d) => d.dir === 'packages/jobs/src/queues')!.role).toBe('queue definitions (producers)');
    const read = (texts: Record<string, string>) => ({ kind: undefined, cdk: false, deps: new Set<string>(), read: (f: string) => texts[f] });
    const role = (texts: Record<string, string>) => keyDirectories('', Object.keys(texts), read(texts)).find((d) => d.dir === 'src/queues')!.role;
    expect(role({ 'src/queues/mail.ts': "new Worker('mail', async (job) => send(job.data));" })).toBe('queue consumers');
    expect(role({ 'src/queues/mail.ts': 'export const name = "mail";' })).toBe('queues');
  });

  it('calls a context/ folder React contexts only when its code shows React (round 22: Hono AppContext types)', () => {
    const ctx = (texts: Record<string, string>) => ({ kind: undefined, cdk: false, deps: new Set<string>(['react', 'hono']), read: (f: string) => texts[f] });
    const role = (texts: Record<string, string>) => keyDirectories('', Object.keys(texts), ctx(texts)).find((d) => d.dir === 'src/context')!.role;
    expect(role({ 'src/context/index.ts': 'import type { Context } from "hono";\nexport type AppContext = Context<{ Variables: {} }>;\n' })).toBe('contexts');
    expect(role({ 'src/context/Auth.tsx': "import { createContext } from 'react';\nexport const Auth = createContext(null);\n" })).toBe('React contexts');
  });

  it('names an api/ folder of an Angular workspace that starts a Nest server, or holds controllers, a server, not an API client', () => {
    const ctx = (texts: Record<string, string>) => ({ kind: 'angular' as const, cdk: false, deps: new Set<string>(['@angular/core']), read: (f: string) => texts[f] });
    const role = (texts: Record<string, string>) => keyDirectories('', Object.keys(texts), ctx(texts)).find((d) => d.dir === 'apps/api')!.role;
    const nx = { 'apps/api/project.json': '{}', 'apps/api/jest.config.ts': 'export default {};', 'apps/api/tsconfig.json': '{}' };
    expect(role({ ...nx, 'apps/api/src/main.ts': "const app = await NestFactory.create(AppModule);" })).toBe('API server (routes, controllers)');
    expect(role({ ...nx, 'apps/api/src/app/user/user.controller.ts': "@Controller('users') export class UserController {}" })).toBe('API handlers (routes, controllers)');
    // A frontend's api/ folder of calls stays what it was.
    expect(role({ ...nx, 'apps/api/src/users.ts': "export const getUsers = () => http.get('/users');" })).toBe('API client / calls');
  });

  it('names prisma/ and graphql/ folders by the files they hold, not by their names', () => {
    const ctx = { kind: undefined, cdk: false, deps: new Set<string>() };
    const roles = (files: string[]) => Object.fromEntries(keyDirectories('', files, ctx).map((d) => [d.dir, d.role]));
    expect(roles(['prisma/.env', 'prisma/seed.ts', 'src/a.ts'])['prisma']).toBeUndefined();
    expect(roles(['prisma/schema.prisma'])['prisma']).toBe('Prisma schema');
    expect(roles(['app/graphql/customer/CustomerOrderQuery.ts', 'app/graphql/customer/AddressMutations.ts'])['app/graphql']).toBe('GraphQL operations (queries, mutations)');
    expect(roles(['src/graphql/typeDefs.ts', 'src/graphql/user.resolvers.ts'])['src/graphql']).toBe('GraphQL schema and resolvers');
  });

  it('counts files in an ignored subfolder (android/.idea/) in the folder above, and names it there', () => {
    const ctx = { kind: undefined, cdk: false, deps: new Set<string>() };
    const dirs = keyDirectories('', ['android/build.gradle', 'android/app/a.java', 'android/.idea/misc.xml', 'android/.idea/gradle.xml', '.idea/x.xml', 'src/dist/b.js', 'src/c.ts'], ctx);
    expect(dirs.map((d) => `${d.dir} ${d.files} [${d.subfolders.join(',')}] [${d.sample.join(',')}] ${d.extension}`)).toEqual([
      'android 4 [.idea,app] [build.gradle] .gradle',
      'src 2 [] [c.ts] .ts',
    ]);
  });
});

describe('server entries', () => {
  it('call src/app.ts a server entry only when it starts one, and list the file `npm start` runs', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', main: 'index.js', scripts: { start: 'ts-node src/local.ts' } }),
      'src/app.ts': 'import express = require("express");\nexport class App { constructor(public app = express()) { app.get("/", () => 1); } }\n',
      'src/local.ts': 'import { app } from "./expressApp";\napp.listen(3001);\n',
    });
    const pkg = (await detect(packagesDetector, root)).map((f) => f.data as PackageFact['data'])[0];
    expect(pkg.entryPoints.map((e) => [e.file, e.role])).toEqual([
      ['src/index.ts', 'main'],
      ['src/local.ts', '`npm run start` script'],
    ]);
    const started = tempRepo({
      'package.json': JSON.stringify({ name: 'srv', version: '1.0.0' }),
      'src/server.ts': 'import express from "express";\nconst app = express();\napp.listen(3000);\n',
    });
    const srv = (await detect(packagesDetector, started)).map((f) => f.data as PackageFact['data'])[0];
    expect(srv.entryPoints.map((e) => [e.file, e.role])).toContainEqual(['src/server.ts', 'server entry']);
  });
});
