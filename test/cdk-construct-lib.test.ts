/**
 * A CDK construct library (cdk.json without `app`, stacks only in an integration test that a package script deploys
 * with `cdk --app`), and constructs made where a plain reading of `new` misses them: an arrow-function class property
 * called like a method, and `add*` methods that create a construct.
 */
import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkLambdaFact, CdkOtherAppFact, CdkStackFact, CdkUserPoolFact } from '../src/detectors/cdk/index.js';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import type { Fact } from '../src/facts.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

describe('a construct library without an app (cdk-construct-lib)', () => {
  it('reads a construct class through the class that creates it, never also on its own', async () => {
    const facts = await detect(cdkDetector, 'cdk-construct-lib');
    // Two `new lambda.Function` in two wrapper classes, each created once by `Site`: two functions, cited at the call.
    expect(of<CdkLambdaFact>(facts, 'cdk.lambda').map((l) => `${l.id} ${l.at[0].file}:${l.at[0].line}`).sort()).toEqual([
      'Site/Site/Api src/site.ts:17',
      'Site/Site/Regeneration src/site.ts:16',
    ]);
    const md = (await section(backendApiStep, 'cdk-construct-lib')).markdown;
    expect(md).toContain('2 Lambda functions, read from the AWS CDK code.');
    expect(md).toContain('1 function is created through `ApiLambda` (`/src/api-lambda.ts:11`)');
    expect(md).not.toContain('`/src/api-lambda.ts:11` |');
  });

  it('shows an event source given in `events: [new SqsEventSource(queue)]` as what invokes the function', async () => {
    const facts = await detect(cdkDetector, 'cdk-construct-lib');
    const regeneration = of<CdkLambdaFact>(facts, 'cdk.lambda').find((l) => l.id === 'Site/Site/Regeneration')!;
    expect(regeneration.data.triggers).toContainEqual(expect.objectContaining({ kind: 'SQS', at: { file: 'src/regeneration.ts', line: 23 } }));
  });

  it('says what was found instead of "0 stacks": cdk.json names no app, and the integration test app is another app', async () => {
    const facts = await detect(cdkDetector, 'cdk-construct-lib');
    expect(of<CdkStackFact>(facts, 'cdk.stack')).toEqual([]);
    expect(of<CdkOtherAppFact>(facts, 'cdk.otherApp').map((o) => [o.data.entry, o.data.stacks.map((s) => s.className)])).toEqual([['test/integ.main.lit.ts', ['IntegMainLit']]]);
    const s = await section(infrastructureStep, 'cdk-construct-lib');
    expect(s.markdown).not.toMatch(/\b0 stacks\b/);
    expect(s.markdown).toContain('(`/cdk.json` names no `app` command)');
    expect(s.markdown).toContain('Another CDK app in `/test/integ.main.lit.ts`');
    expect(s.markdown).not.toMatch(/### Stacks\n\n###/);
    // `cdk --app "ts-node … test/integ.main.lit.ts"` runs the CDK CLI.
    expect(s.markdown).toContain('| `integ:main` | `cdk --app "ts-node -P tsconfig.dev.json test/integ.main.lit.ts"` |');
    expect(missingCitations(s.markdown, await indexOf('cdk-construct-lib'))).toEqual([]);
  });

  it('calls `bin/` the CDK app entry only when cdk.json `app` or a `cdk --app` script names a file in it', async () => {
    const [pkg] = ((await detect(packagesDetector, 'cdk-construct-lib')) as PackageFact[]).map((f) => f.data);
    expect(pkg.directories.find((d) => d.dir === 'bin')?.role).toBe('executables / app entry');
    expect(pkg.configs.find((c) => c.file === 'cdk.json')?.tool).toBe('AWS CDK settings and context (no app command)');
    const md = (await section(directoryStructureStep, 'cdk-construct-lib')).markdown;
    expect(md).not.toContain('CDK app entry');
    // An app's bin/ still is.
    const [helpers] = ((await detect(packagesDetector, 'cdk-helpers')) as PackageFact[]).map((f) => f.data);
    expect(helpers.directories.find((d) => d.dir === 'bin')?.role).toBe('CDK app entry');
  });
});

describe('constructs made in an arrow-function property and by add* methods (cdk-helpers)', () => {
  it('runs `this.createAlarm(…)` into a property initialised with an arrow function, and counts what add* creates', async () => {
    const facts = await detect(cdkDetector, 'cdk-helpers');
    const ids = facts.filter((f) => f.kind === 'cdk.alarm' || f.kind === 'cdk.resource').map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining([
      'ShopStack/CartMonitoring/ERRORAlarm',
      'ShopStack/CartMonitoring/WARNAlarm',
      'ShopStack/CartMonitoring/ERRORMetricFilter',
      'ShopStack/CartMonitoring/WARNMetricFilter',
      'ShopStack/ShopApi/`${type.responseType}Response`',
      'ShopStack/Login/Shoppers/ShoppersDomain',
    ]));
    // The domain `addDomain` creates is still the user pool's hosted UI domain (as written, like `new UserPoolDomain`).
    const pool = of<CdkUserPoolFact>(facts, 'cdk.userPool').find((p) => p.id === 'ShopStack/Login/Shoppers')!;
    expect(pool.data.domains).toEqual([{ domain: "'shop-login'", at: { file: 'lib/extras.ts', line: 37 } }]);
    // Two gateway responses from a loop over two response types, under an id known only per pass: one fact for
    // both, so the count is a lower bound.
    expect(facts.find((f) => f.id === 'ShopStack/ShopApi/`${type.responseType}Response`')?.data).toMatchObject({ repeated: true });
    expect(facts.find((f) => f.id === 'ShopStack/CartMonitoring/ERRORAlarm')?.data).not.toHaveProperty('repeated');
    const md = (await section(infrastructureStep, 'cdk-helpers')).markdown;
    expect(md).toContain('1 user pool, 2 alarms, at least 6 other resources');
  });
});
