import { describe, expect, it } from 'vitest';
import { otherInfraDetector, type InfraFunctionData, type InfraProjectData } from '../src/detectors/other-infra/index.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const pkg = JSON.stringify({ name: 'svc', private: true, devDependencies: { serverless: '^3.0.0', '@types/aws-lambda': '^8.0.0' } });
const data = <T>(facts: readonly { kind: string; data: unknown }[], kind: string) => facts.filter((f) => f.kind === kind).map((f) => f.data as T);

/** `functions: ${file(...)}` pointing at code that builds the list (never run), plus API Gateway and Cognito resources. */
function codeIncludeRepo(): string {
  return tempRepo({
    'package.json': pkg,
    'serverless.yml': [
      'service: jobs',
      'provider:',
      '  name: aws',
      '  runtime: nodejs18.x',
      'functions: ${file(resources/lambdas/loader.js)}',
      'resources:',
      '  - ${file(resources/api.yml)}',
      '  - ${file(resources/cognito.yml)}',
    ].join('\n'),
    'resources/lambdas/loader.js': "module.exports = () => require('fs').readdirSync(__dirname).reduce((a) => a, {});\n",
    'resources/lambdas/hello.yml': 'hello:\n  handler: src/hello.handler\n',
    'resources/api.yml': [
      'Resources:',
      '  ApiGatewayRestApi:',
      '    Type: AWS::ApiGateway::RestApi',
      '    Properties:',
      '      Name: jobs',
      '  ApiGatewayResourceHello:',
      '    Type: AWS::ApiGateway::Resource',
      '    Properties:',
      '      PathPart: hello',
    ].join('\n'),
    'resources/cognito.yml': [
      'Resources:',
      '  UserPool:',
      '    Type: AWS::Cognito::UserPool',
      '    Properties:',
      '      UserPoolName: jobs-users',
      '  WebClient:',
      '    Type: AWS::Cognito::UserPoolClient',
      '    Properties:',
      '      UserPoolId: { Ref: UserPool }',
    ].join('\n'),
    'src/hello.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
  });
}

describe('Serverless Framework ${file(...)} includes', () => {
  it('records a code include of functions as not read, never as "no functions"', async () => {
    const root = codeIncludeRepo();
    const facts = await detect(otherInfraDetector, root);
    expect(data<InfraProjectData>(facts, 'infra.project')[0]!.unread).toEqual([
      { key: 'functions', file: 'resources/lambdas/loader.js', from: 'serverless.yml', line: 5, exists: true },
    ]);
    const index = await indexOf(root);
    const infra = (await section(infrastructureStep, root)).markdown;
    expect(infra).toContain('`functions` come from `/resources/lambdas/loader.js` (included at `/serverless.yml:5`), code that builds them when the tool runs: not read here');
    const api = (await section(backendApiStep, root)).markdown;
    expect(api).toContain('Serverless Framework — functions defined in `/resources/lambdas/loader.js` (included at `/serverless.yml:5`), not read');
    expect(api).not.toMatch(/No API routes were mapped|no backend API/);
    expect(api).toContain('Not listed below: functions defined in `/resources/lambdas/loader.js` (included at `/serverless.yml:5`), not read.');
    expect(missingCitations(infra + api, index)).toEqual([]);
  });

  it('reads a functions file that exports a plain object literal, and a JSON include', async () => {
    const root = tempRepo({
      'package.json': pkg,
      'serverless.yml': 'service: s\nprovider:\n  name: aws\nfunctions:\n  - ${file(./functions.js)}\n  - ${file(./more.json)}\n',
      'functions.js': "module.exports = {\n  hello: { handler: 'src/hello.handler', events: [{ http: { method: 'get', path: 'hello' } }] },\n};\n",
      'more.json': '{ "bye": { "handler": "src/hello.handler" } }',
      'src/hello.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
    });
    const facts = await detect(otherInfraDetector, root);
    expect(data<InfraFunctionData>(facts, 'infra.function').map((f) => `${f.name} ${f.handlerFile} ${f.file}:${f.line}`)).toEqual([
      'hello src/hello.ts functions.js:2',
      'bye src/hello.ts more.json:1',
    ]);
    expect(data<InfraProjectData>(facts, 'infra.project')[0]!.unread).toBeUndefined();
  });
});

describe('step 10 — AWS services declared outside CDK', () => {
  it('shows API Gateway and Cognito resources of serverless.yml at their YAML lines', async () => {
    const root = codeIncludeRepo();
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).not.toContain('no Cognito, CloudFront or API Gateway configuration');
    expect(md).toContain('| Cognito | `AWS::Cognito::UserPool` | `UserPool` | `/resources/cognito.yml:2` |');
    expect(md).toContain('| Cognito | `AWS::Cognito::UserPoolClient` | `WebClient` | `/resources/cognito.yml:6` |');
    expect(md).toContain('| API Gateway | `AWS::ApiGateway::RestApi` | `ApiGatewayRestApi` | `/resources/api.yml:2` |');
    expect(md).toContain('Functions defined in `/resources/lambdas/loader.js` (included at `/serverless.yml:5`) were not read');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('shows a SAM template\'s user pool and API', async () => {
    const root = tempRepo({
      'template.yaml': [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  Pool:',
        '    Type: AWS::Cognito::UserPool',
        '  Api:',
        '    Type: AWS::Serverless::Api',
        '    Properties:',
        '      StageName: prod',
      ].join('\n'),
    });
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).toContain('| Cognito | `AWS::Cognito::UserPool` | `Pool` | `/template.yaml:4` |');
    expect(md).toContain('| API Gateway | `AWS::Serverless::Api` | `Api` | `/template.yaml:6` |');
  });
});
