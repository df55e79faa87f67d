/** An authorizer is shown by its literal name prop, not by a construct id that is an expression from the stack. */
import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('authorizer names', () => {
  it('prefers CfnAuthorizer `name` / `authorizerName` over the construct id', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': [
        "import { App, Stack } from 'aws-cdk-lib';",
        "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
        "import * as cognito from 'aws-cdk-lib/aws-cognito';",
        'class BackendStack extends Stack {',
        '  constructor(scope: App, id: string) {',
        '    super(scope, id);',
        "    const pool = new cognito.UserPool(this, 'Pool', {});",
        "    const api = new apigateway.RestApi(this, 'Api', {});",
        '    new apigateway.CfnAuthorizer(this, id, {',
        '      name: "CognitoAuthorizer",',
        '      type: "COGNITO_USER_POOLS",',
        '      restApiId: api.restApiId,',
        '      providerArns: [pool.userPoolArn],',
        '    });',
        '  }',
        '}',
        'const app = new App();',
        'new BackendStack(app, process.env.STACK_NAME!);',
      ].join('\n'),
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).toContain('`CognitoAuthorizer` (Cognito user pool)');
    expect(md).not.toMatch(/`process\.env\.STACK_NAME!?` \(Cognito/);
  });
});
