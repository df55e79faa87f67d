/**
 * A helper that makes one `new lambda.Function` under an id computed in code (`makeName(path)`), called once per
 * endpoint through a construct's `addResource`: each call is its own function, with its own code and environment,
 * cited where it is called — not one function standing for all. And a CfnAuthorizer's cache is its
 * `authorizerResultTtlInSeconds`.
 */
import { describe, expect, it } from 'vitest';
import { cdkDetector, type CdkAuthorizerFact, type CdkLambdaFact, type CdkRouteFact } from '../src/detectors/cdk/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { detect, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const files = {
  'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
  'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
  'lib/functions.ts': [
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import { Construct } from 'constructs';",
    'function makeName(p: string): string {',
    "  const hash = p.split('').reduce((a, b) => ((a << 5) - a + b.charCodeAt(0)) | 0, 0);",
    '  return `fn${Math.abs(hash).toString(36)}`;',
    '}',
    'export function createFn(scope: Construct, name: string, src: string, env: Record<string, string>): lambda.Function {',
    '  return new lambda.Function(scope, name, {',
    '    runtime: lambda.Runtime.NODEJS_20_X,',
    "    handler: 'index.handler',",
    '    code: lambda.Code.fromAsset(src),',
    '    environment: { ...env },',
    '  });',
    '}',
    'export function createApiFn(scope: Construct, p: string, src: string, env: Record<string, string>): lambda.Function {',
    '  const name = makeName(p);',
    '  return createFn(scope, name, src, env);',
    '}',
  ].join('\n'),
  'lib/api.ts': [
    "import * as path from 'path';",
    "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
    "import { Construct } from 'constructs';",
    "import { createApiFn } from './functions';",
    'export class Api extends Construct {',
    '  readonly api: apigateway.RestApi;',
    '  readonly auth: apigateway.CfnAuthorizer;',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
    "    this.api = new apigateway.RestApi(this, 'Api', {});",
    "    this.auth = new apigateway.CfnAuthorizer(this, 'Auth', {",
    '      restApiId: this.api.restApiId,',
    "      name: 'PoolAuth',",
    "      type: 'COGNITO_USER_POOLS',",
    "      identitySource: 'method.request.header.Authorization',",
    '      providerArns: [],',
    '      authorizerResultTtlInSeconds: 300,',
    '    });',
    "    this.addResource({ path: '/health', src: path.join(__dirname, '../lambda/health'), env: { HEALTH_MODE: 'full' } });",
    '  }',
    '  addResource(opts: { path: string; src: string; env: Record<string, string> }) {',
    '    const fn = createApiFn(this, opts.path, opts.src, opts.env);',
    "    this.api.root.resourceForPath(opts.path).addMethod('GET', new apigateway.LambdaIntegration(fn));",
    '    return fn;',
    '  }',
    '}',
  ].join('\n'),
  'bin/app.ts': [
    "import * as path from 'path';",
    "import { App, Stack } from 'aws-cdk-lib';",
    "import { Api } from '../lib/api';",
    'class ShopStack extends Stack {',
    '  constructor(scope: App, id: string) {',
    '    super(scope, id);',
    "    const web = new Api(this, 'Web');",
    "    web.addResource({ path: '/items', src: path.join(__dirname, '../lambda/items'), env: { ITEMS_TABLE: 'items' } });",
    '  }',
    '}',
    'const app = new App();',
    "new ShopStack(app, 'ShopStack');",
  ].join('\n'),
  'lambda/health/index.js': 'exports.handler = async () => ({ statusCode: 200, body: process.env.HEALTH_MODE });\n',
  'lambda/items/index.js': 'exports.handler = async () => ({ statusCode: 200, body: process.env.ITEMS_TABLE });\n',
};

describe('a function made once per call of a project helper', () => {
  it('gives each call its own function, code, environment and endpoint', async () => {
    const root = tempRepo(files);
    const facts = await detect(cdkDetector, root);
    const lambdas = facts.filter((f): f is CdkLambdaFact => f.kind === 'cdk.lambda');
    expect(lambdas).toHaveLength(2);
    const byEntry = new Map(lambdas.map((l) => [l.data.entry, l]));
    const health = byEntry.get('lambda/health/index.js');
    const items = byEntry.get('lambda/items/index.js');
    expect(health?.data.environment.map((e) => e.name)).toEqual(['HEALTH_MODE']);
    expect(items?.data.environment.map((e) => e.name)).toEqual(['ITEMS_TABLE']);
    // Cited where each is asked for: the `addResource` call, then the `new` in the helper.
    expect(health?.at.map((c) => `${c.file}:${c.line}`)).toEqual(['lib/api.ts:19', 'lib/functions.ts:8']);
    expect(items?.at.map((c) => `${c.file}:${c.line}`)).toEqual(['bin/app.ts:8', 'lib/functions.ts:8']);
    expect(health?.id).not.toBe(items?.id);
    expect(health?.data).not.toHaveProperty('repeated');
    const routes = facts.filter((f): f is CdkRouteFact => f.kind === 'cdk.route');
    expect(Object.fromEntries(routes.map((r) => [r.data.path, r.data.lambda]))).toEqual({ '/health': health?.id, '/items': items?.id });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('2 Lambda functions');
  });

  it('reads a relative asset path in library code from the folder of the app whose stack makes the function', async () => {
    const { 'cdk.json': _cdk, 'bin/app.ts': app, 'package.json': pkg, ...rest } = files;
    const root = tempRepo({
      ...rest,
      'package.json': JSON.stringify({ name: 'lib', version: '1.0.0', main: 'lib/api.js', dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'example/package.json': pkg,
      'example/cdk.json': _cdk,
      'example/bin/app.ts': app
        .replace("'../lib/api'", "'../../lib/api'")
        .replace("path.join(__dirname, '../lambda/items')", "'../lambda/items'")
        .replace('  }\n}', "    web.addResource({ path: '/other', src: process.env.OTHER_SRC!, env: {} });\n  }\n}"),
    });
    const lambdas = (await detect(cdkDetector, root)).filter((f): f is CdkLambdaFact => f.kind === 'cdk.lambda');
    expect(lambdas.map((l) => l.data.entry ?? '-').sort()).toEqual(['-', 'lambda/health/index.js', 'lambda/items/index.js']);
    // The third function's code is not known: where handler code lives is said of the two traced only.
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('The handler code traced to a file lives under `/lambda`.');
  });

  it('reads a CfnAuthorizer cache from authorizerResultTtlInSeconds', async () => {
    const facts = await detect(cdkDetector, tempRepo(files));
    const auth = facts.find((f): f is CdkAuthorizerFact => f.kind === 'cdk.authorizer');
    expect(auth?.data.resultsCacheTtl).toBe('300 s');
  });
});
