import { describe, expect, it } from 'vitest';
import {
  otherInfraDetector, type InfraFunctionData, type InfraProjectData, type InfraResourceData, type InfraRouteData, type InfraTableData,
} from '../src/detectors/other-infra/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { otherInfraPart } from '../src/steps/parts/other-infra.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const data = <T>(facts: readonly Fact[], kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);

async function part(fixture: string): Promise<string> {
  const index = await indexOf(fixture);
  const md = otherInfraPart(new FactSet(await detect(otherInfraDetector, fixture)));
  expect(missingCitations(md, index)).toEqual([]);
  expect(md).not.toMatch(/^#{1,3} /m);
  return md;
}

describe('Serverless Framework', () => {
  it('reads services, functions with handler files, http/httpApi routes, triggers and included resources', async () => {
    const facts = await detect(otherInfraDetector, 'be-serverless');
    expect(data<InfraProjectData>(facts, 'infra.project').map((p) => `${p.name} ${p.runtime}`)).toEqual([
      'hello-service nodejs18.x',
      'users-service nodejs20.x',
    ]);
    const fns = data<InfraFunctionData>(facts, 'infra.function');
    expect(fns.find((f) => f.name === 'createUser')).toMatchObject({
      handler: 'src/handlers/users.create',
      handlerFile: 'services/users/src/handlers/users.ts',
      environment: ['STRIPE_SECRET', 'USERS_TABLE', 'WELCOME_QUEUE_URL'],
    });
    expect(fns.find((f) => f.name === 'nightly')!.triggers).toEqual(['schedule rate(1 day)', 'sqs !GetAtt WelcomeQueue.Arn']);
    // serverless.ts: the function object is imported and its handler built with handlerPath(__dirname).
    expect(fns.find((f) => f.name === 'hello')).toMatchObject({ handlerFile: 'services/hello/src/functions/hello/handler.ts' });
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.target} ${r.handlerFile} ${r.file}:${r.line}`)).toEqual([
      'POST /hello hello services/hello/src/functions/hello/handler.ts services/hello/src/functions/hello/index.ts:7',
      'GET /users/{id} getUser services/users/src/handlers/users.ts services/users/serverless.yml:17',
      'POST /users createUser services/users/src/handlers/users.ts services/users/serverless.yml:26',
    ]);
    expect(data<InfraTableData>(facts, 'infra.table')).toEqual([
      {
        tool: 'serverless',
        name: 'UsersTable',
        physicalName: '${self:service}-users-${sls:stage}',
        hashKey: 'pk (S)',
        indexes: [{ name: 'byEmail', kind: 'GSI', hashKey: 'email (S)', projection: 'ALL' }],
        billingMode: 'PAY_PER_REQUEST',
        stream: 'NEW_IMAGE',
        file: 'services/users/resources/dynamodb.yml',
        line: 2,
      },
      // A multi-line `!Join` table name (nested sequences) keeps the keys and GSIs written after it.
      {
        tool: 'serverless',
        name: 'OrdersTable',
        physicalName: '${AWS::StackName}-orders',
        hashKey: 'pk (S)',
        rangeKey: 'sk (S)',
        indexes: [{ name: 'byStatus', kind: 'GSI', hashKey: 'status (S)', rangeKey: 'sk (S)', projection: 'KEYS_ONLY' }],
        billingMode: 'PAY_PER_REQUEST',
        file: 'services/users/serverless.yml',
        line: 39,
      },
    ]);
    expect(data<InfraResourceData>(facts, 'infra.resource').map((r) => `${r.type} ${r.name}`)).toEqual(['AWS::SQS::Queue WelcomeQueue']);
  });

  it('writes endpoints, functions and tables without printing environment values', async () => {
    const md = await part('be-serverless');
    expect(md).toContain('| `GET /users/{id}` | `getUser` | `/services/users/src/handlers/users.ts` | aws_iam | `/services/users/serverless.yml:17` |');
    expect(md).toContain('GSI `byEmail` (`email (S)`) ALL');
    expect(md).not.toContain('ssm:/users/stripe-secret');
  });
});

describe('SST', () => {
  it('reads v3 components and api.route, and v2 stacks with routes, addRoutes, tables and crons', async () => {
    const facts = await detect(otherInfraDetector, 'be-sst');
    expect(data<InfraProjectData>(facts, 'infra.project').map((p) => `${p.name} ${p.file}`)).toEqual([
      'legacy-notes legacy/sst.config.ts',
      'notes sst.config.ts',
    ]);
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.handlerFile}`)).toEqual([
      'GET /notes packages/functions/src/notes.ts',
      'POST /notes packages/functions/src/notes.ts',
      'ANY $default packages/functions/src/fallback.ts',
      'GET /admin/stats packages/functions/src/notes.ts',
      'GET /admin/health packages/functions/src/notes.ts',
      'POST /admin/jobs packages/functions/src/notes.ts',
      'GET /notes legacy/packages/functions/src/list.ts',
      'POST /notes legacy/packages/functions/src/create.ts',
      'DELETE /notes/{id} legacy/packages/functions/src/delete.ts',
    ]);
    // The Admin API's default (transform.route.args.auth) applies unless a route sets its own auth.
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.authorizer ?? '-'}`).slice(2, 6)).toEqual([
      'ANY $default -',
      'GET /admin/stats IAM (aws_iam)',
      'GET /admin/health -',
      'POST /admin/jobs JWT authorizer `jwtAuth.id`',
    ]);
    const tables = data<InfraTableData>(facts, 'infra.table');
    expect(tables[0]).toMatchObject({
      name: 'Notes',
      hashKey: 'userId (string)',
      rangeKey: 'noteId (string)',
      indexes: [{ name: 'byCreated', kind: 'GSI', hashKey: 'userId (string)', rangeKey: 'createdAt (number)' }],
      file: 'infra/storage.ts',
    });
    expect(tables[1]).toMatchObject({ name: 'Notes', hashKey: 'userId (string)', rangeKey: 'noteId (string)', file: 'legacy/stacks/MyStack.ts' });
    expect(data<InfraFunctionData>(facts, 'infra.function').map((f) => `${f.name} ${f.handlerFile}`)).toEqual([
      'Worker packages/functions/src/worker.ts',
      'cleanup legacy/packages/functions/src/cleanup.ts',
    ]);
    expect(data<InfraResourceData>(facts, 'infra.resource').find((r) => r.name === 'Web')).toMatchObject({
      type: 'sst.aws.StaticSite', detail: 'path: packages/web',
    });
    expect(await part('be-sst')).toContain('#### SST');
  });
});

describe('Terraform', () => {
  it('reads Lambda handlers through archive_file, tables with GSIs and TTL, HTTP and REST routes, modules', async () => {
    const facts = await detect(otherInfraDetector, 'be-terraform');
    expect(data<InfraFunctionData>(facts, 'infra.function')).toEqual([
      {
        tool: 'terraform',
        name: 'api',
        handler: 'index.handler',
        handlerFile: 'src/api/index.js',
        runtime: 'nodejs20.x',
        environment: ['LOG_LEVEL', 'ORDERS_TABLE'],
        // Each variable is cited at its own key, where "Set in" points.
        environmentAt: [
          { name: 'ORDERS_TABLE', file: 'infra/main.tf', line: 27 },
          { name: 'LOG_LEVEL', file: 'infra/main.tf', line: 28 },
        ],
        file: 'infra/main.tf',
        line: 17,
      },
    ]);
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.target} ${r.handlerFile}`)).toEqual([
      'GET /orders api src/api/index.js',
      'GET /orders/{id} api src/api/index.js',
      'POST /v1/orders api src/api/index.js',
    ]);
    expect(data<InfraTableData>(facts, 'infra.table')[0]).toMatchObject({
      name: 'orders',
      physicalName: 'orders-${var.stage}',
      hashKey: 'pk (S)',
      rangeKey: 'sk (S)',
      indexes: [{ name: 'byCustomer', kind: 'GSI', hashKey: 'customerId (S)', rangeKey: 'sk (S)', projection: 'ALL' }],
      ttl: 'expiresAt',
      stream: 'NEW_AND_OLD_IMAGES',
    });
    const resources = data<InfraResourceData>(facts, 'infra.resource');
    expect(resources.find((r) => r.type === 'module')).toMatchObject({ name: 'queue', detail: 'source: ./modules/queue' });
    expect(resources.find((r) => r.type === 'aws_iam_role')).toMatchObject({ name: 'lambda', line: 33 });
    const md = await part('be-terraform');
    expect(md).toContain('| `POST /v1/orders` | `api` | `/src/api/index.js` | `/infra/api.tf:41` |');
    expect(md).not.toContain('`aws_apigatewayv2_route`');
  });
});

