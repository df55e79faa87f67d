import { describe, expect, it } from 'vitest';
import {
  otherInfraDetector, type InfraFunctionData, type InfraProjectData, type InfraResourceData, type InfraRouteData, type InfraTableData,
} from '../src/detectors/other-infra/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { otherInfraPart } from '../src/steps/parts/other-infra.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf } from './helpers/fixture.js';

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
    ]);
    expect(data<InfraResourceData>(facts, 'infra.resource').map((r) => `${r.type} ${r.name}`)).toEqual(['AWS::SQS::Queue WelcomeQueue']);
  });

  it('writes endpoints, functions and tables without printing environment values', async () => {
    const md = await part('be-serverless');
    expect(md).toContain('| `GET /users/{id}` | `getUser` | `/services/users/src/handlers/users.ts` | `/services/users/serverless.yml:17` |');
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
      'GET /notes legacy/packages/functions/src/list.ts',
      'POST /notes legacy/packages/functions/src/create.ts',
      'DELETE /notes/{id} legacy/packages/functions/src/delete.ts',
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

describe('other-infra', () => {
  it('is off without Serverless, SST or Terraform files and gives an empty part', async () => {
    expect(await detect(otherInfraDetector, 'be-express')).toEqual([]);
    expect(otherInfraPart(new FactSet([]))).toBe('');
  });
});
