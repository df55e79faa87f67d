import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkAppFact, CdkOtherAppFact, CdkStackFact, CdkTableFact } from '../src/detectors/cdk/index.js';
import { detectComponents } from '../src/detectors/stack/components.js';
import type { Fact } from '../src/facts.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

const v2Package = JSON.stringify({ name: 'site', version: '1.0.0', devDependencies: { 'aws-cdk-lib': '2.47.0' } });

/** A v2 app deployed by cdk.json, and an archived v1 app in docs/ that the live app never imports. */
function liveAndArchived(): string {
  return tempRepo({
    'package.json': v2Package,
    'cdk.json': JSON.stringify({ app: './node_modules/.bin/ts-node index.ts' }),
    'index.ts': [
      "import { App } from 'aws-cdk-lib';",
      "import { SharedResources } from './infrastructure/shared-resources';",
      "import { Core } from './infrastructure/core';",
      'const app = new App();',
      "const shared = new SharedResources(app, 'resources');",
      "new Core(app, 'core', { table: shared.table });",
    ].join('\n'),
    'infrastructure/shared-resources.ts': [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
      'export class SharedResources extends Stack {',
      '  public readonly table: dynamodb.Table;',
      '  constructor(scope: any, id: string) {',
      '    super(scope, id);',
      "    this.table = new dynamodb.Table(this, 'Changelogs', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });",
      '  }',
      '}',
    ].join('\n'),
    'infrastructure/core.ts': [
      "import { Stack } from 'aws-cdk-lib';",
      "import * as ecs from 'aws-cdk-lib/aws-ecs';",
      'export class Core extends Stack {',
      '  constructor(scope: any, id: string, props: any) {',
      '    super(scope, id, props);',
      "    new ecs.FargateService(this, 'core-service', {});",
      '  }',
      '}',
    ].join('\n'),
    'docs/old-app.js': [
      "const cdk = require('@aws-cdk/core');",
      "const dynamodb = require('@aws-cdk/aws-dynamodb');",
      "const ecsPatterns = require('@aws-cdk/aws-ecs-patterns');",
      'class SharedResources extends cdk.Stack {',
      '  constructor(parent, id, props) {',
      '    super(parent, id, props);',
      "    this.changelogs = new dynamodb.Table(this, 'Changelogs', { partitionKey: { name: 'id', type: dynamodb.AttributeType.String } });",
      "    this.feeds = new dynamodb.Table(this, 'Feeds', { partitionKey: { name: 'id', type: dynamodb.AttributeType.String } });",
      '  }',
      '}',
      'class Broadcast extends cdk.Stack {',
      '  constructor(parent, id, props) {',
      '    super(parent, id, props);',
      "    new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Broadcast', {});",
      '  }',
      '}',
      'class OldApp extends cdk.App {',
      '  constructor() {',
      '    super();',
      "    const shared = new SharedResources(this, 'old-resources');",
      "    new Broadcast(this, 'old-broadcast', { table: shared.changelogs });",
      '  }',
      '}',
      'new OldApp().synth();',
    ].join('\n'),
  });
}

