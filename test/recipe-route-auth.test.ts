/**
 * Step 9's endpoint recipe counts route auth the way step 3's Authorizer column shows it: an API key required on a
 * method (`apiKeyRequired: true`) or IAM authorization is not "none" (hand-check round 18: step 9 said "none on 7
 * routes" where step 3 said "API key" on all seven).
 */
import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('endpoint recipe auth', () => {
  it('says "API key" and IAM where step 3 does', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'shop', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': [
        "import { App, Stack } from 'aws-cdk-lib';",
        "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        'class ShopStack extends Stack {',
        '  constructor(scope: App, id: string) {',
        '    super(scope, id);',
        "    const fn = new lambda.Function(this, 'Products', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'products.handler', code: lambda.Code.fromAsset('src') });",
        "    const api = new apigateway.RestApi(this, 'Api', {});",
        "    const products = api.root.addResource('products');",
        "    products.addMethod('GET', new apigateway.LambdaIntegration(fn), { apiKeyRequired: true });",
        "    products.addMethod('POST', new apigateway.LambdaIntegration(fn), { apiKeyRequired: true });",
        "    products.addMethod('DELETE', new apigateway.LambdaIntegration(fn), { authorizationType: apigateway.AuthorizationType.IAM });",
        '  }',
        '}',
        'const app = new App();',
        "new ShopStack(app, 'Shop');",
      ].join('\n'),
      'src/products.ts': 'export const handler = async () => ({ statusCode: 200, body: "[]" });\n',
    });
    const step3 = (await section(backendApiStep, root)).markdown;
    expect(step3).toContain('API key');
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toMatch(/across this API: API key on 2 routes, `IAM` on 1 route\./);
    expect(md).not.toContain('none on');
  });
});
