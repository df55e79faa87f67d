import { describe, expect, it } from 'vitest';
import { cdkDetector } from '../src/detectors/cdk/index.js';
import type { CdkAppFact, CdkStackFact } from '../src/detectors/cdk/index.js';
import type { Fact } from '../src/facts.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { infrastructureStep } from '../src/steps/06-infrastructure.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { detect, indexOf, section } from './helpers/fixture.js';

const of = <F extends Fact>(facts: readonly Fact[], kind: F['kind']) => facts.filter((f) => f.kind === kind) as F[];
const FIXTURE = 'cdk-unused-classes';

// The app imports `ApiStackV2` but its `new ApiStackV2(…)` is commented out; `lib/auth-stack-v2.ts` declares a second
// `AuthStack` that no file imports, while the app creates the `AuthStack` of `lib/auth-stack.ts`.
describe('CDK stack classes the app never instantiates (cdk-unused-classes)', () => {
  it('a commented-out `new` and a same-named class elsewhere do not make a class instantiated', async () => {
    const facts = await detect(cdkDetector, FIXTURE);
    expect(of<CdkStackFact>(facts, 'cdk.stack').map((s) => s.id).sort()).toEqual(['ApiStack', 'AuthStack', 'DataStack', 'UiStack']);
    expect(of<CdkAppFact>(facts, 'cdk.app')[0].data.stackClassesNotDeployed).toEqual([
      { className: 'ApiStackV2', reason: 'unused', at: { file: 'lib/api-stack-v2.ts', line: 12 } },
      { className: 'AuthStack', reason: 'unused', at: { file: 'lib/auth-stack-v2.ts', line: 6 } },
    ]);
  });

  it('step 1 does not count what the unused classes create', async () => {
    const s = await section(overviewStep, FIXTURE);
    expect(s.markdown).not.toContain('HttpApi');
    expect(s.markdown).not.toContain('auth-stack-v2');
    expect(s.markdown).toContain('Cognito<br/>1× UserPool');
    expect(s.markdown).toContain('| Cognito | Data, auth & services | `/lib/auth-stack.ts:10` (`new UserPool`) |');
  });

  it('steps 3, 6 and 10 map only the deployed stacks and name the unused classes once', async () => {
    const api = await section(backendApiStep, FIXTURE);
    expect(api.markdown).toContain('1 endpoint on API Gateway and 1 Lambda function, read from the AWS CDK code.');
    expect(api.markdown).not.toContain('UsersV2');
    const infra = await section(infrastructureStep, FIXTURE);
    expect(infra.markdown).toContain(
      '- 2 stack classes the app entry never instantiates, so not deployed and not mapped here: `ApiStackV2` (`/lib/api-stack-v2.ts:12`), `AuthStack` (`/lib/auth-stack-v2.ts:6`).',
    );
    expect(infra.markdown).not.toContain('### Stack ApiStackV2');
    expect(infra.markdown).not.toContain('not instantiated in the code read');
    const integrations = await section(integrationsStep, FIXTURE);
    expect(integrations.markdown).not.toContain('ItemsHttpApi');
    expect(integrations.markdown).not.toContain('UsersV2');
    // The environment a Lambda of the unused class would get is set on nothing deployed.
    const config = await section(configurationStep, FIXTURE);
    expect(config.markdown).toContain('`ITEMS_TABLE`');
    expect(config.markdown).not.toContain('AUDIT_LEVEL');
    for (const md of [api.markdown, infra.markdown, integrations.markdown]) expect(missingCitations(md, await indexOf(FIXTURE))).toEqual([]);
  });

  it('a construct created after an early `return` under an unknown condition is conditional', async () => {
    const infra = await section(infrastructureStep, FIXTURE);
    expect(infra.markdown).toContain('| CloudFront distribution | `SiteDistribution` (only if `existsSync(dist)`) | `/lib/ui-stack.ts:18` |');
    expect(infra.markdown).toContain('| S3 bucket | `SiteBucket` | `/lib/ui-stack.ts:12` |');
    expect(infra.markdown).toContain('| Outputs (1) | `SiteUrl` (only if `existsSync(dist)`) | `/lib/ui-stack.ts:19` |');
    const integrations = await section(integrationsStep, FIXTURE);
    expect(integrations.markdown).toContain('**`SiteDistribution`** (Distribution in `UiStack`) — `/lib/ui-stack.ts:18`\n\n- only if `existsSync(dist)`');
  });
});

describe('DynamoDB command input that spreads a same-file object (cdk-unused-classes)', () => {
  it('reads `TableName` from the spread object, so the Get and the Scan are on one table', async () => {
    const s = await section(databaseSchemaStep, FIXTURE);
    expect(s.markdown).not.toContain('#### Access patterns: `?`');
    expect(s.markdown).toContain('| Get | table | key `id` | `getItem` | `/src/items.ts:11` |');
    expect(s.markdown).toContain('| Scan | table | — | `listItems` | `/src/items.ts:15` |');
  });
});
