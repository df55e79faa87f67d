/** Stack outputs made on `Stack.of(this)`, and context keys set in `cdk.context.json`: where CDK apps put them. */
import { describe, expect, it } from 'vitest';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

describe('Stack.of(this)', () => {
  it("counts an output made on Stack.of(this) in a construct as the stack's", async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'lib/migrator.ts': [
        "import { CfnOutput, Stack } from 'aws-cdk-lib';",
        "import { Construct } from 'constructs';",
        'export class Migrator extends Construct {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    new CfnOutput(Stack.of(this), 'MigrationFunctionName', { value: 'x' });",
        "    new CfnOutput(this, 'Local', { value: 'y' });",
        '  }',
        '}',
      ].join('\n'),
      'bin/app.ts': [
        "import { App, CfnOutput, Stack } from 'aws-cdk-lib';",
        "import { Migrator } from '../lib/migrator';",
        'class MainStack extends Stack {',
        '  constructor(scope: App, id: string) {',
        '    super(scope, id);',
        "    new Migrator(this, 'Migrator');",
        "    new CfnOutput(this, 'Domain', { value: 'z' });",
        '  }',
        '}',
        "new MainStack(new App(), 'Main');",
      ].join('\n'),
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('MigrationFunctionName');
    expect(md).toMatch(/3 outputs/);
  });
});

describe('cdk.context.json', () => {
  it('says a context key the code reads is set in cdk.context.json, at its line, not on the command line', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'infra', private: true, dependencies: { 'aws-cdk-lib': '2.100.0', constructs: '10.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts', context: { '@aws-cdk/core:newStyleStackSynthesis': true } }),
      'cdk.context.json': '{\n  "tailnet": "example.ts.net",\n  "lambdaLogLevel": "INFO"\n}\n',
      'bin/app.ts': [
        "import { App, Stack } from 'aws-cdk-lib';",
        'const app = new App();',
        "const tailnet = app.node.tryGetContext('tailnet');",
        "const stage = app.node.tryGetContext('stage');",
        "new Stack(app, 'Main');",
      ].join('\n'),
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toMatch(/\| `tailnet` \| `\/cdk\.context\.json:2` \|/);
    expect(md).toMatch(/\| `stage` \| command line \(`-c stage=…`\) \|/);
  });
});
