/**
 * AWS SAM facts a hand check of a real repository (a tasks web app) found wrong: routes guarded per event by
 * `Auth: Authorizer:` were called "none with an authorizer"; a `CodeUri` naming a subfolder of the SAM project made
 * the project's tooling package "function code"; a folder of `sam local invoke` sample payloads was "event handlers".
 */
import { describe, expect, it } from 'vitest';
import { overviewStep } from '../src/steps/01-overview.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const template = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Transform: AWS::Serverless-2016-10-31',
  'Globals:',
  '  Function:',
  '    Runtime: nodejs20.x',
  'Resources:',
  '  TasksApi:',
  '    Type: AWS::Serverless::Api',
  '    Properties:',
  '      Auth:',
  '        Authorizers:',
  '          TokenAuth:',
  '            FunctionArn: !GetAtt AuthFunction.Arn',
  '      StageName: v1',
  '  AuthFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/auth',
  '      Handler: app.handler',
  '  GetTasksFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/handlers/getTasks',
  '      Handler: app.handler',
  '      Events:',
  '        GetTasksApi:',
  '          Type: Api',
  '          Properties:',
  '            RestApiId: !Ref TasksApi',
  '            Path: /tasks',
  '            Method: GET',
  '            Auth:',
  '              Authorizer: TokenAuth',
  '  GetTokenFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/handlers/getToken',
  '      Handler: app.handler',
  '      Events:',
  '        GetTokenApi:',
  '          Type: Api',
  '          Properties:',
  '            RestApiId: !Ref TasksApi',
  '            Path: /token',
  '            Method: POST',
  '',
].join('\n');

export function samRepo(): string {
  return tempRepo({
    'sam/template.yaml': template,
    'sam/package.json': JSON.stringify({ name: 'sam', devDependencies: { eslint: '^8.0.0', jest: '^29.0.0' } }, null, 2),
    'sam/src/auth/app.mjs': 'export const handler = async (event) => ({ principalId: "user" });\n',
    'sam/src/auth/package.json': JSON.stringify({ name: 'auth', dependencies: { njwt: '^2.0.0' } }, null, 2),
    'sam/src/handlers/getTasks/app.mjs': 'export const handler = async () => ({ statusCode: 200 });\n',
    'sam/src/handlers/getTasks/package.json': JSON.stringify({ name: 'get-tasks' }, null, 2),
    'sam/src/handlers/getToken/app.mjs': 'export const handler = async () => ({ statusCode: 200 });\n',
    'sam/src/handlers/getToken/package.json': JSON.stringify({ name: 'get-token' }, null, 2),
    'sam/events/auth.json': '{ "type": "TOKEN", "authorizationToken": "x" }\n',
    'sam/events/event-get-token.json': '{ "httpMethod": "POST" }\n',
  });
}

describe('SAM routes guarded per event', () => {
  it('step 10 counts the route with `Auth: Authorizer:` and names the authorizer; the open route stays open', async () => {
    const root = samRepo();
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).not.toContain('none with an authorizer');
    expect(md).toContain('2 routes (step 3 lists them), 1 with an authorizer.');
    expect(md).toContain('- `GET /tasks` — Lambda authorizer `TokenAuth` (`/sam/template.yaml:26`)');
    expect(md).not.toContain('`POST /token` —');
    const step3 = (await section(backendApiStep, root)).markdown;
    expect(step3).toContain('Lambda authorizer `TokenAuth`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('reads the API default authorizer, and `Authorizer: NONE` opens a route', async () => {
    const withDefault = template
      .replace('        Authorizers:', '        DefaultAuthorizer: TokenAuth\n        Authorizers:')
      .replace('            Method: POST', '            Method: POST\n            Auth:\n              Authorizer: NONE')
      .replace('            Auth:\n              Authorizer: TokenAuth\n', '');
    const root = tempRepo({ 'template.yaml': withDefault, 'src/auth/app.mjs': 'export const handler = 1;\n' });
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).toContain('1 with an authorizer.');
    expect(md).toContain('- `GET /tasks` — Lambda authorizer `TokenAuth`');
  });
});

describe('a CodeUri naming a subfolder of a package', () => {
  it('deploys that subfolder, not the package holding it (the SAM project tooling package)', async () => {
    const root = samRepo();
    const step1 = (await section(overviewStep, root)).markdown;
    expect(step1).toContain('`/sam/src/auth/package.json` (`CodeUri` at `/sam/template.yaml:18`, which deploys it as function code)');
    expect(step1).not.toContain('`/sam/package.json` (`CodeUri`');
    const step2 = (await section(directoryStructureStep, root)).markdown;
    expect(step2).not.toMatch(/\| `sam` \| `\/sam` \|[^\n]*function code/);
    expect(step2).toContain('| `auth` | `/sam/src/auth` | product | AWS Lambda function code (inferred from `CodeUri` at `/sam/template.yaml:18`');
  });
});

describe('an events/ folder of JSON payloads beside a SAM template', () => {
  it('is sample events for `sam local invoke`, not event handlers; with code files it stays event handlers', async () => {
    const step2 = (await section(directoryStructureStep, samRepo())).markdown;
    expect(step2).not.toContain('event handlers');
    expect(step2).toContain('| `/sam/events/` | 2 | sample events (sam local invoke) — auth.json, event-get-token.json |');
    const withCode = tempRepo({
      'svc/package.json': JSON.stringify({ name: 'svc' }),
      'svc/src/index.ts': 'export {};\n',
      'svc/events/onOrder.ts': 'export const onOrder = () => 1;\n',
    });
    expect((await section(directoryStructureStep, withCode)).markdown).toContain('event handlers');
  });
});
