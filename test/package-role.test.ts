import { describe, expect, it } from 'vitest';
import { isPublished, packageRole, packageRoles } from '../src/detectors/stack/role.js';
import type { PackageJson, WorkspacePackage } from '../src/scan/package-json.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf } from './helpers/fixture.js';
import { packageKind } from '../src/detectors/stack/kind.js';

function pkg(dir: string, manifest: PackageJson): WorkspacePackage {
  return { name: manifest.name ?? dir, dir, manifestPath: `${dir}/package.json`, manifest, isRoot: false, declared: true, hoisted: {}, markers: [] };
}

describe('package roles', () => {
  it('reads an example, test or benchmark from the folder above, the own folder, the name or the npm scope', () => {
    expect(packageRole(pkg('examples/react/basic', { name: 'basic', private: true })).id).toBe('example');
    // A monorepo template's own packages (`@template/server`) are its product, not examples.
    expect(packageRole(pkg('packages/server', { name: '@template/server', private: true })).id).not.toBe('example');
    expect(packageRole(pkg('e2e/react-router/basic', { name: 'e2e-basic', private: true }))).toEqual({ id: 'test', because: 'its folder e2e/' });
    // A Remix stack's set-up script (remix-run/indie-stack) is not a product library.
    expect(packageRole(pkg('remix.init', { name: 'remix.init', private: true, main: 'index.js' }))).toEqual({ id: 'tooling', because: 'its folder remix.init/ (private)' });
    expect(packageRole(pkg('packages/create-vite/template-react', { name: 'vite-react-starter', private: true })).id).toBe('example');
    expect(packageRole(pkg('packages/astro/performance', { name: '@test/performance', private: true }))).toEqual({ id: 'test', because: 'its npm scope, @test/performance' });
    expect(packageRole(pkg('packages/app-tests', { name: '@documenso/app-tests', version: '0.0.0', main: 'index.js' })).id).toBe('test');
    expect(packageRole(pkg('packages/core/perf', { name: 'perf', private: true })).id).toBe('benchmark');
  });

  it('does not take an app in apps/ for an example from a starter name it kept (`@example/basics`), only from its folder', () => {
    expect(packageRole(pkg('apps/treasures', { name: '@example/basics', private: true })).id).not.toBe('example');
    expect(packageRole(pkg('apps/web', { name: 'web-demo', private: true })).id).not.toBe('example');
    expect(packageRole(pkg('apps/playground', { name: '@example/basics', private: true })).id).toBe('example');
    expect(packageRole(pkg('packages/basics', { name: '@example/basics', private: true })).id).toBe('example');
  });

  it('takes a package whose start script runs its own files, or with a Dockerfile beside it, for a service, not a library', async () => {
    const index = await indexOf('mono-worker-service');
    const worker = index.packages.find((p) => p.name === 'worker')!;
    expect(packageKind(worker, index)).toEqual({
      id: 'service',
      label: 'Runnable service',
      because: 'its `start` script `node dist/index.mjs` and the Dockerfile beside it',
    });
    expect(packageKind({ ...worker, markers: [] }, index)?.because).toBe('its `start` script `node dist/index.mjs`');
    // `main` alone still says library.
    expect(packageKind(index.packages.find((p) => p.name === '@acme/jobs')!, index)?.label).toBe('Library');
  });

  it('counts a package as published only with evidence it ships to a registry', () => {
    // Its manifest alone: a `main` or a `bin` without `"private": true` is no evidence; `publishConfig` or a publish
    // script of its own is.
    expect(isPublished(pkg('packages/sdk', { name: '@x/sdk', version: '1.2.0', main: 'dist/index.js' }))).toBe(false);
    expect(isPublished(pkg('packages/cli', { name: 'x-cli', version: '0.1.0', bin: { x: 'bin/x.js' } }))).toBe(false);
    expect(isPublished(pkg('packages/sdk', { name: '@x/sdk', version: '1.2.0', main: 'dist/index.js', scripts: { release: 'npm publish --access public' } }))).toBe(true);
    expect(isPublished(pkg('packages/cli', { name: 'x-cli', version: '0.1.0', bin: { x: 'bin/x.js' }, scripts: { prepublishOnly: 'npm run build' } }))).toBe(true);
    // `npm run publish:docs` runs a script, it does not publish.
    expect(isPublished(pkg('packages/sdk', { name: '@x/sdk', version: '1.2.0', main: 'dist/index.js', scripts: { docs: 'npm run publish:docs' } }))).toBe(false);
    expect(isPublished(pkg('packages/types', { name: '@x/types', version: '1.0.0', types: './dist/index.d.ts', publishConfig: { access: 'public' } } as PackageJson))).toBe(true);
    expect(isPublished(pkg('packages/ts', { name: '@x/ts', version: '1.0.0', main: './src/index.ts', publishConfig: { main: './dist/index.js' } } as PackageJson))).toBe(true);
    expect(isPublished(pkg('packages/app', { name: 'app', version: '1.0.0', private: true, main: 'dist/index.js', publishConfig: { access: 'public' } } as PackageJson))).toBe(false);
  });

  it('puts a site or an unpublished package under a docs folder in the docs role', () => {
    expect(packageRole(pkg('www/apps/book', { name: 'book', private: true, dependencies: { next: '15' } })).id).toBe('docs');
    expect(packageRole(pkg('www/packages/docs-ui', { name: 'docs-ui', private: true, main: 'src/index.ts' }))).toEqual({ id: 'docs', because: 'private, in the docs folder www/' });
  });

  it('uses who depends on a package and whether infrastructure deploys it', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*', 'tools/*'] }),
      'docker-compose.yml': 'services:\n  worker:\n    build: ./tools/worker\n',
      'packages/web/package.json': JSON.stringify({ name: '@m/web', private: true, dependencies: { '@m/core': '*' }, devDependencies: { '@m/test-helpers': '*' } }),
      'packages/core/package.json': JSON.stringify({ name: '@m/core', private: true, main: 'src/index.ts' }),
      'packages/test-helpers/package.json': JSON.stringify({ name: '@m/test-helpers', private: true, main: 'src/index.ts' }),
      'tools/worker/package.json': JSON.stringify({ name: '@m/worker', private: true }),
      'tools/lint/package.json': JSON.stringify({ name: '@m/lint', private: true }),
    });
    const roles = packageRoles(await buildIndex(root));
    expect(roles.get('packages/core')).toEqual({ id: 'product', because: 'a dependency of @m/web' });
    expect(roles.get('packages/test-helpers')).toEqual({ id: 'tooling', because: 'only devDependencies use it (@m/web)' });
    // Under tools/, but a compose service builds it: it is deployed, so it is part of the product.
    expect(roles.get('tools/worker')?.id).toBe('product');
    expect(roles.get('tools/lint')).toEqual({ id: 'tooling', because: 'its folder tools/ (private)' });
  });

  it('does not count a folder infrastructure deploys as function code, or a manifest with no sign of publishing, as published', async () => {
    const index = await indexOf('pkg-function-code');
    const of = (dir: string) => index.packages.find((p) => p.dir === dir)!;
    // CDK `Code.fromAsset(path.join(__dirname, '../lambda/createItem'))`: name, version and main, no "private".
    expect(isPublished(of('lambda/createItem'), index)).toBe(false);
    expect(packageKind(of('lambda/createItem'), index)).toMatchObject({ id: 'lambda', label: 'AWS Lambda function code' });
    expect(packageKind(of('lambda/createItem'), index)?.because).toContain('`/lib/orders-stack.ts:16`');
    // A layer's code folder holds the package.
    expect(packageKind(of('lambda-layers/nodejs'), index)).toMatchObject({ id: 'lambda', label: 'AWS Lambda layer' });
    // NodejsFunction `entry:` relative to the CDK app folder; a license does not make a bundle a library.
    expect(isPublished(of('src/functions/orders'), index)).toBe(false);
    // A Serverless `handler:` inside the package, even with `files` and `"private": false`.
    expect(isPublished(of('services/hello'), index)).toBe(false);
    expect(packageRole(of('services/hello'), index).because).toContain('`/serverless.yml:9`');
    // No sign of publishing at all (no files, license, repository, release tooling, no dependents).
    expect(isPublished(of('packages/plain'), index)).toBe(false);
    // `files` and a licence make a library, not a published one: nothing in the repository publishes it.
    expect(isPublished(of('packages/format'), index)).toBe(false);
    expect(packageRoles(index).get('packages/format')).toMatchObject({ id: 'product' });
    expect(packageRoles(index).get('packages/format')?.published).toBeUndefined();
  });

  it('does not take a package for function code when fromAsset zips a sub-folder of it', async () => {
    // aws-cdk-reference-architectures: the workspace root `infrastructure` deploys common/src/python-lambda/x.
    const root = tempRepo({
      'infrastructure/package.json': JSON.stringify({ name: 'cdk-workspaces', private: 'true', main: 'index.js', dependencies: { 'aws-cdk-lib': '2.150.0' } }),
      'infrastructure/common/pipeline-utils.ts': [
        "import * as path from 'path';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        "export const code = lambda.Code.fromAsset(path.join(__dirname, 'src/python-lambda/sync'));",
      ].join('\n'),
      'infrastructure/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'infrastructure/bin/app.ts': "import '../common/pipeline-utils';\n",
      'infrastructure/common/src/python-lambda/sync/index.py': 'def handler(e, c):\n    return e\n',
    });
    const index = await buildIndex(root);
    const pkg = index.packages.find((p) => p.dir === 'infrastructure')!;
    expect(packageKind(pkg, index)?.id).not.toBe('lambda');
    // `"private": "true"` (a string) is private to npm too: `main` does not make it a published library.
    expect(isPublished(pkg, index)).toBe(false);
  });

  it('takes a package kind from the dependencies its code imports, not from one only declared', async () => {
    // serverless-eda-insurance-claims-processing: node-vendor-service declares express, but its index.js is an SQS
    // consumer (sqs-consumer + EventBridge), with `main: index.js` as `npm init` writes it.
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'claims', private: true }),
      'services/vendor/package.json': JSON.stringify({
        name: 'node-vendor-service', version: '1.0.0', main: 'index.js',
        dependencies: { '@aws-sdk/client-sqs': '^3', express: '^4', 'sqs-consumer': '^10' },
      }),
      'services/vendor/index.js': "// const express = require('express');\nconst { Consumer } = require('sqs-consumer');\nConsumer.create({ queueUrl: process.env.Q });\n",
      'services/api/package.json': JSON.stringify({ name: 'api', private: true, dependencies: { express: '^4' } }),
      'services/api/server.js': "const express = require('express');\nexpress().listen(3000);\n",
      // No source to read: the declaration still counts (nothing is concluded from silence).
      'services/bare/package.json': JSON.stringify({ name: 'bare', private: true, dependencies: { fastify: '^4' } }),
    });
    const index = await buildIndex(root);
    const kind = (dir: string) => packageKind(index.packages.find((p) => p.dir === dir)!, index);
    expect(kind('services/vendor')).toEqual({ id: 'worker', label: 'Background worker (sqs-consumer)', because: 'sqs-consumer dependency' });
    expect(kind('services/api')?.label).toBe('HTTP server (Express)');
    expect(kind('services/bare')?.label).toBe('HTTP server (Fastify)');
  });

  it('does not take a deployed CDK app for an example because of its name', async () => {
    // ahmad-almoustafa/aws-cdk-typescript-serverless-app: `cdk init` names the app `aws-cdk-demo`; it is the backend.
    const root = tempRepo({
      'backend/package.json': JSON.stringify({
        name: 'aws-cdk-demo', version: '0.1.0', bin: { 'aws-cdk-demo': 'bin/aws-cdk-demo.js' },
        scripts: { deploy: 'cdk deploy --all' }, dependencies: { 'aws-cdk-lib': '2.84.0', constructs: '^10.0.0' },
      }),
      'backend/cdk.json': JSON.stringify({ app: 'npx ts-node bin/aws-cdk-demo.ts' }),
      'backend/bin/aws-cdk-demo.ts': "import { App } from 'aws-cdk-lib';\nnew App();\n",
      'frontend/package.json': JSON.stringify({ name: 'frontend', private: true, dependencies: { react: '^18' } }),
      'demo-app/package.json': JSON.stringify({ name: 'chart-demo', private: true, dependencies: { react: '^18' } }),
    });
    const index = await buildIndex(root);
    const backend = index.packages.find((p) => p.dir === 'backend')!;
    expect(packageRoles(index).get('backend')?.id).toBe('product');
    expect(packageRole(backend).id).toBe('product');
    // A name or folder still marks a package that nothing deploys.
    expect(packageRoles(index).get('demo-app')?.id).toBe('example');
  });

  it('a plugin of the repository\'s lint or format tools that no code imports is internal tooling: by its name or the config that loads it', async () => {
    const lib = (name: string) => JSON.stringify({ name, private: true, exports: { '.': './src/index.ts' } });
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*'] }),
      '.oxlintrc.json': JSON.stringify({ jsPlugins: [{ name: 'acme', specifier: './packages/rules/src/index.ts' }] }, null, 2),
      '.eslintrc.json': JSON.stringify({ parserOptions: { project: ['./packages/core/tsconfig.json'] } }),
      'packages/rules/package.json': lib('@acme/rules'),
      'packages/rules/src/index.ts': 'export default { rules: {} };\n',
      'packages/oxlint-plugin/package.json': lib('@acme/oxlint-plugin'),
      'packages/oxlint-plugin/src/index.ts': 'export default {};\n',
      'packages/core/package.json': lib('@acme/core'),
      'packages/core/src/index.ts': 'export const core = 1;\n',
    });
    const roles = packageRoles(await buildIndex(root));
    expect(roles.get('packages/rules')).toEqual({ id: 'tooling', because: 'loaded as a plugin by .oxlintrc.json:5' });
    expect(roles.get('packages/oxlint-plugin')?.id).toBe('tooling');
    // Named in a lint config outside its plugins (a tsconfig path): still product.
    expect(roles.get('packages/core')?.id).toBe('product');
  });
});

