/**
 * CloudFormation facts a hand check of a real repository found wrong: Lambdas deployed from S3 zips said "not found
 * in the repository" although their source is there under the zip's name; variables read by inline `ZipFile` code
 * were called unread; a CodeBuild project or CodePipeline declared in a template is CI configuration.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { tempRepo } from './helpers/temp-repo.js';
import { indexOf, section } from './helpers/fixture.js';

const template = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Mappings:',
  '  Constants:',
  '    S3Keys:',
  '      ListBooksCode: functions/ListBooks.zip',
  '      OtherCode: functions/Other.zip',
  'Resources:',
  '  FunctionListBooks:',
  "    Type: 'AWS::Lambda::Function'",
  '    Properties:',
  '      Handler: index.handler',
  '      Runtime: nodejs16.x',
  '      Code:',
  '        S3Bucket: !FindInMap [S3Buckets, !Ref "AWS::Region", Bucket]',
  '        S3Key: !FindInMap',
  '          - Constants',
  '          - S3Keys',
  '          - ListBooksCode',
  '  FunctionOther:',
  "    Type: 'AWS::Lambda::Function'",
  '    Properties:',
  '      Handler: index.handler',
  '      Code:',
  '        S3Bucket: my-bucket',
  '        S3Key: !FindInMap [Constants, S3Keys, OtherCode]',
  '  Api:',
  '    Type: AWS::ApiGateway::RestApi',
  '    Properties:',
  '      Name: books',
  '  BooksResource:',
  '    Type: AWS::ApiGateway::Resource',
  '    Properties:',
  '      RestApiId: !Ref Api',
  '      ParentId: !GetAtt Api.RootResourceId',
  '      PathPart: books',
  '  BooksGet:',
  '    Type: AWS::ApiGateway::Method',
  '    Properties:',
  '      RestApiId: !Ref Api',
  '      ResourceId: !Ref BooksResource',
  '      HttpMethod: GET',
  '      Integration:',
  '        Type: AWS_PROXY',
  '        IntegrationHttpMethod: POST',
  '        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionListBooks.Arn}/invocations"',
  '',
].join('\n');

describe('Lambda code deployed from S3', () => {
  it('says where the zip comes from and the one source file named like it, never "not found"', async () => {
    const root = tempRepo({
      'template/master.yaml': template,
      'functions/APIs/listBooks.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
      'functions/a/other.js': 'exports.handler = async () => 1;\n',
      'functions/b/other.py': 'def handler(e, c): return 1\n',
    });
    const md = (await section(backendApiStep, root)).markdown;
    expect(md).not.toContain('not found in the repository');
    expect(md).toContain('| `GET /books` | `FunctionListBooks` | deployed from S3 (`functions/ListBooks.zip`); source likely `/functions/APIs/listBooks.js` |');
    // Two files named like the zip: no guess.
    expect(md).toContain('deployed from S3 (`functions/Other.zip`) |');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});

describe('Lambda code written inline in a template', () => {
  const inline = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  UserLambda:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      Code:',
    '        ZipFile: |',
    '          import os',
    "          userpoolid = os.environ['cognitouserpoolid']",
    '          def lambda_handler(event, context):',
    "            return os.environ.get('region', 'us-east-1')",
    '      Handler: index.lambda_handler',
    '      Runtime: python3.12',
    '      Environment:',
    '        Variables:',
    '          cognitouserpoolid: !Ref UserPool',
    '          region: !Ref AWS::Region',
    '  NodeLambda:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    '      Code:',
    '        ZipFile: !Sub |',
    '          exports.handler = async () => process.env.BUCKET_NAME;',
    '      Handler: index.handler',
    '      Runtime: nodejs20.x',
    '      Environment:',
    '        Variables:',
    '          BUCKET_NAME: !Ref Bucket',
    '',
  ].join('\n');

  it('reads its variables at the template line, so step 8 does not call them unread', async () => {
    const root = tempRepo({ 'template/users.yaml': inline });
    const env = (await RepoModel.of(new Analysis(await indexOf(root)))).env();
    const read = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines[0], r.hasFallback, r.required ?? null]);
    expect(read('cognitouserpoolid')).toEqual([['template/users.yaml', 9, false, 'guard']]);
    expect(read('region')).toEqual([['template/users.yaml', 11, true, null]]);
    expect(read('BUCKET_NAME')).toEqual([['template/users.yaml', 23, false, null]]);
    const step8 = (await section(configurationStep, root)).markdown;
    expect(step8).not.toMatch(/not read by the code/);
    const step3 = (await section(backendApiStep, root)).markdown;
    expect(step3).toContain('index.lambda_handler` → inline in the template (`/template/users.yaml:7`)');
  });
});

describe('CI declared as CloudFormation resources', () => {
  it('step 9 shows the CodeBuild project and pipeline instead of "No CI configuration found"', async () => {
    const root = tempRepo({
      'template/master.yaml': [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  CodeBuildProject:',
        "    Type: 'AWS::CodeBuild::Project'",
        '    Properties:',
        '      Source:',
        '        Type: CODEPIPELINE',
        '        BuildSpec: |',
        '          version: 0.2',
        '          phases:',
        '            build:',
        '              commands:',
        '                - npm run build',
        '  AssetsCodePipeline:',
        "    Type: 'AWS::CodePipeline::Pipeline'",
        '    Properties:',
        '      Stages:',
        '        - Name: Source',
        '        - Name: Build',
        '',
      ].join('\n'),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No CI configuration found');
    expect(md).toContain('- `CodeBuildProject` `AWS::CodeBuild::Project` (inline buildspec) — `/template/master.yaml:3`');
    expect(md).toContain('- `AssetsCodePipeline` `AWS::CodePipeline::Pipeline` (stages: Source → Build) — `/template/master.yaml:14`');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
    expect((await RepoModel.of(new Analysis(await indexOf(root)))).evidence('ci').map((e) => e.at)).toEqual([
      { file: 'template/master.yaml', line: 3 },
      { file: 'template/master.yaml', line: 14 },
    ]);
  });
});
