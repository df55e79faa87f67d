import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkResourceFact, CdkRouteFact, CdkStackFact } from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];

describe('CDK: a stack that imports another stack\'s RestApi and adds routes to it in a helper (cdk-imported-api)', () => {
  it('credits the resources and methods to the importing stack, and the API\'s stages to the API\'s stack', async () => {
    const facts = await detect(cdkDetector, 'cdk-imported-api');
    const stacks = Object.fromEntries(of<CdkStackFact>(facts, 'cdk.stack').map((s) => [s.id, s.data]));
    expect(stacks.RoutesStack.importedApis).toEqual([
      {
        api: 'ApiStack/ShopApi',
        apiStack: 'ApiStack',
        imports: [{ factory: 'RestApi.fromRestApiAttributes', at: { file: 'lib/add-shop-routes.ts', line: 13 } }],
        methods: 3,
        resources: 2,
      },
    ]);
    expect(stacks.ApiStack.importedApis).toBeUndefined();
    // Calls no rule reads are kept only for a stack nothing else is mapped for.
    expect(stacks.AliasStack.unmapped).toEqual([{ text: 'Function.addAlias', count: 1, at: { file: 'lib/alias-stack.ts', line: 13 } }]);
    expect(stacks.ApiStack.unmapped).toBeUndefined();
    expect(of<CdkRouteFact>(facts, 'cdk.route').map((r) => [r.id, r.data.addedBy])).toEqual([
      ['GET /orders', 'RoutesStack'],
      ['POST /orders', 'RoutesStack'],
      ['GET /orders/{id}', 'RoutesStack'],
    ]);
    const resources = of<CdkResourceFact>(facts, 'cdk.resource').filter((r) => r.data.stack === 'ApiStack');
    expect(resources.map((r) => `${r.data.className} ${r.data.constructId}`).sort()).toEqual(['Deployment Deployment', 'Stage DevStage', 'Stage ProdStage']);
  });

  it('step 6 says what the importing stack creates instead of "—", and counts the stages', async () => {
    const s = await section(infrastructureStep, 'cdk-imported-api');
    expect(s.markdown).toContain('| `RoutesStack` | `RoutesStack` (`/bin/app.ts:8`) | 3 API methods, 2 API resources on the imported API of `ApiStack` | `/lib/routes-stack.ts:12` |');
    expect(s.markdown).toContain('| `ApiStack` | `ApiStack` (`/bin/app.ts:7`) | 1 function, 1 API, 3 other resources | `/lib/api-stack.ts:6` |');
    expect(s.markdown).toContain('- Adds 3 methods and 2 resources to the API `ApiStack/ShopApi` of stack `ApiStack`, imported with `RestApi.fromRestApiAttributes` (`/lib/add-shop-routes.ts:13`): CDK creates them in this stack');
    // A stack whose only call is one no rule reads says so, rather than "—" (creates nothing).
    expect(s.markdown).toContain('| `AliasStack` | `AliasStack` (`/bin/app.ts:13`) | not classified: `Function.addAlias` (`/lib/alias-stack.ts:13`) | `/lib/alias-stack.ts:10` |');
    expect(s.markdown).toContain('| `Stage` | `DevStage`, `ProdStage` | `/lib/api-stack.ts:22` |');
    expect(missingCitations(s.markdown, await indexOf('cdk-imported-api'))).toEqual([]);
  });

  it('step 3 keeps the endpoints under the API and says which stack adds them', async () => {
    const s = await section(backendApiStep, 'cdk-imported-api');
    expect(s.markdown).toContain('- Defined in `/lib/api-stack.ts:18` (stack `ApiStack`): 3 endpoints, all added by the stack that imports it: `RoutesStack` (3).');
    expect(missingCitations(s.markdown, await indexOf('cdk-imported-api'))).toEqual([]);
  });
});