describe('Terraform modules called with literal maps', () => {
  it('expands a for_each route over the map the caller passes, with each entry\'s authorization', async () => {
    const facts = await detect(otherInfraDetector, 'be-terraform-modules');
    const routes = data<InfraRouteData>(facts, 'infra.route');
    // The example caller under examples/ is not what is deployed; the env caller is. Each route is cited at its key.
    expect(routes.filter((r) => !r.forEach).map((r) => `${r.method} ${r.path} ${r.authorizer ?? '-'} ${r.via} ${r.file}:${r.line}`)).toEqual([
      // A plain route with a literal authorization type has that authorizer.
      'GET /health AWS_IAM undefined infra/envs/prod/health.tf:6',
      // A for_each over a literal local map in the root itself, cited at the entry's key.
      'GET /admin/stats AWS_IAM undefined infra/envs/prod/health.tf:14',
      'GET /items - module.fn.invoke_arns["list-items"] infra/envs/prod/main.tf:33',
      'POST /items JWT module.fn.invoke_arns["list-items"] infra/envs/prod/main.tf:39',
      'POST /items/{id}/rsvp CUSTOM (mixed) module.fn.invoke_arns["authz"] infra/envs/prod/main.tf:45',
    ]);
    // A caller that passes a variable: the routes are not read, and the record says where they come from.
    expect(routes.filter((r) => r.forEach)).toEqual([
      expect.objectContaining({ forEach: { over: 'var.routes', calledAt: [{ file: 'infra/envs/prod/main.tf', line: 53 }] }, file: 'infra/modules/legacy_api/main.tf', line: 1 }),
    ]);
    const md = await part('be-terraform-modules');
    expect(md).not.toContain('each.value');
    expect(md.split('\n').filter((l) => /items|for_each/.test(l) && l.includes('not found'))).toEqual([]);
    expect(md).toContain('| the routes of `for_each = var.routes`, given by the module call at `/infra/envs/prod/main.tf:53` in a form this map does not expand | — | not followed to a file | — |');
  });

  it('a route module called once per route (route_key = var.route_key) gives one route per call, cited there', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { buildIndex } = await import('../src/scan/repo-index.js');
    const route = 'resource "aws_apigatewayv2_route" "this" {\n  route_key          = var.route_key\n  authorization_type = var.auth\n}\n';
    const call = (name: string, key: string, auth: string) => `module "${name}" {\n  source    = "./modules/route"\n  route_key = ${key}\n  auth      = "${auth}"\n}\n`;
    const root = tempRepo({ 'infra/modules/route/main.tf': route, 'infra/main.tf': call('list', '"GET /items"', 'NONE') + call('create', '"POST /items"', 'JWT') });
    const other = tempRepo({ 'infra/modules/route/main.tf': route, 'infra/main.tf': call('list', '"GET /items"', 'NONE') + call('any', 'var.key', 'JWT') });
    try {
      const routes = async (dir: string) => otherInfraDetector.detect(await buildIndex(dir)).filter((f) => f.kind === 'infra.route').map((f) => f.data as InfraRouteData).map((r) => `${r.method} ${r.path} ${r.authorizer ?? '-'} ${r.file}:${r.line}`);
      expect(await routes(root)).toEqual(['GET /items - infra/main.tf:3', 'POST /items JWT infra/main.tf:8']);
      // One call passes an expression: no partial list, the key as written.
      expect(await routes(other)).toEqual(['? var.route_key - infra/modules/route/main.tf:1']);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('reads a dynamic environment fed by a module input, and merge()d literal environments, as set at their keys', async () => {
    const facts = await detect(otherInfraDetector, 'be-terraform-modules');
    const fns = data<InfraFunctionData>(facts, 'infra.function');
    // One function per key of the local the caller's `for` expression runs over; `key == "authz" ? { … } : {}` decided per key.
    expect(fns.find((f) => f.name === 'list-items')).toMatchObject({ environment: ['ITEMS_TABLE'], environmentAt: [{ name: 'ITEMS_TABLE', file: 'infra/envs/prod/main.tf', line: 18 }] });
    expect(fns.find((f) => f.name === 'authz')).toMatchObject({
      environment: ['ADMIN_GROUP_NAME', 'ITEMS_TABLE'],
      environmentAt: [
        { name: 'ITEMS_TABLE', file: 'infra/envs/prod/main.tf', line: 18 },
        { name: 'ADMIN_GROUP_NAME', file: 'infra/envs/prod/main.tf', line: 21 },
      ],
    });
    expect(fns.find((f) => f.name === 'function')).toBeUndefined();
    expect(fns.find((f) => f.name === 'worker')).toMatchObject({ environment: ['QUEUE_URL'], environmentAt: [{ name: 'QUEUE_URL', file: 'infra/modules/legacy_api/main.tf', line: 17 }] });
  });
});

describe('CloudFormation and SAM templates', () => {
  it('maps functions to their code, events to routes and triggers, tables with keys and indexes, other resources', async () => {
    const facts = await detect(otherInfraDetector, 'infra-sam');
    expect(data<InfraProjectData>(facts, 'infra.project').map((p) => `${p.tool} ${p.file}`)).toEqual([
      'cloudformation legacy/stack.template.json',
      'sam template.yaml',
    ]);
    expect(data<InfraFunctionData>(facts, 'infra.function').map((f) => [f.name, f.handlerFile, f.runtime, f.environment.join(','), (f.triggers ?? []).join('; '), f.line])).toEqual([
      ['LegacyFunction', 'legacy/lambda/index.js', 'nodejs18.x', 'LEGACY_MODE', 'schedule cron(0 3 * * ? *) (rule NightlyRule)', 4],
      // CodeUri + Handler; Globals give the runtime and the shared environment.
      ['HelloFunction', 'hello-world/app.mjs', 'nodejs20.x', 'TABLE_NAME', '', 14],
      // esbuild: the handler module is an entry point under CodeUri.
      ['GetOrderFunction', 'src/handlers/get-order.ts', 'nodejs20.x', 'SECRET_ARN,TABLE_NAME', 'dynamodb stream OrdersTable', 26],
      ['WorkerFunction', 'src/handlers/worker.ts', 'nodejs20.x', 'TABLE_NAME', 'sqs JobsQueue; schedule rate(1 day)', 52],
      // An image function's code is its Dockerfile; it has no runtime.
      ['ImageFunction', 'image/Dockerfile', undefined, 'TABLE_NAME', '', 67],
    ]);
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.target ?? '-'} ${r.handlerFile ?? '-'} ${r.file}:${r.line}`)).toEqual([
      // An OpenAPI body included with AWS::Include is read from its file, each route cited there.
      'GET /orders WorkerFunction src/handlers/worker.ts api/openapi.yaml:7',
      'POST /orders - - api/openapi.yaml:12',
      // REST API Method → Resource → Resource → RootResourceId, and its Fn::Sub integration URI.
      'GET /items/{id} LegacyFunction legacy/lambda/index.js legacy/stack.template.json:22',
      'GET /hello HelloFunction hello-world/app.mjs template.yaml:20',
      'GET /orders/{id} GetOrderFunction src/handlers/get-order.ts template.yaml:40',
    ]);
    expect(data<InfraTableData>(facts, 'infra.table')).toEqual([
      {
        tool: 'sam',
        name: 'OrdersTable',
        physicalName: '${AWS::StackName}-orders',
        hashKey: 'pk (S)',
        rangeKey: 'sk (S)',
        indexes: [
          { name: 'gsi1', kind: 'GSI', hashKey: 'gsi1pk (S)', projection: 'ALL' },
          { name: 'byCreated', kind: 'LSI', hashKey: 'pk (S)', rangeKey: 'createdAt (N)', projection: 'KEYS_ONLY' },
        ],
        billingMode: 'PAY_PER_REQUEST',
        stream: 'NEW_AND_OLD_IMAGES',
        file: 'template.yaml',
        line: 90,
      },
      { tool: 'sam', name: 'SessionsTable', hashKey: 'sessionId (String)', indexes: [], file: 'template.yaml', line: 131 },
    ]);
    expect(data<InfraResourceData>(facts, 'infra.resource').filter((r) => r.tool === 'sam').map((r) => `${r.type} ${r.name}:${r.line}`)).toEqual([
      'AWS::Serverless::HttpApi OrdersHttpApi:75',
      'AWS::Serverless::Api RestApi:80',
      'AWS::SQS::Queue JobsQueue:138',
      'AWS::SNS::Topic EventsTopic:141',
      'AWS::S3::Bucket UploadsBucket:144',
      'AWS::Cognito::UserPool UserPool:147',
      'AWS::SecretsManager::Secret OrdersSecret:152',
    ]);
    // A route served by an integration rather than a function says so instead of "not found".
    expect(data<InfraRouteData>(facts, 'infra.route').find((r) => r.method === 'POST' && r.path === '/orders')).toMatchObject({ integration: 'mock' });
    const md = await part('infra-sam');
    expect(md).toContain('| `POST /orders` | mock | no function (integration) | `/api/openapi.yaml:12` |');
    expect(md).toContain('#### AWS SAM');
    expect(md).toContain('#### CloudFormation');
    // The REST API plumbing is shown route by route, not again as resources.
    expect(md).not.toContain('`AWS::ApiGateway::Method`');
  });

  it('reads a template with a YAML error as far as it parses, and the section says where it broke', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-cfn-'));
    try {
      const template = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Jobs:', '    Type: AWS::SQS::Queue', '   Broken: x', '  Topic:', '    Type: AWS::SNS::Topic', ''];
      writeFileSync(path.join(dir, 'template.yaml'), template.join('\n'));
      const md = (await section(infrastructureStep, dir)).markdown;
      expect(md).toContain('`AWS::SQS::Queue` | `Jobs`');
      expect(md).toContain('`AWS::SNS::Topic` | `Topic`');
      expect(md).toContain('> - `/template.yaml:5` is not valid YAML (All mapping items must start at the same column); what could be read of it is used.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secrets a template defines', () => {
  it('keep step 8 from saying there is no Secrets Manager use', async () => {
    const { configurationStep } = await import('../src/steps/08-configuration.js');
    const md = (await section(configurationStep, 'infra-sam')).markdown;
    expect(md).not.toContain('No SSM Parameter Store, Secrets Manager or SST secret use found');
    expect(md).toContain('- AWS::SecretsManager::Secret `OrdersSecret` — `/template.yaml:152`');
  });
});

describe('other-infra', () => {
  it('is off without Serverless, SST or Terraform files and gives an empty part', async () => {
    expect(await detect(otherInfraDetector, 'be-express')).toEqual([]);
    expect(otherInfraPart(new FactSet([]))).toBe('');
  });
});

describe('SST v2 route authorizers', () => {
  it('reads `defaults.authorizer` and a route\'s own `authorizer`, "none" meaning public', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'v2', private: true, dependencies: { sst: '^2.0.0' } }),
      'sst.config.ts': "export default { config() { return { name: 'v2' }; } };",
      'stacks/Api.ts': [
        "import { Api, StackContext } from 'sst/constructs';",
        'export function ApiStack({ stack }: StackContext) {',
        "  new Api(stack, 'api', {",
        "    defaults: { authorizer: 'iam' },",
        '    routes: {',
        "      'GET /private': 'packages/functions/src/a.main',",
        "      'GET /public': { authorizer: 'none', function: 'packages/functions/src/a.main' },",
        "      'POST /jwt': { authorizer: 'myJwt', function: { handler: 'packages/functions/src/a.main' } },",
        '    },',
        '  });',
        '}',
      ].join('\n'),
      'packages/functions/src/a.ts': 'export const main = async () => ({});',
    });
    const facts = await detect(otherInfraDetector, root);
    expect(data<InfraRouteData>(facts, 'infra.route').map((r) => `${r.method} ${r.path} ${r.authorizer ?? '-'}`)).toEqual([
      'GET /private IAM (aws_iam)',
      'GET /public -',
      'POST /jwt authorizer `myJwt`',
    ]);
  });
});

describe('SST v3 component handlers', () => {
  it('reads Realtime authorizer, subscribe and notify handlers as functions with triggers, a Function URL, and the $config line', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'rt', private: true, dependencies: { sst: '^3.0.0' } }),
      'sst.config.ts': [
        '// a comment',
        '/// <reference path="./.sst/platform/config.d.ts" />',
        '',
        'export default $config({',
        "  app() { return { name: 'rt', home: 'aws' }; },",
        '  async run() {',
        "    const realtime = new sst.aws.Realtime('Live', {",
        "      authorizer: {",
        "        handler: 'src/auth.handler', environment: { PREFIX: 'x' } },",
        '    });',
        "    const table = new sst.aws.Dynamo('Table', { fields: { pk: 'string' }, primaryIndex: { hashKey: 'pk' } });",
        "    realtime.subscribe({ handler: 'src/persist.handler', link: [table] }, { filter: 'a/#' });",
        "    table.subscribe('Stream', 'src/stream.handler');",
        "    const bucket = new sst.aws.Bucket('Files');",
        "    bucket.notify({ notifications: [{ name: 'OnUpload', function: 'src/upload.handler', events: ['s3:ObjectCreated:*'] }] });",
        "    new sst.aws.Function('Snapshot', { handler: 'src/snap.handler', url: true });",
        '  },',
        '});',
      ].join('\n'),
      'src/auth.ts': 'export const handler = async () => ({});',
      'src/persist.ts': 'export const handler = async () => ({});',
      'src/stream.ts': 'export const handler = async () => ({});',
      'src/upload.ts': 'export const handler = async () => ({});',
      'src/snap.ts': 'export const handler = async () => ({});',
    });
    const facts = await detect(otherInfraDetector, root);
    expect(data<InfraFunctionData>(facts, 'infra.function').map((f) => `${f.name} ${f.handlerFile} ${(f.triggers ?? []).join(',')} :${f.line}`)).toEqual([
      "Live authorizer src/auth.ts Realtime 'Live' authorizer :9",
      "Live subscriber src/persist.ts Realtime 'Live' subscription :12",
      "Stream src/stream.ts Dynamo 'Table' subscription :13",
      "OnUpload src/upload.ts Bucket 'Files' notification :15",
      'Snapshot src/snap.ts Function URL :16',
    ]);
    expect(data<InfraFunctionData>(facts, 'infra.function')[0].environment).toEqual(['PREFIX']);
    expect(data<InfraProjectData>(facts, 'infra.project')[0]).toMatchObject({ name: 'rt', line: 4 });
  });
});

describe('Terraform Lambdas deployed once per map entry', () => {
  it('gives one function per entry of a literal map, and routes naming an entry its handler file', async () => {
    const facts = await detect(otherInfraDetector, 'be-terraform-instances');
    const fns = data<InfraFunctionData>(facts, 'infra.function');
    expect(fns.map((f) => `${f.name} ${f.handler} ${f.runtime} ${f.handlerFile ?? '-'} ${f.environment.join(',') || '-'} ${f.file}:${f.line}`)).toEqual([
      // A module called with for_each over a literal local: `var.source_dir` is the entry's `dir`; one is interpolated.
      'sweeper handler.lambda_handler python3.12 lambdas/sweeper/handler.py - infra/envs/prod/locals.tf:3',
      'archiver handler.lambda_handler python3.12 - - infra/envs/prod/locals.tf:6',
      // A module whose resource has for_each = var.functions, called with a literal map: cited at each key.
      'create_event handler.lambda_handler python3.12 lambdas/create_event/handler.py EVENTS_TABLE infra/envs/prod/main.tf:10',
      'list_events handler.lambda_handler python3.12 lambdas/list_events/handler.py EVENTS_TABLE,PAGE_SIZE infra/envs/prod/main.tf:16',
      // A map passed as a variable: one row, which says it is one per entry of a map not expanded.
      'fn each.value.handler python3.12 - - infra/modules/dyn/main.tf:1',
    ]);
    expect(fns.find((f) => f.name === 'fn')?.forEach).toEqual({ over: 'var.functions', calledAt: [{ file: 'infra/envs/prod/main.tf', line: 36 }] });
    const routes = data<InfraRouteData>(facts, 'infra.route');
    expect(routes.map((r) => `${r.method} ${r.path} ${r.handlerFile ?? '-'} ${r.file}:${r.line}`)).toEqual([
      'POST /events lambdas/create_event/handler.py infra/envs/prod/main.tf:47',
      'GET /events lambdas/list_events/handler.py infra/envs/prod/main.tf:51',
      'POST /sweep lambdas/sweeper/handler.py infra/envs/prod/main.tf:55',
      // An entry whose source is not a literal, and a key no entry has: not followed, never a guessed file.
      'POST /archive - infra/envs/prod/main.tf:59',
      'GET /ghost - infra/envs/prod/main.tf:63',
    ]);
    const md = await part('be-terraform-instances');
    expect(md).toContain('| `fn`, one per entry of `for_each = var.functions`, given by the module call at `/infra/envs/prod/main.tf:36` in a form this map does not expand |');
    expect(md).toContain('| `GET /ghost` | `module.lambda.invoke_arns["missing"]` | not followed to a file |');
    expect(missingCitations(md, await indexOf('be-terraform-instances'))).toEqual([]);
  });
});
