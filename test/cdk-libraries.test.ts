import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type {
  CdkConstructClassFact,
  CdkDistributionFact,
  CdkLambdaFact,
  CdkResourceFact,
  CdkRouteFact,
  CdkTableFact,
} from '../src/detectors/cdk/index.js';
import { libraryConstruct, LIBRARY_MODULES, type LibraryConstruct, type Wire } from '../src/detectors/cdk/library-catalogue.js';
import { categoryOf } from '../src/detectors/cdk/catalogue.js';
import { stackDetector, type ComponentFact } from '../src/detectors/stack/index.js';
import { FactSet, type Fact } from '../src/facts.js';
import { topic } from '../src/model/topics.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

describe('construct libraries create the AWS resources they are documented to create (cdk-libraries)', () => {
  it('a CloudFrontToS3, a Nextjs site and a cdk-spa-deploy site each make a CloudFront distribution', async () => {
    const facts = await detect(cdkDetector, 'cdk-libraries');
    const dists = of<CdkDistributionFact>(facts, 'cdk.distribution');
    expect(dists.map((d) => `${d.id} ${d.data.kind}`).sort()).toEqual([
      'ShopStack/Assets/CloudFrontWebDistribution Distribution',
      'ShopStack/Docs/cloudfrontDistribution CloudFrontWebDistribution',
      'ShopStack/Web/Distribution Distribution',
    ]);
    const assets = dists.find((d) => d.id === 'ShopStack/Assets/CloudFrontWebDistribution')!;
    expect(assets.data.behaviours[0]).toMatchObject({ pathPattern: '*', bucket: 'ShopStack/Assets/S3Bucket' });
    expect(assets.at[0]).toEqual({ file: 'lib/shop-stack.ts', line: 39 });
  });

  it('"no CloudFront" cannot be claimed: the library distributions are evidence of the cloudfront topic', async () => {
    const index = await indexOf('cdk-libraries');
    const facts = new FactSet(new Analysis(index).run([cdkDetector]));
    const evidence = topic('cloudfront').evidence(facts, index).map((e) => e.what);
    expect(evidence).toEqual(
      expect.arrayContaining([
        'distribution ShopStack/Web/Distribution',
        'distribution ShopStack/Assets/CloudFrontWebDistribution',
        'construct ShopStack/Assets creates a CloudFront distribution',
      ]),
    );
    const s = await section(integrationsStep, 'cdk-libraries');
    expect(s.markdown).toContain('**`Assets/CloudFrontWebDistribution`** (Distribution in `ShopStack`) — `/lib/shop-stack.ts:39`');
    expect(s.markdown).not.toContain('No CloudFront distributions');
  });

  it('a LambdaToDynamoDB makes a function with its table, the table name in DDB_TABLE_NAME and read/write access', async () => {
    const facts = await detect(cdkDetector, 'cdk-libraries');
    const fn = of<CdkLambdaFact>(facts, 'cdk.lambda').find((l) => l.id === 'ShopStack/Orders/LambdaFunction')!;
    expect(fn.data).toMatchObject({ constructId: 'Orders/LambdaFunction', entry: 'lambda/orders/index.ts', runtime: 'NODEJS_20_X' });
    expect(fn.data.environment.map((e) => [e.name, e.table])).toEqual([['DDB_TABLE_NAME', 'ShopStack/Orders/DynamoTable']]);
    const table = of<CdkTableFact>(facts, 'cdk.table').find((t) => t.id === 'ShopStack/Orders/DynamoTable')!;
    expect(table.data.partitionKey).toEqual({ name: 'orderId', type: 'STRING' });
    expect(table.data.grants.map((g) => `${g.method} ${g.grantee}`)).toEqual(['grantReadWriteData ShopStack/Orders/LambdaFunction']);
    const library = of<CdkResourceFact>(facts, 'cdk.resource').find((r) => r.id === 'ShopStack/Orders')!;
    expect(library.data.library?.creates.map((c) => c.className).sort()).toEqual(['Function', 'Table']);
  });

  it('an ApiGatewayToLambda proxies every path to the existing function; an EventbridgeToLambda rule invokes its function', async () => {
    const facts = await detect(cdkDetector, 'cdk-libraries');
    expect(of<CdkRouteFact>(facts, 'cdk.route').map((r) => `${r.data.method} ${r.data.path} -> ${r.data.lambda}`)).toEqual([
      'ANY / -> ShopStack/Orders/LambdaFunction',
      'ANY /{proxy+} -> ShopStack/Orders/LambdaFunction',
    ]);
    const metrics = of<CdkLambdaFact>(facts, 'cdk.lambda').find((l) => l.id === 'ShopStack/Metrics')!;
    expect(metrics.data.triggers).toEqual([
      { kind: 'EventBridge rule', source: 'ShopStack/Nightly/EventsRule', detail: "Schedule.cron({ hour: '2', minute: '0' })", at: { file: 'lib/shop-stack.ts', line: 34 } },
    ]);
  });

  it('the Next.js server function points at the app folder; the library-shipped optimizer says so instead of "unresolved"', async () => {
    const facts = await detect(cdkDetector, 'cdk-libraries');
    const byId = new Map(of<CdkLambdaFact>(facts, 'cdk.lambda').map((l) => [l.id, l.data]));
    expect(byId.get('ShopStack/Web/Server')).toMatchObject({ entry: 'web', entrySource: 'library', entryResolved: true });
    expect(byId.get('ShopStack/Web/Server')!.triggers.map((t) => t.kind)).toEqual(['CloudFront']);
    expect(byId.get('ShopStack/Web/ImgOptFn')).toMatchObject({ entrySource: 'library', entryResolved: false });
    const s = await section(backendApiStep, 'cdk-libraries');
    expect(s.markdown).toContain('| `Web/Server` | `/web` (Next.js server, built from the app by OpenNext) |');
    expect(s.markdown).toContain('image optimization function shipped by cdk-nextjs-standalone');
    expect(s.markdown).not.toContain('could not be traced');
    expect(missingCitations(s.markdown, await indexOf('cdk-libraries'))).toEqual([]);
  });

  it('a project construct named EventBus is described by the AppSync Events API it creates, not as EventBridge', async () => {
    const facts = await detect(cdkDetector, 'cdk-libraries');
    const bus = of<CdkConstructClassFact>(facts, 'cdk.construct').find((c) => c.id === 'EventBus')!;
    expect(bus.data.creates).toEqual(['AppSync Events API']);
    const components = of<ComponentFact>(await detect(stackDetector, 'cdk-libraries'), 'stack.component');
    const events = components.find((c) => c.data.title === 'AppSync Events')!;
    expect(events.data.evidence[0]).toMatchObject({ file: 'lib/constructs/event-bus/index.ts', line: 10 });
    const eventBridge = components.find((c) => c.data.title === 'EventBridge')!;
    expect(eventBridge.data.evidence.map((e) => e.what)).toEqual(['new EventbridgeToLambda (@aws-solutions-constructs/aws-eventbridge-lambda)']);
  });
});

