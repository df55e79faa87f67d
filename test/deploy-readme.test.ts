/**
 * Hand check of chatbot-ui: step 9 said "No deploy scripts, deploy targets, deploy workflows or deploy commands", while
 * its README's "Hosted Quickstart" deploys to a hosted Supabase project and Vercel, and `db-push` runs `supabase db
 * push` (migrations applied to the live database). Both are deploy evidence.
 */
import { describe, expect, it } from 'vitest';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { tempRepo } from './helpers/temp-repo.js';
import { section } from './helpers/fixture.js';

const readme = [
  '# Chat',
  '',
  'A chat app.',
  '',
  '## Official Hosted Version',
  '',
  'Use it without hosting it yourself.',
  '',
  '## Local Quickstart',
  '',
  'Run `npm run dev`.',
  '',
  '## Hosted Quickstart',
  '',
  '### 1. Setup Backend',
  '',
  'Create a new project on Supabase.',
  '',
  '### 2. Setup Frontend with Vercel',
  '',
  'Go to Vercel and import the repository.',
  '',
  '## Contributing',
  '',
  'Pull requests welcome; production builds run on the CI.',
  '',
].join('\n');

describe('deploy evidence beyond scripts named deploy', () => {
  it('a README section on hosting that names platforms: cited instead of "No deploy …"', async () => {
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'chat', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '14.2.0' } }), 'README.md': readme });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No deploy scripts, deploy targets');
    expect(md).toContain('README section "Hosted Quickstart" (Supabase, Vercel) — `/README.md:13`');
    expect(md).not.toContain('Official Hosted Version');
  });

  it('an npm script running `supabase db push` is a deploy script, listed with the README section', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'chat', private: true, scripts: { dev: 'next dev', 'db-push': 'supabase db push' }, dependencies: { next: '14.2.0' } }),
      'README.md': readme,
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('No deploy scripts, deploy targets');
    expect(md).toMatch(/`npm run db-push` — `supabase db push` \(`\/package\.json:\d+`\)/);
    expect(md).toContain('**Deploy instructions in the README:**\n\n- Hosted Quickstart — Supabase, Vercel (`/README.md:13`)');
  });
});

describe('the target of a README deploy section', () => {
  it('comes from its headings, commands and deploy steps, not a passing mention in a tip', async () => {
    const docker = [
      '# App', '', 'An app.', '', '## Deployment', '', 'Build the images:', '', '```bash', 'docker build -f apps/web/Dockerfile -t web .', '```', '',
      '### Environment-Specific Notes', '', '- Use secrets management (AWS Secrets Manager, HashiCorp Vault, etc.)', '- Enable SSL/TLS', '',
    ].join('\n');
    const root = tempRepo({ 'package.json': JSON.stringify({ name: 'app', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '14.2.0' } }), 'README.md': docker });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('README section "Deployment" — `/README.md:5`');
    expect(md).not.toContain('(AWS)');
    expect(md).not.toContain('No deploy scripts, deploy targets');
  });
});
