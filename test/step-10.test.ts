import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { EXAMPLE, PROJECT_ROOT, indexOf, section } from './helpers/fixture.js';

describe('step 10 — Integration Points', () => {
  it('is registered as step 10', () => {
    expect(STEPS[9].definition).toBe(integrationsStep);
  });

  it.each(['cfg-env', 'cfg-ci', 'cfg-integrations'])('%s: step heading, every subsection, only existing paths', async (fixture) => {
    const s = await section(integrationsStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 10. Integration Points');
    for (const h of ['Paddle payments', 'Stripe payments', 'Key third-party dependencies']) {
      expect(s.markdown).toContain(`\n### ${h}\n`);
    }
    // Cognito is mapped where the code uses it (cfg-integrations signs in with Amplify); otherwise one AWS line.
    expect(s.markdown).toContain(fixture === 'cfg-integrations' ? '\n### Cognito authentication\n' : '\n### AWS services\n');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
    expect(s.failures).toEqual([]);
  });

  it('says in one line when a technology is absent', async () => {
    const md = (await section(integrationsStep, 'cfg-env')).markdown;
    expect(md).toContain('No AWS CDK app in this repository, so there is no Cognito, CloudFront or API Gateway configuration to map here.');
    expect(md).not.toContain('### Cognito authentication');
    expect(md).toContain('No Stripe integration found');
  });

  it('maps a Stripe webhook to its Express route, its signature check and checkout; Amplify sign-in', async () => {
    const md = (await section(integrationsStep, 'cfg-integrations')).markdown;
    expect(md).toContain('- **Webhook:** `POST /webhooks/stripe` (express, `/apps/server/src/index.ts:5`) → handler `/apps/server/src/stripe.ts`');
    expect(md).toContain('- **Signature verification:** `webhooks.constructEvent` at `/apps/server/src/stripe.ts:9`; header read at `/apps/server/src/stripe.ts:8`');
    expect(md).toContain('`/apps/web/src/checkout.ts` — `@stripe/stripe-js`, `loadStripe`');
    expect(md).toContain('- `/apps/web/src/auth.ts:2` — `aws-amplify/auth`: `signIn`, `signOut`, `fetchAuthSession`');
    expect(md).toContain('| `left-pad` | (not a well-known package) | @shop/server `^1.3.0` | not imported in source |');
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(integrationsStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    expect(s.markdown).not.toContain('[redacted]');
    expect(s.markdown).toContain('`POST /billing/paddle/webhook`');
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-10.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});
