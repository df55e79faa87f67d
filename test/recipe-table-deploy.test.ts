import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const cdkPackage = (name: string) => JSON.stringify({ name, scripts: { deploy: 'cdk deploy --all' }, dependencies: { 'aws-cdk-lib': '2.150.0' } });
const stack = (cls: string, body: string) => [
  "import * as cdk from 'aws-cdk-lib';",
  "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
  `export class ${cls} extends cdk.Stack {`,
  '  constructor(scope: any, id: string) {',
  '    super(scope, id);',
  body,
  '  }',
  '}',
].join('\n');
const app = (cls: string) => `import * as cdk from 'aws-cdk-lib';\nimport { ${cls} } from '../lib/stack';\nnew ${cls}(new cdk.App(), '${cls}');\n`;

describe('"Add a DynamoDB table" deploys the package that owns the table', () => {
  it('uses the deploy script of the table stack\'s package, not the first package with one', async () => {
    const repo = tempRepo({
      'package.json': JSON.stringify({ name: 'examples', private: true, workspaces: ['packages/*'] }),
      'packages/api-stub/package.json': cdkPackage('api-stub'),
      'packages/api-stub/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'packages/api-stub/bin/app.ts': app('StubStack'),
      'packages/api-stub/lib/stack.ts': stack('StubStack', "    new cdk.aws_s3.Bucket(this, 'B');"),
      'packages/sns-basic/package.json': cdkPackage('sns-basic'),
      'packages/sns-basic/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'packages/sns-basic/bin/app.ts': app('SnsStack'),
      'packages/sns-basic/lib/stack.ts': stack('SnsStack', "    new dynamodb.Table(this, 'PayloadTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });"),
    });
    const md = (await section(workflowsStep, repo)).markdown;
    const create = md.split('\n').find((l) => l.includes('deploying the stack creates the table'));
    expect(create).toContain('`npm run deploy -w sns-basic`');
  });
});
