import { describe, expect, it } from 'vitest';
import { configurationStep } from '../src/steps/08-configuration.js';
import { backendApiStep as backendStep } from '../src/steps/03-backend-api.js';
import { readingNotes } from '../src/wizard/reading-notes.js';
import { cloudAssemblyDirs } from '../src/scan/cloud-assembly.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// `cdk synth --output cdk.out.deploy` writes a cloud assembly: a `cdk.out` marker, manifest.json, templates and
// `asset.<hash>/index.js` bundles of each Lambda with its dependencies. Committed, they are copies, not the code.
const BUNDLE = "\"use strict\";\nvar legacy = process.env.BUNDLED_ONLY_VAR;\nexports.handler = async () => ({ statusCode: 200, body: legacy });\n";

function repo(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'svc', dependencies: { 'aws-cdk-lib': '^2.150.0', constructs: '^10.0.0' } }),
    'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
    'bin/app.ts': "import { App } from 'aws-cdk-lib';\nimport { ApiStack } from '../lib/api-stack';\nnew ApiStack(new App(), 'Api');\n",
    'lib/api-stack.ts': [
      "import { Stack } from 'aws-cdk-lib';",
      "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
      'export class ApiStack extends Stack {',
      '  constructor(scope: any, id: string) {',
      '    super(scope, id);',
      "    new NodejsFunction(this, 'Ping', { entry: 'src/ping.ts', environment: { TABLE_NAME: 'pings' } });",
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/ping.ts': 'export const handler = async () => ({ statusCode: 200, body: process.env.TABLE_NAME });\n',
    'cdk.out.deploy/cdk.out': '{"version":"36.0.0"}\n',
    'cdk.out.deploy/manifest.json': '{"version":"36.0.0","artifacts":{}}\n',
    'cdk.out.deploy/Api.template.json': '{"Resources":{}}\n',
    'cdk.out.deploy/asset.0f3a9c/index.js': BUNDLE,
    // A nested stage assembly is inside the outer one: one folder is reported.
    'cdk.out.deploy/assembly-Prod/cdk.out': '{"version":"36.0.0"}\n',
    'cdk.out.deploy/assembly-Prod/manifest.json': '{"version":"36.0.0"}\n',
    'cdk.out.deploy/assembly-Prod/asset.77b1/index.js': BUNDLE,
    // A folder that merely has a `cdk.out` name part but no assembly marker is the project's own.
    'tools/cdk.out-report/index.ts': 'export const report = process.env.REPORT_BUCKET;\n',
  });
}

describe('committed CDK synth output (cloud assemblies) is left out', () => {
  it('finds assembly folders by their cdk.out marker beside manifest.json, outermost only', () => {
    expect(cloudAssemblyDirs(['a/cdk.out', 'a/manifest.json', 'a/b/cdk.out', 'a/b/manifest.json', 'c/cdk.out', 'cdk.out', 'manifest.json'])).toEqual(['a']);
  });

  it('step 8 lists the variables of the code, not of the bundled copies, and step 3 cites the source', async () => {
    const root = repo();
    const config = (await section(configurationStep, root)).markdown;
    expect(config).toContain('TABLE_NAME');
    expect(config).toContain('REPORT_BUCKET');
    expect(config).not.toContain('BUNDLED_ONLY_VAR');
    expect(config).not.toContain('cdk.out.deploy');
    const backend = (await section(backendStep, root)).markdown;
    expect(backend).toContain('/src/ping.ts');
    expect(backend).not.toContain('asset.0f3a9c');
  });

  it('the reading notes name the folder left out and why', async () => {
    const index = await indexOf(repo());
    expect(index.files.some((f) => f.startsWith('cdk.out.deploy/'))).toBe(false);
    expect(readingNotes(index).join('\n')).toMatch(/CDK synth output committed[^\n]*\/cdk\.out\.deploy\//);
  });
});
