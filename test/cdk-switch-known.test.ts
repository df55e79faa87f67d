/**
 * A helper that grants by a `switch` on its argument (`grantAccess(fn, table, 'read')` → `case 'read':
 * table.grantReadData(fn)`): called with a known value, only that case runs, so a function granted read access is not
 * also listed with write and read/write access (round 24: cdk-serverless-agentic-api's grantDynamoDBAccess).
 */
import { describe, expect, it } from 'vitest';
import { cdkDetector, type CdkLambdaFact } from '../src/detectors/cdk/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const stack = [
  "import * as cdk from 'aws-cdk-lib';",
  "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import { Construct } from 'constructs';",
  'export class AppStack extends cdk.Stack {',
  '  constructor(scope: Construct, id: string) {',
  '    super(scope, id);',
  "    const table = new dynamodb.Table(this, 'Items', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });",
  "    const reader = new lambda.Function(this, 'Reader', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/reader') });",
  "    const writer = new lambda.Function(this, 'Writer', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/writer') });",
  "    const both = new lambda.Function(this, 'Both', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/both') });",
  "    this.grantAccess(reader, table, 'read');",
  "    this.grantAccess(writer, table, 'write');",
  '    this.grantAccess(both, table, unknownKind());',
  '  }',
  "  grantAccess(fn: lambda.Function, table: dynamodb.Table, kind: 'read' | 'write' | 'readwrite') {",
  '    switch (kind) {',
  "      case 'read':",
  '        table.grantReadData(fn);',
  '        break;',
  "      case 'write': {",
  '        table.grantWriteData(fn);',
  '        break;',
  '      }',
  '      default:',
  '        table.grantReadWriteData(fn);',
  '    }',
  '  }',
  '}',
  'declare function unknownKind(): any;',
].join('\n');

describe('a switch on a known value in CDK code', () => {
  it('runs only the matching case; an unknown value still reads every case', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nconst app = new cdk.App();\nnew AppStack(app, 'App');\n",
      'lib/stack.ts': stack,
      'lambda/reader/index.js': 'exports.handler = async () => ({});\n',
      'lambda/writer/index.js': 'exports.handler = async () => ({});\n',
      'lambda/both/index.js': 'exports.handler = async () => ({});\n',
    });
    const facts = await detect(cdkDetector, root);
    const grantsOf = (name: string) => {
      const fn = facts.find((f) => f.kind === 'cdk.lambda' && (f.data as CdkLambdaFact['data']).constructId === name);
      return [...((fn?.data as CdkLambdaFact['data'] | undefined)?.grants ?? [])].map((g) => g.method).sort();
    };
    expect(grantsOf('Reader')).toEqual(['grantReadData']);
    expect(grantsOf('Writer')).toEqual(['grantWriteData']);
    expect(grantsOf('Both')).toEqual(['grantReadData', 'grantReadWriteData', 'grantWriteData']);
  });
});
