/** `aws-sdk` (v2) is evidence of a database or a secret store only through the clients the code constructs. */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const evidence = async (files: Record<string, string>) => {
  const repo = RepoModel.of(new Analysis(await indexOf(tempRepo(files))));
  return { database: repo.evidence('database').map((e) => `${e.what} @ ${e.at.file}:${e.at.line ?? ''}`), secrets: repo.evidence('secrets-store').map((e) => `${e.what} @ ${e.at.file}:${e.at.line ?? ''}`) };
};
const PKG = JSON.stringify({ name: 'edge', dependencies: { 'aws-sdk': '^2.1571.0' } });

describe('aws-sdk v2 as evidence', () => {
  it('is no sign of a database or secret store when the code builds only Cognito and S3 clients', async () => {
    const e = await evidence({
      'package.json': PKG,
      'src/users.ts': "import CognitoIdentityServiceProvider from 'aws-sdk/clients/cognitoidentityserviceprovider';\nexport const cognito = new CognitoIdentityServiceProvider();\n",
      'src/upload.js': "const { S3 } = require('aws-sdk');\nexports.s3 = new S3();\n",
    });
    expect(e.database).toEqual([]);
    expect(e.secrets).toEqual([]);
  });

  it('cites the line that builds a DocumentClient or a Secrets Manager client', async () => {
    const e = await evidence({
      'package.json': PKG,
      'src/db.js': "const AWS = require('aws-sdk');\n\nexports.db = new AWS.DynamoDB.DocumentClient();\n",
      'src/secret.ts': "import { SecretsManager } from 'aws-sdk';\nexport const sm = new SecretsManager();\n",
    });
    expect(e.database).toEqual(['database client (aws-sdk: AWS.DynamoDB.DocumentClient) @ src/db.js:3']);
    expect(e.secrets).toEqual(['AWS client (aws-sdk: SecretsManager) @ src/secret.ts:2']);
  });

  it('keeps the dependency as evidence when no readable file imports aws-sdk', async () => {
    const e = await evidence({ 'package.json': PKG });
    expect(e.database).toEqual(['database client aws-sdk in edge @ package.json:']);
  });
});
