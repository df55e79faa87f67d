/**
 * Variables set in infrastructure code, by which app and which code: another CDK app (an archived v1 app in docs/
 * that cdk.json never runs) is not the deployment, and an ECS container's `environment`/`secrets` reach the code its
 * image is built from.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function liveAndArchived(): string {
  return tempRepo({
    'package.json': JSON.stringify({ name: 'site', version: '1.0.0', devDependencies: { 'aws-cdk-lib': '2.47.0' } }),
    'cdk.json': JSON.stringify({ app: './node_modules/.bin/ts-node index.ts' }),
    'index.ts': ["import { App } from 'aws-cdk-lib';", "import { Core } from './infrastructure/core';", 'const app = new App();', "new Core(app, 'core');"].join('\n'),
    'infrastructure/core.ts': [
      "import * as path from 'path';",
      "import { Stack } from 'aws-cdk-lib';",
      "import * as ecs from 'aws-cdk-lib/aws-ecs';",
      "import * as patterns from 'aws-cdk-lib/aws-ecs-patterns';",
      'export class Core extends Stack {',
      '  constructor(scope: any, id: string, props?: any) {',
      '    super(scope, id, props);',
      "    const task = new ecs.FargateTaskDefinition(this, 'task', { cpu: 256 });",
      "    task.addContainer('core', {",
      "      image: ecs.ContainerImage.fromAsset('./app/core'),",
      '      environment: {',
      '        TABLE_NAME: props.table.tableName,',
      '      },',
      '      secrets: {',
      '        API_TOKEN: ecs.Secret.fromSecretsManager(props.token),',
      '      },',
      '    });',
      "    new patterns.ApplicationLoadBalancedFargateService(this, 'web', {",
      '      taskImageOptions: {',
      "        image: ecs.ContainerImage.fromAsset(path.join(__dirname, '..', 'app', 'web')),",
      "        environment: { WEB_MODE: 'prod' },",
      '      },',
      '    });',
      '  }',
      '}',
    ].join('\n'),
    'app/core/package.json': JSON.stringify({ name: 'core', version: '1.0.0' }),
    'app/core/index.js': 'module.exports = [process.env.TABLE_NAME, process.env.API_TOKEN, process.env.ONLY_OLD];\n',
    'app/web/package.json': JSON.stringify({ name: 'web', version: '1.0.0' }),
    'app/web/server.js': 'module.exports = [process.env.WEB_MODE, process.env.TABLE_NAME];\n',
    'docs/old-app.js': [
      "const cdk = require('@aws-cdk/core');",
      "const lambda = require('@aws-cdk/aws-lambda');",
      'class Crawler extends cdk.Stack {',
      '  constructor(parent, id, props) {',
      '    super(parent, id, props);',
      "    new lambda.Function(this, 'crawl', {",
      "      runtime: lambda.Runtime.NODEJS_12_X, handler: 'index.handle', code: lambda.Code.asset('./app/core'),",
      '      environment: {',
      "        TABLE_NAME: 'changelogs',",
      "        ONLY_OLD: 'x',",
      '      },',
      '    });',
      '  }',
      '}',
      'class OldApp extends cdk.App {',
      '  constructor() {',
      '    super();',
      "    new Crawler(this, 'crawler');",
      '  }',
      '}',
      'new OldApp().synth();',
    ].join('\n'),
  });
}

describe('env sets in another CDK app', () => {
  it("marks the archived docs app's sets as another app's, and renders them apart — never as '—'", async () => {
    const root = liveAndArchived();
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const table = env.get('TABLE_NAME')!;
    expect(table.sets.map((s) => [s.at.file, s.otherApp?.entry ?? null])).toEqual([
      ['docs/old-app.js', 'docs/old-app.js'],
      ['infrastructure/core.ts', null],
    ]);
    const md = (await section(configurationStep, root)).markdown;
    const row = (name: string) => md.split('\n').find((l) => l.startsWith(`| \`${name}\``))!;
    // The live container first, the archived app's Lambda after it, said to be another app's.
    expect(row('TABLE_NAME')).toMatch(/`container 'core'` `\/infrastructure\/core\.ts:12`; in another CDK app \(not the cdk\.json app\): AWS CDK `environment` of `Function 'crawl'` `\/docs\/old-app\.js:9`/);
    // Set only in the other app: said so, not "—".
    expect(row('ONLY_OLD')).toContain("in another CDK app (not the cdk.json app): AWS CDK `environment` of `Function 'crawl'` `/docs/old-app.js:10`");
    // The container's secret reaches the code from a secret store; the archived app's Lambda is not how.
    expect(md).toContain("- `API_TOKEN` — from a secret store into `container 'core'` via AWS CDK `secrets` `/infrastructure/core.ts:15`; read in `/app/core/index.js:1`");
    expect(missingCitations(md, await indexOf(root))).toEqual([]);
  });
});

describe('an ECS container environment', () => {
  it("sets its variables for the code its image is built from, not for other packages or the CDK app", async () => {
    const root = liveAndArchived();
    const env = RepoModel.of(new Analysis(await indexOf(root))).env();
    const table = env.get('TABLE_NAME')!;
    const live = (files: string[]) => env.setsFor(table, files).filter((s) => !s.otherApp).map((s) => [s.kind, s.owner, s.at.line]);
    expect(live(['app/core/index.js'])).toEqual([['iac', "container 'core'", 12]]);
    // app/web's image is built from app/web: the core container's variables do not reach it.
    expect(live(['app/web/server.js'])).toEqual([]);
    expect(env.get('API_TOKEN')!.sets.map((s) => [s.codeDir, s.secretRef])).toEqual([['app/core', true]]);
    // `path.join(__dirname, '..', 'app', 'web')` resolves beside the defining file.
    const web = env.get('WEB_MODE')!;
    expect(web.sets.map((s) => s.codeDir)).toEqual(['app/web']);
    expect(env.setsFor(web, ['app/core/index.js'])).toEqual([]);
    expect(env.setsFor(web, ['app/web/server.js']).length).toBe(1);
  });
});
