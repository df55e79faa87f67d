import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const STACK = (name: string) => `import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export class ${name} extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'BankRecipient', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'app.handler',
      code: lambda.Code.fromAsset('bank'),
      environment: { BANK_ID: 'pawnshop' },
    });
  }
}
`;

describe('CDK sets in step 8', () => {
  it("counts two stacks' Lambdas that share a construct id as two Lambdas", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'broker', dependencies: { 'aws-cdk-lib': '^2.100.0', constructs: '^10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': "import { App } from 'aws-cdk-lib';\nimport { PubSubStack } from '../lib/pubsub';\nimport { ListStack } from '../lib/list';\n\nconst app = new App();\nnew PubSubStack(app, 'PubSub');\nnew ListStack(app, 'List');\n",
      'lib/pubsub.ts': STACK('PubSubStack'),
      'lib/list.ts': STACK('ListStack'),
      'bank/app.js': 'exports.handler = async () => ({ bank: process.env.BANK_ID });\n',
    });
    const { markdown } = await section(configurationStep, root);
    expect(markdown).toMatch(/`BANK_ID`[^\n]*CDK env of 2 Lambdas/);
  });
});
