// Backend templates: a CDK app (tables with GSIs, NodejsFunctions, a RestApi with routes) and the Lambda service whose
// handlers it deploys (DynamoDB document-client commands, process.env reads, middleware, tests).
import { json, packageJson, pascal } from './util.mjs';

const ACTIONS = [
  ['get', 'GET', '{id}', 'GetCommand'],
  ['list', 'GET', '', 'QueryCommand'],
  ['create', 'POST', '', 'PutCommand'],
  ['update', 'PUT', '{id}', 'UpdateCommand'],
  ['delete', 'DELETE', '{id}', 'DeleteCommand'],
];

export function entitiesOf(ctx) {
  return [0, 1, 2, 3, 4].map((i) => ctx.words[(ctx.index + i * 3) % ctx.words.length]);
}

export function infraFiles(ctx) {
  const service = ctx.previousName;
  const entities = entitiesOf({ ...ctx, index: ctx.index - 1 });
  const App = pascal(ctx.name);
  const tables = entities.map((e, i) => `    this.${e}Table = new dynamodb.Table(this, '${pascal(e)}Table', {
      partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: '${e}Id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecovery: true,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    });
    this.${e}Table.addGlobalSecondaryIndex({
      indexName: 'by${pascal(e)}UpdatedAt',
      partitionKey: { name: 'tenantId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'updatedAt', type: dynamodb.AttributeType.NUMBER },
      projectionType: dynamodb.ProjectionType.${i % 2 ? 'ALL' : 'KEYS_ONLY'},
    });`).join('\n\n');
  const functions = entities.flatMap((e) => ACTIONS.map(([action, method, param]) => {
    const id = `${pascal(e)}${pascal(action)}`;
    const resource = param ? `${e}Item` : `${e}Root`;
    return `    const ${e}${pascal(action)}Fn = new NodejsFunction(this, '${id}Function', {
      entry: path.join(__dirname, '../../../${service}/src/handlers/${e}/${action}.ts'),
      runtime: lambda.Runtime.NODEJS_20_X,
      memorySize: 512,
      timeout: cdk.Duration.seconds(10),
      environment: { TABLE_NAME: props.${e}Table.tableName, LOG_LEVEL: 'info' },
    });
    props.${e}Table.grantReadWriteData(${e}${pascal(action)}Fn);
    ${resource}.addMethod('${method}', new apigw.LambdaIntegration(${e}${pascal(action)}Fn));`;
  })).join('\n\n');
  const resources = entities.map((e) => `    const ${e}Root = v1.addResource('${e}');\n    const ${e}Item = ${e}Root.addResource('{id}');`).join('\n');
  return [
    ['package.json', packageJson(ctx, { scripts: { synth: 'cdk synth', deploy: 'cdk deploy --all', test: 'vitest run' }, dependencies: { 'aws-cdk-lib': '^2.160.0', constructs: '^10.3.0' }, devDependencies: { 'aws-cdk': '^2.160.0', esbuild: '^0.24.0' } })],
    ['cdk.json', json({ app: 'npx ts-node --prefer-ts-exts bin/app.ts', context: { [`${ctx.name}:stage`]: 'dev' } })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', include: ['bin', 'lib', 'test'] })],
    ['bin/app.ts', `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { ${App}ApiStack } from '../lib/api-stack';
import { ${App}DataStack } from '../lib/data-stack';

const app = new cdk.App();
const stage: string = app.node.tryGetContext('stage') ?? process.env.STAGE ?? 'dev';
const data = new ${App}DataStack(app, \`${App}Data-\${stage}\`, { stage });
new ${App}ApiStack(app, \`${App}Api-\${stage}\`, {
  stage,
${entities.map((e) => `  ${e}Table: data.${e}Table,`).join('\n')}
});
`],
    ['lib/data-stack.ts', `import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

export interface ${App}DataStackProps extends cdk.StackProps {
  stage: string;
}

export class ${App}DataStack extends cdk.Stack {
${entities.map((e) => `  public readonly ${e}Table: dynamodb.Table;`).join('\n')}

  constructor(scope: Construct, id: string, props: ${App}DataStackProps) {
    super(scope, id, props);

${tables}
  }
}
`],
    ['lib/api-stack.ts', `import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';

export interface ${App}ApiStackProps extends cdk.StackProps {
  stage: string;
${entities.map((e) => `  ${e}Table: dynamodb.ITable;`).join('\n')}
}

export class ${App}ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ${App}ApiStackProps) {
    super(scope, id, props);

    const api = new apigw.RestApi(this, '${App}RestApi', {
      restApiName: \`${ctx.name}-\${props.stage}\`,
      deployOptions: { stageName: props.stage, tracingEnabled: true },
    });
    const v1 = api.root.addResource('v1');
${resources}

${functions}
  }
}
`],
    ['test/api-stack.test.ts', `import * as cdk from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ${App}DataStack } from '../lib/data-stack';

describe('${App}DataStack', () => {
  it('creates ${entities.length} tables', () => {
    const app = new cdk.App();
    const template = Template.fromStack(new ${App}DataStack(app, 'Test', { stage: 'test' }));
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toHaveLength(${entities.length});
  });
});
`],
  ];
}

export function serviceFiles(ctx) {
  const entities = entitiesOf(ctx);
  const files = [
    ['package.json', packageJson(ctx, { scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' }, dependencies: { '@aws-sdk/client-dynamodb': '^3.650.0', '@aws-sdk/lib-dynamodb': '^3.650.0', zod: '^3.23.0' }, devDependencies: { '@types/aws-lambda': '^8.10.145' } })],
    ['tsconfig.json', json({ extends: '../../tsconfig.base.json', include: ['src', 'test'] })],
    ['.env.example', 'TABLE_NAME=\nLOG_LEVEL=debug\nSERVICE_API_KEY=\n'],
    ['src/lib/dynamo.ts', `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let client: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return client;
}
`],
    ['src/lib/logger.ts', `const level = process.env.LOG_LEVEL ?? 'info';\n\nexport const logger = {\n  info: (message: string, data?: unknown) => level !== 'error' && console.log(JSON.stringify({ level: 'info', message, data })),\n  error: (message: string, data?: unknown) => console.error(JSON.stringify({ level: 'error', message, data })),\n};\n`],
    ['src/lib/errors.ts', `export class HttpError extends Error {\n  constructor(readonly status: number, message: string) {\n    super(message);\n  }\n}\n\nexport class NotFoundError extends HttpError {\n  constructor(message: string) {\n    super(404, message);\n  }\n}\n`],
    ['src/lib/handler.ts', `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { HttpError } from './errors';
import { logger } from './logger';

export function withHandler(fn: (event: APIGatewayProxyEvent) => Promise<unknown>) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    try {
      return { statusCode: 200, body: JSON.stringify(await fn(event)) };
    } catch (error) {
      if (error instanceof HttpError) return { statusCode: error.status, body: JSON.stringify({ message: error.message }) };
      logger.error('unhandled', { error: String(error) });
      return { statusCode: 500, body: JSON.stringify({ message: 'Internal error' }) };
    }
  };
}
`],
  ];
  for (const e of entities) {
    const E = pascal(e);
    files.push([`src/repositories/${e}-repository.ts`, `import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../lib/dynamo';

const TABLE_NAME = process.env.TABLE_NAME ?? '${e}-dev';

export interface ${E}Record {
  tenantId: string;
  ${e}Id: string;
  name: string;
  updatedAt: number;
}

export const ${e}Repository = {
  async get(tenantId: string, id: string) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: TABLE_NAME, Key: { tenantId, ${e}Id: id } }));
    return Item as ${E}Record | undefined;
  },
  async list(tenantId: string) {
    const { Items } = await documentClient().send(new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: 'by${E}UpdatedAt',
      KeyConditionExpression: 'tenantId = :t',
      ExpressionAttributeValues: { ':t': tenantId },
    }));
    return (Items ?? []) as ${E}Record[];
  },
  async put(record: ${E}Record) {
    await documentClient().send(new PutCommand({ TableName: TABLE_NAME, Item: record }));
  },
  async rename(tenantId: string, id: string, name: string) {
    await documentClient().send(new UpdateCommand({
      TableName: TABLE_NAME,
      Key: { tenantId, ${e}Id: id },
      UpdateExpression: 'SET #n = :n, updatedAt = :u',
      ExpressionAttributeNames: { '#n': 'name' },
      ExpressionAttributeValues: { ':n': name, ':u': Date.now() },
    }));
  },
  async remove(tenantId: string, id: string) {
    await documentClient().send(new DeleteCommand({ TableName: TABLE_NAME, Key: { tenantId, ${e}Id: id } }));
  },
};
`]);
    for (const [action, method, param] of ACTIONS) {
      const call = { get: 'get(tenant, id)', list: 'list(tenant)', create: 'put({ tenantId: tenant, ' + e + "Id: crypto.randomUUID(), name: body.name, updatedAt: Date.now() })", update: 'rename(tenant, id, body.name)', delete: 'remove(tenant, id)' }[action];
      files.push([`src/handlers/${e}/${action}.ts`, `import { withHandler } from '../../lib/handler';
import { NotFoundError } from '../../lib/errors';
import { ${e}Repository } from '../../repositories/${e}-repository';

const MAX_ITEMS = Number(process.env.${e.toUpperCase()}_MAX_ITEMS ?? '100');

/** ${method} /v1/${e}${param ? `/${param}` : ''} */
export const handler = withHandler(async (event) => {
  const tenant = event.requestContext.authorizer?.tenantId as string;
  const id = event.pathParameters?.id ?? '';
  const body = JSON.parse(event.body ?? '{}') as { name: string };
  const result = await ${e}Repository.${call};
  if (${action === 'get' ? '!result' : 'false'}) throw new NotFoundError(\`${E} \${id} not found\`);
  return Array.isArray(result) ? result.slice(0, MAX_ITEMS) : (result ?? { ok: true, id, body });
});
`]);
    }
    files.push([`test/handlers/${e}.test.ts`, `import { describe, expect, it, vi } from 'vitest';\n\nvi.mock('../../src/repositories/${e}-repository', () => ({ ${e}Repository: { get: vi.fn(async () => undefined) } }));\n\ndescribe('${e} handlers', () => {\n  it('answers 404 for a missing ${e}', async () => {\n    const { handler } = await import('../../src/handlers/${e}/get');\n    const res = await handler({ pathParameters: { id: 'x' }, requestContext: {} } as never);\n    expect(res.statusCode).toBe(404);\n  });\n});\n`]);
  }
  return files;
}
