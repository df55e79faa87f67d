import { describe, expect, it } from 'vitest';
import { exclusive } from '../src/detectors/cdk/alternatives.js';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkDatabaseFact, CdkLambdaFact } from '../src/detectors/cdk/index.js';
import { isCdkModule, moduleOfNew, textImports } from '../src/detectors/stack/imports-text.js';
import type { Fact } from '../src/facts.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

async function lambdas(): Promise<Map<string, CdkLambdaFact['data']>> {
  return new Map(of<CdkLambdaFact>(await detect(cdkDetector, 'cdk-runtime'), 'cdk.lambda').map((l) => [l.data.constructId, l.data]));
}

describe('container-image Lambdas, triggers and databases (cdk-runtime)', () => {
  it('a Docker-image Lambda points to its Dockerfile at the CMD line, with the handler it runs', async () => {
    const fns = await lambdas();
    expect(fns.get('Worker')).toMatchObject({ entry: 'services/worker/Dockerfile', entryLine: 3, entrySource: 'docker', entryResolved: true, handler: 'app.handler' });
    // `Code.fromAssetImage(dir, { file, cmd })`: the named Dockerfile, and `cmd` over the Dockerfile's CMD.
    expect(fns.get('Report')).toMatchObject({ entry: 'services/report/Dockerfile.lambda', entryLine: 3, handler: 'report.main' });
    const s = await section(backendApiStep, 'cdk-runtime');
    expect(s.markdown).toContain('| `Worker` | `/services/worker/Dockerfile:3` → `app.handler` (container image) |');
    expect(s.markdown).not.toContain('unresolved');
    expect(missingCitations(s.markdown, await indexOf('cdk-runtime'))).toEqual([]);
  });

  it('links each function to what invokes it', async () => {
    const fns = await lambdas();
    const triggers = (id: string) => fns.get(id)!.triggers.map((t) => `${t.kind} ${t.source}${t.detail ? ` (${t.detail})` : ''}`);
    expect(triggers('Worker')).toEqual(['EventBridge Scheduler JobsStack/Hourly (ScheduleExpression.rate(Duration.hours(1)))', 'invoke permission JobsStack/OnTask']);
    expect(triggers('Report')).toEqual(["EventBridge rule JobsStack/Nightly (events.Schedule.cron({ hour: '3', minute: '0' }))", 'Step Functions task JobsStack/Summarise']);
    expect(triggers('OnUpload')).toEqual(['S3 notification JobsStack/Uploads OBJECT_CREATED']);
    expect(triggers('OnTask')).toEqual(['SQS JobsStack/Tasks']);
    expect(triggers('OnAlert')).toEqual(['SNS JobsStack/Alerts']);
    expect(triggers('OnChange')).toEqual(['DynamoDB stream JobsStack/Audit']);
    // Invoked while deploying, through an SDK call of an AwsCustomResource.
    expect(triggers('Seed')).toEqual(['custom resource JobsStack/RunSeed']);
    const s = await section(backendApiStep, 'cdk-runtime');
    // The LambdaRestApi proxy integration invokes OnTask for every path.
    expect(s.markdown).toMatch(/\| `OnTask` \|[^\n]*\| `ANY \/`, `ANY \/\{proxy\+\}`, SQS `Tasks` \|/);
    // `worker.grantInvoke(onTask)` lets OnTask call Worker: a permission, shown as one, not as a trigger.
    expect(s.markdown).toMatch(/\| `Worker` \|[^\n]*\| EventBridge Scheduler `Hourly` \(`ScheduleExpression\.rate\(Duration\.hours\(1\)\)`\), invoke permission: `OnTask` \|/);
    expect(s.markdown).not.toContain('Lambda `OnTask`');
  });

  it('links a rotation schedule to the function Secrets Manager invokes, across stacks and in L1', async () => {
    const fns = await lambdas();
    const rotate = fns.get('Rotate')!.triggers.map((t) => [t.kind, t.source, `${t.at.file}:${t.at.line}`]);
    expect(rotate).toEqual([
      ['Secrets Manager rotation', 'DemoStack/DemoKey', 'lib/demo-stack.ts:15'],
      ['Secrets Manager rotation', 'JobsStack/ApiKey', 'lib/jobs-stack.ts:125'],
      ['Secrets Manager rotation', 'JobsStack/Token', 'lib/jobs-stack.ts:127'],
    ]);
    const s = await section(backendApiStep, 'cdk-runtime');
    expect(s.markdown).toMatch(/\| `Rotate` \|[^\n]*\| Secrets Manager rotation of `DemoKey`, `ApiKey`, `Token` \|/);
  });

  it('names each database and cache by its engine', async () => {
    const dbs = of<CdkDatabaseFact>(await detect(cdkDetector, 'cdk-runtime'), 'cdk.database');
    expect(dbs.map((d) => [d.data.constructId, d.data.engine, d.data.version, d.data.serverless])).toEqual([
      ['Db', 'Aurora PostgreSQL', 'VER_15_4', 'v2'],
      ['Cache', 'Redis (ElastiCache)', undefined, undefined],
      ['Ledger', 'Aurora DSQL', undefined, undefined],
    ]);
    const md = (await section(databaseSchemaStep, 'cdk-runtime')).markdown;
    expect(md).toContain('Databases and caches created with AWS CDK: Aurora PostgreSQL (serverless v2) `Db`, Redis (ElastiCache) `Cache`, Aurora DSQL `Ledger`.');
    expect(md).toContain('| `Db` | Aurora PostgreSQL (serverless v2) | `VER_15_4` | `jobs` | `JobsStack` | `/lib/jobs-stack.ts:91` |');
    const six = (await section(infrastructureStep, 'cdk-runtime')).markdown;
    expect(six).toContain('| Aurora PostgreSQL (serverless v2) (`DatabaseCluster`) | `Db` | `/lib/jobs-stack.ts:91` |');
    expect(six).toContain('| Aurora DSQL (`CfnCluster`) | `Ledger` | `/lib/jobs-stack.ts:102` |');
  });
});

