import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkAppFact, CdkLambdaFact, CdkRouteFact, CdkStackFact, CdkTableFact } from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

describe('CDK as deployed — an abstract base stack, alternative stacks and a stack the app never creates (cdk-deployed)', () => {
  it('counts only the stacks the entry instantiates; the abstract base and the unused class are not stacks', async () => {
    const facts = await detect(cdkDetector, 'cdk-deployed');
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id).sort()).toEqual(['DataStack', 'DevApiStack', 'MigrationStack', 'ProdApiStack']);
    // Another script creating a CDK App is an app of its own; an Amplify `new amplify.App` and an example script are not.
    const apps = of<CdkAppFact>(facts, 'cdk.app');
    expect(apps.map((a) => a.data.entry).sort()).toEqual(['bin/app.ts', 'bin/migrate.ts']);
    const app = apps.find((a) => a.data.cdkJson)!;
    expect(app.data.stackClassesNotDeployed).toEqual([
      { className: 'BaseApiStack', reason: 'abstract', at: { file: 'lib/base-api-stack.ts', line: 12 } },
      { className: 'LegacyStack', reason: 'unused', at: { file: 'lib/legacy-stack.ts', line: 6 } },
    ]);
    // The unused stack's table is not deployed, so it is not a table of the app.
    expect(of<CdkTableFact>(facts, 'cdk.table').map((t) => t.id)).toEqual(['DataStack/Items']);
  });

  it('gives what the base class defines to each stack that extends it, and says the two are alternatives', async () => {
    const facts = await detect(cdkDetector, 'cdk-deployed');
    const stacks = Object.fromEntries(of<CdkStackFact>(facts, 'cdk.stack').map((s) => [s.id, s.data]));
    expect(stacks.ProdApiStack.bases).toEqual([{ className: 'BaseApiStack', constructs: 2, at: { file: 'lib/base-api-stack.ts', line: 12 } }]);
    expect(stacks.ProdApiStack.alternatives).toEqual(['DevApiStack']);
    expect(stacks.DevApiStack.alternatives).toEqual(['ProdApiStack']);
    expect(stacks.DataStack.alternatives).toBeUndefined();
    expect(stacks.ProdApiStack.dependsOn).toEqual(['DataStack']);
    expect(of<CdkLambdaFact>(facts, 'cdk.lambda').map((l) => l.id).sort()).toEqual(['DevApiStack/ItemsFn', 'ProdApiStack/ItemsFn']);
    expect(of<CdkRouteFact>(facts, 'cdk.route')).toHaveLength(4);
  });

  it('step 3 counts the endpoints and the function the base class defines once, not once per stack', async () => {
    const s = await section(backendApiStep, 'cdk-deployed');
    expect(s.markdown).toContain('2 endpoints on API Gateway and 1 Lambda function, read from the AWS CDK code.');
    expect(s.markdown).toContain('What stacks `DevApiStack`, `ProdApiStack` create from the same code (a base stack class they extend) is counted and listed once.');
    expect(s.markdown.match(/^### API: /gm)).toHaveLength(1);
    expect(s.markdown).toContain('- The same API and endpoints are created from the same code in `DevApiStack` or `ProdApiStack`, whichever of these alternative stacks the app creates.');
    expect(s.markdown).toContain('| `GET /items` | `/src/items.ts` | none | `/lib/base-api-stack.ts:22` |');
    expect(s.markdown).not.toContain('only if `!(stage');
    expect(missingCitations(s.markdown, await indexOf('cdk-deployed'))).toEqual([]);
  });

  it('step 6 says which classes are bases or unused and which stacks are alternatives', async () => {
    const s = await section(infrastructureStep, 'cdk-deployed');
    expect(s.markdown).toContain('2 AWS CDK apps in the repository root with 4 stacks.');
    expect(s.markdown).toContain("- Another app, created in `/bin/migrate.ts` (deployed with `cdk --app …` naming it)");
    expect(s.markdown).toContain(
      '- `BaseApiStack` (`/lib/base-api-stack.ts:12`) is an abstract base class, not a stack of its own; `ProdApiStack`, `DevApiStack` extend it and each create what it defines.',
    );
    expect(s.markdown).toContain('- 1 stack class the app entry never instantiates, so not deployed and not mapped here: `LegacyStack` (`/lib/legacy-stack.ts:6`).');
    expect(s.markdown).toContain(
      '- Alternatives — the app creates one of these, never both: `ProdApiStack` only if `stage === \'prod\'` (`/bin/app.ts:10`); `DevApiStack` only if `!(stage === \'prod\')` (`/bin/app.ts:12`).',
    );
    expect(s.markdown).toContain('- 2 constructs below are defined in the base class `BaseApiStack` (`/lib/base-api-stack.ts:12`) and created in this stack');
    expect(s.markdown).toContain('- An alternative to `DevApiStack`: the app creates one or the other');
    expect(s.markdown).not.toContain('### Stack BaseApiStack');
    expect(s.markdown).not.toContain('OldItems');
    expect(missingCitations(s.markdown, await indexOf('cdk-deployed'))).toEqual([]);
  });

  it('step 4 lists the table once', async () => {
    const s = await section(databaseSchemaStep, 'cdk-deployed');
    expect(s.markdown).toContain('1 DynamoDB table defined with AWS CDK in `/lib/data-stack.ts`.');
    expect(s.markdown).not.toContain('OldItems');
  });
});

describe('CDK without an entry that creates stacks (cdk-no-entry)', () => {
  it('reads concrete stacks on their own but not the abstract base, whose function each concrete stack creates', async () => {
    const facts = await detect(cdkDetector, 'cdk-no-entry');
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id).sort()).toEqual(['BillingStack', 'ShippingStack']);
    expect(of<CdkLambdaFact>(facts, 'cdk.lambda').map((l) => `${l.id} ${l.data.entry}`).sort()).toEqual([
      'BillingStack/Handler src/handler.ts',
      'ShippingStack/Handler src/handler.ts',
    ]);
  });
});

describe('a stack class chosen by a condition (cdk-stack-choice)', () => {
  it('creates each class the condition can choose, as alternatives, and reads a class the code only names on its own', async () => {
    const facts = await detect(cdkDetector, 'cdk-stack-choice');
    const stacks = Object.fromEntries(of<CdkStackFact>(facts, 'cdk.stack').map((s) => [s.id, s.data]));
    expect(Object.keys(stacks).sort()).toEqual(['CloudStack', 'LocalStack', 'ToolsStack']);
    expect(stacks.LocalStack.instances[0].conditions).toEqual(['isLocal']);
    expect(stacks.CloudStack.instances[0].conditions).toEqual(['!(isLocal)']);
    expect(stacks.CloudStack.alternatives).toEqual(['LocalStack']);
    // Named in a list but never created: not claimed unused, and not claimed instantiated.
    expect(stacks.ToolsStack.instances).toEqual([]);
    expect(of<CdkAppFact>(facts, 'cdk.app')[0].data.stackClassesNotDeployed).toBeUndefined();
    const s = await section(infrastructureStep, 'cdk-stack-choice');
    expect(s.markdown).toContain('| `ToolsStack` | not instantiated in the code read |');
    expect(s.markdown).toContain('- Alternatives — the app creates one of these, never both: `LocalStack` only if `isLocal` (`/bin/app.ts:9`); `CloudStack` only if `!(isLocal)` (`/bin/app.ts:9`).');
  });
});
