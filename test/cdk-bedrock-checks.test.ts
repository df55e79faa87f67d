/** Facts a hand check of a multi-app CDK repository (four apps in one folder) found wrong, on tiny temp repos. */
import { describe, expect, it } from 'vitest';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const cdkPackage = JSON.stringify({ name: 'infra', version: '1.0.0', dependencies: { 'aws-cdk-lib': '2.150.0', constructs: '10.0.0' } });

describe('cdk.json context is shared by every app run from its folder', () => {
  it('draws one table for the folder, naming its apps, and says cdk.json for keys set there', async () => {
    const root = tempRepo({
      'cdk/package.json': cdkPackage,
      'cdk/cdk.json': JSON.stringify({ app: 'npx ts-node bin/main.ts', context: { allowedCountries: [], '@aws-cdk/core:flag': true } }),
      'cdk/lib/params.ts': "import { App } from 'aws-cdk-lib';\nexport const countries = (app: App) => app.node.tryGetContext('allowedCountries');\n",
      'cdk/lib/stack.ts': "import { Stack } from 'aws-cdk-lib';\nexport class MainStack extends Stack {}\n",
      'cdk/bin/main.ts': "import { App } from 'aws-cdk-lib';\nimport { MainStack } from '../lib/stack';\nimport { countries } from '../lib/params';\nconst app = new App();\ncountries(app);\nnew MainStack(app, 'Main');\n",
      'cdk/bin/other.ts': "import { App } from 'aws-cdk-lib';\nimport { MainStack } from '../lib/stack';\nconst app = new App();\nnew MainStack(app, 'Other');\n",
    });
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md.match(/Context values/g)).toHaveLength(1);
    expect(md).toContain('Context values (`cdk.json` `context`, or `cdk deploy -c key=value`) — apps `/cdk/bin/main.ts`, `/cdk/bin/other.ts`:');
    expect(md).toContain('| `allowedCountries` | cdk.json |');
    expect(md).not.toContain('-c allowedCountries');
  });
});