describe('another CDK app in docs/ is not the deployed app', () => {
  it('reads only what cdk.json deploys; the archived app is summarised apart, its stacks instantiated there', async () => {
    const facts = await detect(cdkDetector, liveAndArchived());
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id).sort()).toEqual(['Core', 'SharedResources']);
    // The live SharedResources does not receive the archived class's tables.
    expect(of<CdkTableFact>(facts, 'cdk.table').map((t) => `${t.id} ${t.at[0].file}`)).toEqual(['SharedResources/Changelogs infrastructure/shared-resources.ts']);
    const [app] = of<CdkAppFact>(facts, 'cdk.app');
    expect(app.data.cdkVersion).toBe(2);
    expect(app.data.stackClassesNotDeployed).toBeUndefined();
    const [other] = of<CdkOtherAppFact>(facts, 'cdk.otherApp');
    expect(other.data.entry).toBe('docs/old-app.js');
    expect(other.data.cdkVersion).toBe(1);
    expect(other.data.stacks.map((s) => [s.className, s.instances, s.resources])).toEqual([
      ['SharedResources', 1, 2],
      ['Broadcast', 1, 1],
    ]);
  });

  it('step 6 counts the live stacks and names the other app apart, never "not instantiated"', async () => {
    const root = liveAndArchived();
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).toContain('An AWS CDK app in the repository root with 2 stacks.');
    expect(md).toContain('- AWS CDK v2 (`aws-cdk-lib` packages)');
    expect(md).toContain(
      '- Another CDK app in `/docs/old-app.js` (not the cdk.json app; AWS CDK v1), with 2 stacks: `SharedResources` (`/docs/old-app.js:4`), `Broadcast` (`/docs/old-app.js:11`). It is not counted in this map.',
    );
    expect(md).not.toContain('not instantiated');
    expect(md).not.toContain('Feeds');
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });

  it('step 1 counts the live app only, per construct class', async () => {
    const root = liveAndArchived();
    const ecs = detectComponents(await indexOf(root)).find((c) => c.title === 'ECS Fargate');
    expect(ecs?.lines).toEqual(['1× FargateService']);
    const twoKinds = tempRepo({
      'package.json': v2Package,
      'lib/stack.ts': [
        "import * as ecs from 'aws-cdk-lib/aws-ecs';",
        "import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';",
        "new patterns.ApplicationLoadBalancedFargateService(this, 'A', {});",
        "new ecs.FargateService(this, 'B', {});",
        "new ecs.FargateService(this, 'C', {});",
      ].join('\n'),
    });
    const both = detectComponents(await indexOf(twoKinds)).find((c) => c.title === 'ECS Fargate');
    expect(both?.lines).toEqual(['1× ApplicationLoadBalancedFargateService', '2× FargateService']);
  });
});

describe('classes are told apart by file and name', () => {
  it('two stack classes of one name in different files stay two stacks, each with its own resources', async () => {
    const stack = (table: string) =>
      [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
        'export class Shared extends Stack {',
        '  constructor(scope: any, id: string) {',
        '    super(scope, id);',
        `    new dynamodb.Table(this, '${table}', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });`,
        '  }',
        '}',
      ].join('\n');
    const root = tempRepo({
      'package.json': v2Package,
      'cdk.json': JSON.stringify({ app: 'npx ts-node bin/app.ts' }),
      'bin/app.ts': [
        "import { App } from 'aws-cdk-lib';",
        "import { Shared as A } from '../lib/a/shared';",
        "import { Shared as B } from '../lib/b/shared';",
        'const app = new App();',
        "new A(app, 'a');",
        "new B(app, 'b');",
      ].join('\n'),
      'lib/a/shared.ts': stack('Orders'),
      'lib/b/shared.ts': stack('Users'),
    });
    const facts = await detect(cdkDetector, root);
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id).sort()).toEqual(['Shared', 'Shared@lib/b/shared.ts:3']);
    expect(of<CdkTableFact>(facts, 'cdk.table').map((t) => `${t.data.stack} ${t.data.constructId}`).sort()).toEqual(['Shared Orders', 'Shared@lib/b/shared.ts:3 Users']);
  });
});

describe('a CDK app without cdk.json or a CDK dependency', () => {
  it('is found from the script that creates the App, and step 6 maps it instead of saying there is none', async () => {
    const root = tempRepo({
      'example-serverless-app-reuse/reuse-complete-cdk.ts': [
        '// cdk deploy --app ./cdk-example.ts',
        'import * as cdk from "@aws-cdk/core";',
        'import * as sam from "@aws-cdk/aws-sam";',
        'const stack = new cdk.Stack(new cdk.App(), "example-cdk-stack");',
        'const authAtEdge = new sam.CfnApplication(stack, "AuthorizationAtEdge", { location: { applicationId: "arn", semanticVersion: "2.0.0" } });',
        'new cdk.CfnOutput(stack, "Bucket", { value: authAtEdge.getAtt("Outputs.S3Bucket").toString() });',
      ].join('\n'),
    });
    const index = await indexOf(root);
    expect(cdkDetector.isEnabled(index)).toBe(true);
    const facts = await detect(cdkDetector, root);
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id)).toEqual(['example-cdk-stack']);
    const md = (await section(infrastructureStep, root)).markdown;
    expect(md).not.toContain('No AWS CDK app');
    expect(md).toContain('An AWS CDK app in `/example-serverless-app-reuse` with 1 stack.');
    expect(md).toContain('- AWS CDK v1 (`@aws-cdk/*` packages)');
  });
});
