/**
 * The Supabase CLI reads `"env(NAME)"` in supabase/config.toml (vercel/nextjs-subscription-payments: the GitHub OAuth
 * client id, secret and redirect URI, declared in .env.example): those variables are read, by the CLI, and no step may
 * say they are not read.
 */
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { RepoModel } from '../src/model/repo-model.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';

const FIXTURE = 'supabase-next';
const GITHUB = ['SUPABASE_AUTH_EXTERNAL_GITHUB_CLIENT_ID', 'SUPABASE_AUTH_EXTERNAL_GITHUB_REDIRECT_URI', 'SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET'];

describe('env(NAME) in supabase/config.toml', () => {
  it('is a read of NAME at its line; comment lines read nothing', async () => {
    const env = RepoModel.of(new Analysis(await indexOf(FIXTURE))).env();
    const reads = (name: string) => env.get(name)?.reads.map((r) => [r.file, r.lines, r.via]);
    expect(reads('SUPABASE_AUTH_EXTERNAL_GITHUB_CLIENT_ID')).toEqual([['supabase/config.toml', [22], 'supabase-config']]);
    expect(reads('SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET')).toEqual([['supabase/config.toml', [23], 'supabase-config']]);
    expect(reads('SUPABASE_AUTH_EXTERNAL_GITHUB_REDIRECT_URI')).toEqual([['supabase/config.toml', [24], 'supabase-config']]);
    expect(reads('SUPABASE_AUTH_SMS_TWILIO_AUTH_TOKEN')).toEqual([['supabase/config.toml', [18], 'supabase-config']]);
    // `# secret = "env(UNUSED_LEFTOVER_TOKEN)"` is a comment: that variable stays unread.
    expect(reads('UNUSED_LEFTOVER_TOKEN')).toEqual([]);
  });

  it('no step says the variables are not read; they are shown as read by the Supabase CLI config', async () => {
    const step5 = (await section(frontendStep, FIXTURE)).markdown;
    const step8 = (await section(configurationStep, FIXTURE)).markdown;
    const step9 = (await section(workflowsStep, FIXTURE)).markdown;
    for (const name of GITHUB) {
      for (const md of [step5, step8]) {
        const lines = md.split('\n').filter((l) => l.includes(`\`${name}\``));
        expect(lines.length).toBeGreaterThan(0);
        for (const l of lines) expect(l).not.toMatch(/not read/);
      }
    }
    expect(step5).toContain('| `SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET` | no | `/supabase/config.toml:23` (Supabase CLI, `env()`) | `/.env.example` |');
    expect(step8).toContain('- `SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET` — read by the Supabase CLI from its config `/supabase/config.toml:23`');
    expect(step8).toContain('read in 1 package (3 by the code, 4 only by the Supabase CLI through `env()` in its config)');
    // The leftover in a comment is still reported as unread.
    expect(step8).toMatch(/Set or declared, but not read by the code[\s\S]*`UNUSED_LEFTOVER_TOKEN`/);
    // The CLI substitutes the value: no app code gets `undefined`, and a new variable is not read in config.toml.
    expect(step9).not.toContain('read without a fallback in `/supabase/config.toml');
    expect(step9).not.toMatch(/\*\*Read it\*\*[^\n]*config\.toml/);
  });
});
