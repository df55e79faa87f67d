/**
 * Hand check of turborepo-fullstack-starter: step 8 put `GOOGLE_CLOUD_IDENTITY_POOL_ID` under "Cognito keys and ids"
 * from the name alone; it is a Google Cloud workload identity pool (the repository has no Cognito at all). A pool id
 * is Cognito's only when the name says COGNITO or the repository uses Cognito.
 */
import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { tempRepo } from './helpers/temp-repo.js';
import { section } from './helpers/fixture.js';

const script = [
  '#!/bin/bash',
  'if [ -z "$GOOGLE_CLOUD_IDENTITY_POOL_ID" ]; then',
  '  echo "Please set GOOGLE_CLOUD_IDENTITY_POOL_ID."',
  'fi',
  'gcloud iam workload-identity-pools create "$GOOGLE_CLOUD_IDENTITY_POOL_ID" --location=global',
].join('\n');

describe('Cognito keys and ids in step 8', () => {
  it('leave out a Google Cloud identity pool, and a pool id in a repository without Cognito', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { next: '15.0.0' } }),
      '.env.example': 'GOOGLE_CLOUD_IDENTITY_POOL_ID=\nUSER_POOL_ID=\n',
      'scripts/setup.sh': script,
      'src/pool.ts': 'export const pool = process.env.USER_POOL_ID;\nexport const gcp = process.env.GOOGLE_CLOUD_IDENTITY_POOL_ID;\n',
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('GOOGLE_CLOUD_IDENTITY_POOL_ID');
    expect(md).not.toContain('Cognito');
  });

  it('keep a pool id where the repository uses a Cognito library, and any name that says COGNITO', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { 'amazon-cognito-identity-js': '^6.3.0' } }),
      'src/pool.ts': [
        "import { CognitoUserPool } from 'amazon-cognito-identity-js';",
        'export const pool = new CognitoUserPool({ UserPoolId: process.env.USER_POOL_ID!, ClientId: process.env.COGNITO_CLIENT_ID! });',
        'export const gcp = process.env.GOOGLE_CLOUD_IDENTITY_POOL_ID;',
      ].join('\n'),
    });
    const md = (await section(configurationStep, root)).markdown;
    expect(md).toContain('**Cognito keys and ids** (details in step 10): `COGNITO_CLIENT_ID` (identifier/setting), `USER_POOL_ID` (identifier/setting).');
  });
});
