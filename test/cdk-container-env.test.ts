import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkDistributionFact, CdkLambdaFact, CdkTableFact } from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { detect } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

describe('CDK tables, distributions and v1 assets the way older apps write them', () => {
  it('a container env var holding a table passed in stack props names the table', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'site', version: '1.0.0', devDependencies: { 'aws-cdk-lib': '2.47.0' } }),
      'cdk.json': JSON.stringify({ app: 'npx ts-node index.ts' }),
      'index.ts': [
        "import { App } from 'aws-cdk-lib';",
        "import { Shared } from './infra/shared';",
        "import { Core } from './infra/core';",
        'const app = new App();',
        "const shared = new Shared(app, 'shared');",
        "new Core(app, 'core', { changelogsTable: shared.changelogsTable });",
      ].join('\n'),
      'infra/shared.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
        'export class Shared extends Stack {',
        '  public changelogsTable: dynamodb.Table;',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        "    this.changelogsTable = new dynamodb.Table(this, 'Changelogs', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });",
        '  }',
        '}',
      ].join('\n'),
      'infra/core.ts': [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as ecs from 'aws-cdk-lib/aws-ecs';",
        "import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
        'export class Core extends Stack {',
        '  constructor(scope: any, id: string, props: any) {',
        '    super(scope, id);',
        "    const task = new ecs.FargateTaskDefinition(this, 'task', { cpu: 256 });",
        "    task.addContainer('core', { image: ecs.ContainerImage.fromAsset('./app'), environment: { CHANGELOGS_TABLE_NAME: props.changelogsTable.tableName, MODE: 'prod' } });",
        '    const cert = cloudfront.ViewerCertificate.fromAcmCertificate(props.cert, {',
        "      aliases: ['changelogs.md', 'www.changelogs.md'],",
        '    });',
        "    new cloudfront.CloudFrontWebDistribution(this, 'dist', { viewerCertificate: cert, originConfigs: [] });",
        '  }',
        '}',
      ].join('\n'),
    });
    const facts = await detect(cdkDetector, root);
    const [table] = of<CdkTableFact>(facts, 'cdk.table');
    expect(table.data.envVars).toEqual([{ name: 'CHANGELOGS_TABLE_NAME', lambda: 'Core/task/core' }]);
    const [dist] = of<CdkDistributionFact>(facts, 'cdk.distribution');
    expect(dist.data.domainNames).toEqual(['changelogs.md', 'www.changelogs.md']);
  });

  it('v1: `aliasConfiguration` names the domains, and `Code.asset(dir)` + handler resolves to the file', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'old', version: '1.0.0', dependencies: { '@aws-cdk/core': '1.0.0' } }),
      'cdk.json': JSON.stringify({ app: 'node app.js' }),
      'app/recently-crawled/recently-crawled.js': 'exports.handle = async () => ({});\n',
      'app.js': [
        "const cdk = require('@aws-cdk/core');",
        "const lambda = require('@aws-cdk/aws-lambda');",
        "const cloudfront = require('@aws-cdk/aws-cloudfront');",
        'class Site extends cdk.Stack {',
        '  constructor(parent, id, props) {',
        '    super(parent, id, props);',
        "    new lambda.Function(this, 'recently-crawled', { runtime: lambda.Runtime.NODEJS_12_X, handler: 'recently-crawled.handle', code: lambda.Code.asset('./app/recently-crawled') });",
        "    new cloudfront.CloudFrontWebDistribution(this, 'MyDistribution', { aliasConfiguration: { acmCertRef: 'arn', names: ['changelogs.md'] }, originConfigs: [] });",
        '  }',
        '}',
        'const app = new cdk.App();',
        "new Site(app, 'site');",
        'app.synth();',
      ].join('\n'),
    });
    const facts = await detect(cdkDetector, root);
    const [fn] = of<CdkLambdaFact>(facts, 'cdk.lambda');
    expect(fn.data.entry).toBe('app/recently-crawled/recently-crawled.js');
    expect(fn.data.entryResolved).toBe(true);
    const [dist] = of<CdkDistributionFact>(facts, 'cdk.distribution');
    expect(dist.data.domainNames).toEqual(['changelogs.md']);
  });
});
