/** Facts a hand check of a multi-app CDK repository (four apps in one folder) found wrong, on tiny temp repos. */
import { describe, expect, it } from 'vitest';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const cdkPackage = JSON.stringify({ name: 'infra', version: '1.0.0', dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.0.0' } });

describe('cdk.json context is shared by every app run from its folder', () => {
  it('draws one table for the folder, naming its apps, and says cdk.json for keys set there', async () => {
    const root = tempRepo({
      'cdk/package.json': cdkPackage,
      'cdk/cdk.json': JSON.stringify({ app: 'npx ts-node bin/main.ts', context: { allowedCountries: [], '@aws-cdk/core:flag': true } }),
      'cdk/lib/params.ts': "import { App } from 'aws-cdk-lib';\nexport const countries = (app: App) => app.node.tryGetContext('allowedCountries');\n",
      'cdk/lib/stack.ts': "import { Stack } from 'aws-cdk-lib';\nexport class MainStack extends Stack {}\n",
      'cdk/bin/main.ts': "import { App } from 'aws-cdk-lib';\nimport { MainStack } from '../lib/stack';\nimport { countries } from '../lib/params';\nconst app = new App();\ncountries(app);\nnew MainStack(app, 'Main');\n",
      'cdk/bin/other.ts': "import { App } from 'aws-cdk-lib';\nimport { MainStack } from '../lib/stack';\nconst app = new App();\nnew MainStack(app, 'Other');\n",
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md.match(/Context values/g)).toHaveLength(1);
    expect(md).toContain('Context values (`cdk.json` `context`, or `cdk deploy -c key=value`) — apps `/cdk/bin/main.ts`, `/cdk/bin/other.ts`:');
    expect(md).toContain('| `allowedCountries` | cdk.json |');
    expect(md).not.toContain('-c allowedCountries');
  });
});

/** A stack that hands a construct its API (an HttpApi with Lambda routes) and a Cognito app client built by an IIFE. */
function apiRepo(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'chat', version: '1.0.0', workspaces: ['cdk', 'backend'] }),
    'cdk/package.json': cdkPackage,
    'cdk/cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
    'cdk/bin/app.ts': "import { App } from 'aws-cdk-lib';\nimport { ChatStack } from '../lib/chat-stack';\nconst app = new App();\nnew ChatStack(app, 'Chat');\n",
    'cdk/lib/chat-stack.ts': [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      "import type { Construct } from 'constructs';",
      "import { Api } from './constructs/api';",
      "import { Auth } from './constructs/auth';",
      '',
      'export class ChatStack extends Stack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    const table = new dynamodb.Table(this, 'Items', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });",
      "    const bucket = new s3.Bucket(this, 'Documents');",
      "    const api = new Api(this, 'Api', { table });",
      '    bucket.grantReadWrite(api.handler);',
      "    new Auth(this, 'Auth', {});",
      '  }',
      '}',
      '',
    ].join('\n'),
    'cdk/lib/constructs/api.ts': [
      "import { Construct } from 'constructs';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      "import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';",
      "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
      '',
      'export class Api extends Construct {',
      '  readonly handler: lambda.Function;',
      '  constructor(scope: Construct, id: string, props: { table: dynamodb.Table }) {',
      '    super(scope, id);',
      "    const handler = new lambda.Function(this, 'Handler', {",
      '      runtime: lambda.Runtime.NODEJS_20_X,',
      "      handler: 'handler.main',",
      "      code: lambda.Code.fromAsset('../backend/src'),",
      '      environment: {',
      '        TABLE_NAME: props.table.tableName,',
      '      },',
      '    });',
      '    this.handler = handler;',
      "    const api = new HttpApi(this, 'Default');",
      "    const integration = new HttpLambdaIntegration('Integration', handler);",
      "    api.addRoutes({ path: '/items', methods: [HttpMethod.GET], integration });",
      "    api.addRoutes({ path: '/items', methods: [HttpMethod.POST], integration });",
      "    api.addRoutes({ path: '/items/{id}', methods: [HttpMethod.DELETE], integration });",
      '  }',
      '}',
      '',
    ].join('\n'),
    'cdk/lib/constructs/auth.ts': [
      "import { Construct } from 'constructs';",
      "import * as cognito from 'aws-cdk-lib/aws-cognito';",
      "import { clientPropsFrom } from '@acme/auth-config';",
      '',
      'export class Auth extends Construct {',
      '  constructor(scope: Construct, id: string, props: { origin?: string }) {',
      '    super(scope, id);',
      "    const pool = new cognito.UserPool(this, 'Pool', { signInAliases: { email: true } });",
      '    const clientProps = (() => {',
      '      const defaultProps = { authFlows: { userPassword: true, userSrp: true } };',
      // A condition not known statically: both returns are read.
      "      if (!this.node.tryGetContext('oauth')) return defaultProps;",
      '      return { ...defaultProps, oAuth: { callbackUrls: [props.origin!] } };',
      '    })();',
      "    pool.addClient('Client', clientProps);",
      "    pool.addClient('Other', clientPropsFrom(this));",
      '  }',
      '}',
      '',
    ].join('\n'),
    'backend/package.json': JSON.stringify({ name: 'backend', version: '1.0.0' }),
    'backend/src/handler.ts': 'export const main = async () => ({ statusCode: 200, body: process.env.TABLE_NAME });\n',
  });
}

describe('an HttpApi app with its routes in a construct', () => {
  it('step 9: a `:line` short form follows a citation of the same file only', async () => {
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const md = (await section(workflowsStep, apiRepo())).markdown;
    const access = md.split('\n').find((l) => l.includes('**Access:** the stack gives'));
    expect(access).toBeDefined();
    // The grant is in the stack, the variable in the construct: after the stack's citation the variable's file is named.
    expect(access).toContain('`/cdk/lib/chat-stack.ts:14`');
    expect(access).toContain('`TABLE_NAME` at `/cdk/lib/constructs/api.ts:16`');
  });

  it('step 10: an HttpApi\'s own stage is `$default`, not a RestApi\'s `prod`', async () => {
    const { integrationsStep } = await import('../src/steps/10-integrations.js');
    const md = (await section(integrationsStep, apiRepo())).markdown;
    expect(md).toContain('- **Stages:** default (`$default`)');
    expect(md).not.toContain('`prod`');
  });

  it('step 10: app client props built by an immediately-invoked function with two returns keep their auth flows', async () => {
    const { integrationsStep } = await import('../src/steps/10-integrations.js');
    const md = (await section(integrationsStep, apiRepo())).markdown;
    const row = md.split('\n').find((l) => l.startsWith('| `Client` |'));
    expect(row).toMatch(/\| `Client` \| [^|]+ \| userPassword, userSrp \|/);
    // Props from a package function: not read, rather than "—", which reads as none set.
    expect(md).toMatch(/\| `Other` \| [^|]+ \| not read statically \| not read statically \|/);
  });
});
