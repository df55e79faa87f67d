/**
 * CloudFormation facts a hand check of a real repository found wrong: Lambdas deployed from S3 zips said "not found
 * in the repository" although their source is there under the zip's name.
 */
import { describe, expect, it } from 'vitest';
import { backendApiStep } from '../src/steps/03-backend-api.js';
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