describe('the library catalogue', () => {
  const entries: [string, string][] = [
    ['@aws-solutions-constructs/aws-cloudfront-s3', 'CloudFrontToS3'],
    ['@aws-solutions-constructs/aws-cognito-apigateway-lambda', 'CognitoToApiGatewayToLambda'],
    ['@aws-solutions-constructs/aws-lambda-sqs-lambda', 'LambdaToSqsToLambda'],
    ['cdk-nextjs-standalone', 'Nextjs'],
    ['cdk-spa-deploy', 'SPADeploy'],
    ['@cloudcomponents/cdk-static-website', 'StaticWebsite'],
    ['@aws/pdk/static-website', 'StaticWebsite'],
    ['@cdklabs/deploy-time-build', 'ContainerImageBuild'],
  ];

  it('knows the common libraries by module and class, and nothing else', () => {
    for (const [module, name] of entries) expect(libraryConstruct(module, name), `${module} ${name}`).toBeDefined();
    expect(libraryConstruct('@aws-solutions-constructs/aws-cloudfront-s3', 'NotAConstruct')).toBeUndefined();
    expect(libraryConstruct('./constructs/static-site', 'StaticWebsite')).toBeUndefined();
    expect(LIBRARY_MODULES).toContain('cdk-nextjs-standalone');
  });

  it('every part is an AWS CDK class, and every wire, trigger, variable and grant names a part made before it', () => {
    const check = (name: string, entry: LibraryConstruct) => {
      const parts = [...entry.parts, ...Object.values(entry.methods ?? {}).flat()];
      const fields = new Set(parts.map((p) => p.field));
      for (const p of parts) {
        const known = categoryOf(`aws-cdk-lib/aws-${p.service}`, [p.className]) ?? (['sqs', 'sns', 'kinesis', 's3-deployment'].includes(p.service) ? 'resource' : undefined);
        expect(known, `${name} ${p.field}: aws-${p.service} ${p.className}`).toBeDefined();
        const before = new Set(parts.slice(0, parts.indexOf(p)).map((x) => x.field));
        const refs = (w: Wire): string[] =>
          'part' in w ? [w.part] : 'arg' in w ? refs(w.arg) : 'obj' in w ? Object.values(w.obj).flatMap(refs) : 'list' in w ? w.list.flatMap(refs) : [];
        for (const ref of Object.values(p.wire ?? {}).flatMap(refs)) expect(before.has(ref) || entry.parts.some((x) => x.field === ref), `${name} ${p.field} wires ${ref}`).toBe(true);
      }
      for (const t of entry.triggers ?? []) expect(fields.has(t.from) && fields.has(t.to), `${name} trigger ${t.from} → ${t.to}`).toBe(true);
      for (const e of entry.env ?? []) expect(fields.has(e.lambda) && fields.has(e.part), `${name} env ${e.name}`).toBe(true);
      for (const g of entry.grants ?? []) expect(fields.has(g.resource) && fields.has(g.grantee), `${name} ${g.method}`).toBe(true);
    };
    for (const [module, name] of entries) check(name, libraryConstruct(module, name)!);
    for (const name of ['ApiGatewayToLambda', 'LambdaToDynamoDB', 'SqsToLambda', 'DynamoDBStreamsToLambda', 'EventbridgeToLambda', 'CloudFrontToApiGatewayToLambda']) {
      check(name, libraryConstruct('@aws-solutions-constructs/x', name)!);
    }
  });
});
