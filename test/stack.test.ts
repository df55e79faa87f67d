import { describe, expect, it } from 'vitest';
import { stackDetector, type ComponentFact, type RuntimeFact, type TechFact } from '../src/detectors/stack/index.js';
import { pnpmCatalogs } from '../src/detectors/stack/catalogs.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { isAuxiliary } from '../src/detectors/stack/role.js';
import type { Fact } from '../src/facts.js';
import { detect, indexOf } from './helpers/fixture.js';

const of = <F extends Fact>(facts: Fact[], kind: string) => facts.filter((f) => f.kind === kind) as F[];

describe('stack detector', () => {
  it('finds CDK constructs by a text scan of CDK code, with file and line, ignoring tests', async () => {
    const facts = await detect(stackDetector, 'ov-noreadme');
    const components = of<ComponentFact>(facts, 'stack.component').map((f) => f.data);
    expect(components.map((c) => [c.title, c.layer])).toEqual([
      ['API Gateway (HTTP)', 'edge'],
      ['Lambda', 'compute'],
      ['DynamoDB', 'data'],
      ['S3', 'data'],
      ['Cognito', 'data'],
      ['Stripe', 'data'],
    ]);
    const dynamo = components.find((c) => c.title === 'DynamoDB')!;
    // One TableV2 in lib/; the `new dynamodb.Table` in test/ is a test double.
    expect(dynamo.evidence).toEqual([{ file: 'lib/billing-stack.ts', line: 12, what: 'new dynamodb.TableV2' }]);
    expect(dynamo.lines).toEqual(['1× TableV2']);
    expect(components.find((c) => c.title === 'Lambda')!.evidence[0]).toEqual({
      file: 'lib/billing-stack.ts',
      line: 17,
      what: 'new lambda.Function',
    });
  });

  it('derives clients, servers and data stores from dependencies', async () => {
    const facts = await detect(stackDetector, 'ov-pnpm');
    const components = of<ComponentFact>(facts, 'stack.component').map((f) => f.data);
    expect(components.map((c) => [c.title, c.layer, c.lines.join(',')])).toEqual([
      // @acme/ui's only entry is TypeScript source with no publishConfig: an internal workspace package, not published.
      ['Next.js app', 'client', '@acme/web'],
      ['HTTP server (Fastify)', 'edge', '@acme/api'],
      ['Prisma', 'data', ''],
    ]);
    expect(components[0].evidence).toEqual([{ file: 'apps/web/package.json', what: 'next dependency' }]);
  });

  it('lists known technologies with the version as declared and where', async () => {
    const facts = await detect(stackDetector, 'ov-pnpm');
    const react = of<TechFact>(facts, 'stack.tech').find((f) => f.id === 'React')!;
    expect(react.data.group).toBe('Frontend');
    expect(react.data.declarations).toEqual([
      { dependency: 'react', version: '18.3.1', packageName: '@acme/web', manifest: 'apps/web/package.json', line: 8 },
      { dependency: 'react', version: 'catalog:react18', resolved: '^18.3.1', packageName: '@acme/ui', manifest: 'packages/ui/package.json', line: 5 },
    ]);
    const labels = of<TechFact>(facts, 'stack.tech').map((f) => f.id);
    expect(labels).toEqual(['TypeScript', 'Fastify', 'Prisma', 'Next.js', 'React', 'Prettier', 'Turborepo', 'Vitest']);
    // Workspace packages are not "other dependencies"; prisma (CLI) and react-dom are.
    expect(facts.find((f) => f.kind === 'stack.other-deps')?.data).toEqual({ count: 2 });
  });

  it('resolves pnpm catalog specifiers from pnpm-workspace.yaml', async () => {
    const facts = await detect(stackDetector, 'ov-pnpm');
    const ts = of<TechFact>(facts, 'stack.tech').find((f) => f.id === 'TypeScript')!;
    expect(ts.data.declarations.map((d) => [d.manifest, d.version, d.resolved])).toEqual([
      ['package.json', '~5.5.3', undefined],
      ['packages/ui/package.json', 'catalog:', '~5.5.3'],
    ]);
    const catalogs = pnpmCatalogs(await indexOf('ov-pnpm'));
    expect([...catalogs].map(([k, v]) => [k, Object.fromEntries(v)])).toEqual([
      ['default', { typescript: '~5.5.3', zod: '^3.23.8' }],
      ['react18', { react: '^18.3.1', 'react-dom': '^18.3.1' }],
    ]);
  });

  it('reads Node version, package manager and workspaces', async () => {
    const runtime = (f: string) =>
      detect(stackDetector, f).then((facts) => of<RuntimeFact>(facts, 'stack.runtime').map((x) => [x.id, x.data.value, x.at[0].file]));
    expect(await runtime('ov-single')).toEqual([
      ['node:.nvmrc', '18.19.0', '.nvmrc'],
      ['node:engines', '>=18', 'package.json'],
      ['pm:field', 'pnpm@9.1.0', 'package.json'],
      ['language', 'TypeScript', 'tsconfig.json'],
    ]);
    expect(await runtime('ov-yarn')).toEqual([
      ['pm:lockfile', 'Yarn', 'yarn.lock'],
      ['workspaces', 'yarn workspaces', 'package.json'],
    ]);
    expect(await runtime('ov-pnpm')).toEqual([
      ['pm:field', 'pnpm@9.4.0', 'package.json'],
      ['workspaces', 'pnpm workspaces', 'pnpm-workspace.yaml'],
      ['orchestrator:turbo.json', 'Turborepo', 'turbo.json'],
      ['language', 'TypeScript', 'apps/web/tsconfig.json'],
    ]);
  });

  it('names JavaScript beside TypeScript when the source files say so, not TypeScript for a tsconfig alone', async () => {
    // The shape of aws-samples/aws-cdk-loan-broker: a TypeScript CDK app, JavaScript Lambda handlers (tempRepo adds src/index.ts).
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const handler = 'exports.handler = async () => ({});\n';
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'broker', private: true }),
      'tsconfig.json': '{}\n',
      'cdk/app.ts': 'export {};\n',
      'cdk/stack.ts': 'export {};\n',
      'bank/app.js': handler,
      'quotes/app.js': handler,
      'credit/app.js': handler,
      'requester/app.js': handler,
      'jest.config.js': 'module.exports = {};\n',
      'types/env.d.ts': 'export {};\n',
    });
    const language = of<RuntimeFact>(await detect(stackDetector, root), 'stack.runtime').find((f) => f.id === 'language')!;
    expect([language.data.value, language.data.detail]).toEqual(['JavaScript and TypeScript', '1 tsconfig file; 3 TypeScript and 4 JavaScript source files']);
  });

  it('tells integration libraries (framework as a peer) from apps, and skips example and test packages', async () => {
    const index = await indexOf('ov-pnpm');
    const lib = { name: '@x/next', dir: 'packages/next', manifestPath: 'packages/next/package.json', isRoot: false, declared: true, hoisted: {}, markers: [] };
    const nextLib = { ...lib, manifest: { main: 'dist/index.js', peerDependencies: { next: '*' }, devDependencies: { next: '15.0.0', '@types/aws-lambda': '*' } } };
    expect(packageKind(nextLib)?.id).toBe('library');
    expect(packageKind({ ...lib, manifest: { dependencies: { next: '15.0.0' } } })?.id).toBe('nextjs');
    const cdkLib = { ...lib, manifest: { main: 'lib/index.js', peerDependencies: { 'aws-cdk-lib': '^2' } } };
    expect(packageKind(cdkLib)?.label).toBe('AWS CDK construct library');
    expect(packageKind({ ...lib, markers: ['app.json'], manifest: { dependencies: { expo: '~54.0.0', 'react-native': '0.81.0' } } })?.label).toBe('Expo app (React Native)');
    // Shared hooks for a React Native app are not an app: no app config, entry or native folders.
    expect(packageKind({ ...lib, manifest: { dependencies: { 'react-native': '0.81.0', react: '19' } } })?.label).toBe('React Native shared code');
    // A Lambda package with `main` and without `private` is not a published library.
    expect(packageKind({ ...lib, manifest: { main: 'index.js', dependencies: { '@middy/core': '5' }, devDependencies: { '@types/aws-lambda': '8' } } })?.id).toBe('lambda');
    expect(packageKind({ ...lib, manifest: { dependencies: { '@tanstack/react-start': '^1', react: '19', 'react-dom': '19', vite: '7' } } })?.label).toBe('TanStack Start app');
    expect(packageKind({ ...lib, name: '@acme/eslint-config', manifest: { exports: './index.js' } })?.label).toBe('Shared ESLint configuration');
    expect(isAuxiliary({ ...lib, dir: 'examples/.test/ssg' , manifest: {} })).toBe(true);
    expect(isAuxiliary({ ...lib, name: '@trpc/tests', dir: 'packages/tests', manifest: {} })).toBe(true);
    expect(isAuxiliary({ ...lib, name: 'e2e-app', dir: 'apps/web', manifest: {} })).toBe(false);
    expect(index.packages.some(isAuxiliary)).toBe(false);
  });

  it('classifies packages from their manifest and says why', async () => {
    const index = await indexOf('ov-yarn');
    const kinds = index.packages.map((p) => [p.name, packageKind(p)?.label, packageKind(p)?.because]);
    expect(kinds).toEqual([
      ['shop', undefined, undefined],
      ['@shop/logger', 'Library', 'its `main`/`exports` fields'],
      // react in `dependencies` without a bundler: a library, not an app; not a "React library" without the peer.
      ['@shop/widgets', 'Library', 'its `main`/`exports` fields'],
      ['@shop/orders', 'HTTP server (Express)', 'express dependency'],
      ['@shop/worker', 'AWS Lambda handlers', '@types/aws-lambda dependency'],
    ]);
  });
});
