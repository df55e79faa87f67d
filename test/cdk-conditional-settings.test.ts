import { describe, expect, it } from 'vitest';
import { cdkDetector, type CdkTableFact } from '../src/detectors/cdk/index.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** A table whose removal policy depends on a prop: both branches are the setting, never the last one alone. */
function conditionalTable(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'app', devDependencies: { 'aws-cdk-lib': '2.150.0' } }),
    'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
    'bin/app.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import { TableStack } from '../lib/table-stack';",
      'const app = new cdk.App();',
      "new TableStack(app, 'T', { isAutoDeleteObject: app.node.tryGetContext('env') !== 'prod' });",
    ].join('\n'),
    'lib/table-stack.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      'export class TableStack extends cdk.Stack {',
      '  constructor(scope: any, id: string, props: { isAutoDeleteObject: boolean }) {',
      '    super(scope, id);',
      '    const removalPolicy = props.isAutoDeleteObject ? cdk.RemovalPolicy.DESTROY : cdk.RemovalPolicy.RETAIN;',
      "    new dynamodb.Table(this, 'PayloadTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, removalPolicy });",
      "    new dynamodb.Table(this, 'Other', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, removalPolicy: cdk.RemovalPolicy.RETAIN });",
      '  }',
      '}',
    ].join('\n'),
  });
}

describe('CDK settings written as a conditional', () => {
  it('shows both branches of a ternary removal policy', async () => {
    const tables = (await detect(cdkDetector, conditionalTable())).filter((f): f is CdkTableFact => f.kind === 'cdk.table');
    const policy = (id: string) => tables.find((t) => t.data.constructId === id || t.id.includes(id))?.data.removalPolicy;
    expect(policy('PayloadTable')).toBe('DESTROY or RETAIN (conditional)');
    expect(policy('Other')).toBe('RETAIN');
  });
});
