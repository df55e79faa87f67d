/** Properties set on the L1 resource after the L2 construct (`node.defaultChild as CfnUserPool`) are not "none". */
import { describe, expect, it } from 'vitest';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const app = (schemaName: string) =>
  tempRepo({
    'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
    'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
    'bin/app.ts': [
      "import { App, Stack } from 'aws-cdk-lib';",
      "import * as cognito from 'aws-cdk-lib/aws-cognito';",
      "import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';",
      'const groupsAttributeName = process.env.GROUPS || "groups";',
      'class AuthStack extends Stack {',
      '  constructor(scope: App, id: string) {',
      '    super(scope, id);',
      "    const userPool = new cognito.UserPool(this, 'Pool', { signInAliases: { email: true } });",
      '    const userPoolCfn = userPool.node.defaultChild as CfnUserPool;',
      '    userPoolCfn.schema = [',
      `      { name: ${schemaName}, attributeDataType: "String", mutable: true },`,
      '    ];',
      '  }',
      '}',
      'const app = new App();',
      "new AuthStack(app, 'Auth');",
    ].join('\n'),
  });

describe('Cognito attributes set through the L1 override', () => {
  it('cites the schema assignment instead of "—" when the names are variables', async () => {
    const md = (await section(integrationsStep, app('groupsAttributeName'))).markdown;
    const row = md.split('\n').find((l) => l.startsWith('| `Pool`'))!;
    expect(row).toBeDefined();
    expect(row).toContain('L1 `schema` override `/bin/app.ts:10`');
    expect(row.split(' | ')[2]).not.toBe('—');
  });

  it('lists literal names as custom attributes', async () => {
    const md = (await section(integrationsStep, app('"groups"'))).markdown;
    expect(md.split('\n').find((l) => l.startsWith('| `Pool`'))).toContain('custom:groups');
  });
});
