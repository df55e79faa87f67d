/**
 * A CDK app whose stacks hand each other a table and a `LambdaIntegration` (no construct: it wraps a function), whose
 * table class is imported under an alias, and whose one Lambda dispatches on the HTTP method (fixture
 * cdk-cross-stack-props, the shape of a small "space finder" app).
 */
import { describe, expect, it } from 'vitest';
import { cdkDetector, type CdkStackFact, type CdkTableFact } from '../src/detectors/cdk/index.js';
import { detectComponents } from '../src/detectors/stack/components.js';
import { packageKind } from '../src/detectors/stack/kind.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'cdk-cross-stack-props';

describe('cross-stack props', () => {
  it('counts a library object wrapping another stack\'s construct (LambdaIntegration) as a cross-stack reference', async () => {
    const facts = await detect(cdkDetector, FIXTURE);
    const stacks = Object.fromEntries(facts.filter((f): f is CdkStackFact => f.kind === 'cdk.stack').map((s) => [s.id, s.data]));
    expect(stacks.ApiStack.dependsOn).toEqual(['LambdaStack']);
    expect(stacks.ApiStack.crossStackRefs).toEqual([{ fromStack: 'LambdaStack', prop: 'integration', expression: 'lambdaStack.itemsIntegration', at: { file: 'infra/src/infra/Launcher.ts', line: 12 } }]);
    expect(stacks.LambdaStack.dependsOn).toEqual(['DataStack']);
  });

  it('links a table to the env var set from it through another stack\'s prop with a `|| \'\'` fallback', async () => {
    const facts = await detect(cdkDetector, FIXTURE);
    const table = facts.find((f): f is CdkTableFact => f.kind === 'cdk.table');
    expect(table?.data.envVars).toEqual([{ name: 'TABLE_NAME', lambda: 'LambdaStack/ItemsLambda' }]);
  });

  it('calls a package whose cdk.json app creates the App a CDK app, though npm init gave it `main: index.js`', async () => {
    const index = await indexOf(FIXTURE);
    const pkg = index.packages.find((p) => p.dir === 'infra')!;
    expect(packageKind(pkg, index)).toMatchObject({ id: 'cdk-app' });
  });

  it('draws a table whose class is imported under another name (`Table as DynamoTable`) in the overview', async () => {
    const dynamo = detectComponents(await indexOf(FIXTURE)).find((c) => c.title === 'DynamoDB');
    expect(dynamo?.lines).toContain('1× Table');
    expect(dynamo?.evidence[0]).toMatchObject({ file: 'infra/src/infra/stacks/DataStack.ts', line: 10, what: 'new DynamoTable (Table)' });
  });

  it('says every method a handler behind one Lambda integration serves, not only the first route', async () => {
    const md = (await section(workflowsStep, FIXTURE)).markdown;
    expect(md).toContain('copy `/infra/src/services/items/handler.ts`, which serves `GET`, `POST` and `DELETE` on `/items`.');
  });
});