describe('excluding conditions', () => {
  it('an if and its else, two cases of one switch, a case and the default exclude each other', () => {
    expect(exclusive(['useHttp'], ['!(useHttp)'])).toBe(true);
    expect(exclusive(["stage === 'prod'"], ["stage === 'dev'"])).toBe(true);
    expect(exclusive(["stage === 'prod'"], ['default of stage'])).toBe(true);
    expect(exclusive(["stage === 'prod'"], ["stage === 'prod'"])).toBe(false);
    expect(exclusive(['stage === a'], ['stage === b'])).toBe(false);
    expect(exclusive(['useHttp'], [])).toBe(false);
  });
});

describe('imports read from text (step 1)', () => {
  const text = [
    "import { EventBus } from './constructs/event-bus';",
    "import * as events from 'aws-cdk-lib/aws-events';",
    "import { aws_appsync as appsync, Stack } from 'aws-cdk-lib';",
    "const cdk = require('aws-cdk-lib');",
  ].join('\n');
  const imports = textImports(text);

  it('tells a project class from the AWS CDK class of the same name', () => {
    expect(isCdkModule(moduleOfNew(imports, '', 'EventBus'))).toBe(false);
    expect(moduleOfNew(imports, 'events', 'EventBus')).toBe('aws-cdk-lib/aws-events');
    expect(moduleOfNew(imports, 'appsync', 'EventApi')).toBe('aws-cdk-lib');
    expect(moduleOfNew(imports, 'cdk.aws_events', 'EventBus')).toBe('aws-cdk-lib/aws-events');
    expect(moduleOfNew(imports, '', 'Stack')).toBe('aws-cdk-lib');
    expect(moduleOfNew(imports, '', 'Queue')).toBeUndefined();
  });
});
