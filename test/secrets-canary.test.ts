import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { buildIndex, type RepoIndex } from '../src/scan/repo-index.js';
import { generateSection } from '../src/steps/generate.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { PLANTED, leakedSecrets, plantCanaryRepo } from './fixtures/secret-canary/planted.js';

let root: string;
let index: RepoIndex;

beforeAll(async () => {
  root = plantCanaryRepo();
  index = await buildIndex(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('secret canary', () => {
  it('plants every value in its real format', () => {
    expect(PLANTED.AWS_ACCESS_KEY_ID).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(PLANTED.AWS_SECRET_ACCESS_KEY).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(PLANTED.STRIPE_SECRET_KEY).toMatch(/^sk_live_[A-Za-z0-9]{32}$/);
    expect(PLANTED.PADDLE_API_KEY).toMatch(/^pdl_live_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}$/);
    expect(PLANTED.PADDLE_CLIENT_TOKEN).toMatch(/^live_[a-f0-9]{27}$/);
    expect(PLANTED.JWT.split('.')).toHaveLength(3);
    expect(PLANTED.PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----$/);
    expect(index.read('.env')).toContain(PLANTED.AWS_SECRET_ACCESS_KEY);
    expect(index.read('packages/infra/lib/stack.ts')).toContain(PLANTED.STRIPE_SECRET_KEY);
    expect(leakedSecrets(index.read('packages/api/src/config.ts')!).length).toBeGreaterThan(8);
  });

  it('no planted value reaches any section of any implemented step', () => {
    const analysis = new Analysis(index);
    const steps = STEPS.filter((s) => s.definition);
    expect(steps.map((s) => s.number)).toEqual(expect.arrayContaining([8, 9, 10]));
    for (const step of steps) {
      const section = generateSection(step.definition!, analysis);
      expect({ step: step.number, leaked: leakedSecrets(section.markdown) }).toEqual({ step: step.number, leaked: [] });
      expect({ step: step.number, missing: missingCitations(section.markdown, index) }).toEqual({ step: step.number, missing: [] });
    }
  });

  it('the sections still say where the secrets are, by name', () => {
    const analysis = new Analysis(index);
    const md = [8, 9, 10].map((n) => generateSection(STEPS[n - 1].definition!, analysis).markdown).join('\n');
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'STRIPE_SECRET_KEY', 'PADDLE_API_KEY', 'PADDLE_WEBHOOK_SECRET', 'DB_PASSWORD', 'SIGNING_KEY']) expect(md).toContain(`\`${name}\``);
    expect(md).toContain('**Dotenv files in the repository with real values** (only their variable names are used here): `/.env`, `/.env.local`.');
    // Quoted text that carried a key shows where it was cut out.
    expect(md).toContain('Why is [redacted] rejected?');
    expect(md).toContain('Bearer [redacted]');
  });

  it('facts as they leave the analysis (what --json, --check, the digests and the steps read) hold no planted value', () => {
    const analysis = new Analysis(index);
    for (const step of STEPS.filter((s) => s.definition)) {
      for (const d of step.definition!.detectors) {
        const facts = analysis.run([d]);
        expect({ detector: d.id, leaked: leakedSecrets(JSON.stringify(facts)) }).toEqual({ detector: d.id, leaked: [] });
      }
    }
  });
});
