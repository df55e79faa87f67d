import { describe, expect, it } from 'vitest';
import { dependenciesDetector, type DependencyData } from '../src/detectors/integrations/index.js';
import { ormDetector } from '../src/detectors/orm/index.js';
import type { OrmAccessData } from '../src/detectors/orm/types.js';
import { readmeDetector, type ReadmeFact } from '../src/detectors/readme/index.js';
import { stackDetector, type ComponentFact, type TechFact } from '../src/detectors/stack/index.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { databaseSchemaStep } from '../src/steps/04-database-schema.js';
import { sdksStep } from '../src/steps/07-sdks.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { detect, section } from './helpers/fixture.js';

// Findings of the hand check on real repositories (issue #13), reproduced on a small template-like package.
describe('a template-like package: README and manifest read as what they are', () => {
  it('cites where a dependency is declared, not a script or keyword with the same name', async () => {
    const facts = (await detect(stackDetector, 'ov-template-readme')) as TechFact[];
    const lines = Object.fromEntries(
      facts.filter((f) => f.kind === 'stack.tech').flatMap((f) => f.data.declarations.map((d) => [d.dependency, d.line])),
    );
    // "typescript" is also a keyword (line 5), "vite"/"jest"/"husky" are also script commands (lines 9-11).
    expect(lines).toEqual({ husky: 14, jest: 15, typescript: 16, vite: 17, tailwindcss: 20 });
  });

  it('does not take a generic heading for the name, badges for the tagline, and reads a "Summary" section', async () => {
    const [fact] = (await detect(readmeDetector, 'ov-template-readme')) as ReadmeFact[];
    expect(fact.data.title?.text).not.toBe('Instructions');
    expect(fact.data.tagline).toBeUndefined();
    expect(fact.data.value?.heading?.text).toBe('Summary of the kit');
    const md = (await section(overviewStep, 'ov-template-readme')).markdown;
    expect(md).not.toContain('# Instructions');
    expect(md).not.toContain('img.shields.io');
    expect(md).not.toContain('no introduction beyond the tagline');
    expect(md).toContain('Widget Kit turns a JSON description into a dashboard of charts and tables.');
  });

  it('says there are no test files when a test runner is installed but nothing uses it', async () => {
    const md = (await section(workflowsStep, 'ov-template-readme')).markdown;
    expect(md).toContain('Test tooling is installed (Jest) but no test files were found.');
    expect(md).not.toContain('test files exist outside');
  });

  it('does not take a brand icon component for a payment integration', async () => {
    const components = ((await detect(stackDetector, 'ov-template-readme')) as ComponentFact[]).filter((f) => f.kind === 'stack.component');
    expect(components.map((c) => c.data.title)).not.toContain('Stripe');
  });

  it('counts a stylesheet @import of a package as an import of it', async () => {
    const deps = (await detect(dependenciesDetector, 'ov-template-readme')).map((f) => f.data as DependencyData);
    expect(deps.find((d) => d.name === 'tailwindcss')?.importedIn).toEqual(['src/styles.css']);
  });
});

describe('a Next.js app reading its own BASE_URL', () => {
  it('lists BASE_URL as the variable of the app, not a framework built-in (import.meta.env.BASE_URL in Vite is one)', async () => {
    const md = (await section(frontendStep, 'fe-next-base-url')).markdown;
    expect(md).toMatch(/\| `BASE_URL` \| no \| `\/app\/page\.tsx:3` \| `\/\.env\.example` \|/);
    expect(md).toContain('Provided by the runtime or framework, read here: `NODE_ENV`.');
    expect(md).toContain('| `BASE_URL` | no | `/app/page.tsx:3` | `/.env.example` |');
  });
});

describe('a Prisma schema reading its connection string', () => {
  it('counts env("DATABASE_URL") in schema.prisma as a read; a commented-out one is not', async () => {
    const md = (await section(configurationStep, 'cfg-prisma-env')).markdown;
    expect(md).toMatch(/\| `DATABASE_URL` \| `\/prisma\/schema\.prisma:3` \| `\/\.env\.example:1` \| \*\*yes\*\* \|/);
    expect(md).not.toContain('`DATABASE_URL` — not read by the code');
    expect(md).toMatch(/\| `DIRECT_URL` \| `\/\.env\.example:2` \|/);
  });
});

describe('an ORM call inside an awaited callback', () => {
  it('is attributed to the method it runs in, not to the variable holding the awaited result', async () => {
    const access = (await detect(ormDetector, 'cfg-prisma-env')).filter((f) => f.kind === 'orm.access').map((f) => f.data as OrmAccessData);
    expect(access.find((a) => a.file === 'src/feed.ts')).toMatchObject({ model: 'Note', method: 'findMany', function: 'FeedService.latest', line: 11 });
  });
});

describe('Prisma migrations counted the same way in steps 4 and 9', () => {
  it('counts migration files, not the lock file beside them', async () => {
    const schema = (await section(databaseSchemaStep, 'cfg-prisma-env')).markdown;
    const recipes = (await section(workflowsStep, 'cfg-prisma-env')).markdown;
    expect(schema).toContain('in `/prisma/migrations` (1 migration file)');
    expect(recipes).toContain('migrations are in `/prisma/migrations/` (1 migration file)');
  });
});

describe('a Serverless Framework service in TypeScript', () => {
  it('shows an http event as the function trigger and cites where each variable is set', async () => {
    const api = (await section(backendApiStep, 'be-serverless-ts')).markdown;
    expect(api).toMatch(/\| `listNotes` \| .* \| `NOTES_TABLE` \| http GET \/notes \| `\/serverless\.ts:14` \|/);
    const aws = (await section(integrationsStep, 'be-serverless-ts')).markdown;
    expect(aws).not.toContain('no Cognito, CloudFront or API Gateway configuration');
    expect(aws).toContain('API Gateway is configured with Serverless Framework: 1 route (step 3 lists them), 1 with an authorizer.');
    expect(aws).toContain('- `GET /notes` — Cognito user pool (`/src/functions/index.ts:5`)');
    const env = (await section(configurationStep, 'be-serverless-ts')).markdown;
    // provider.environment (serverless.ts:11) for all functions, the function's own environment where it is written.
    expect(env).toContain('| `NOTES_TABLE` | `/src/functions/listNotes.ts:1`, `/src/functions/purgeNotes.ts:2` | Serverless function env of `listNotes`, `purgeNotes` `/serverless.ts:11` | — |');
    expect(env).toContain('| `RETENTION_DAYS` | `/src/functions/purgeNotes.ts:2` | Serverless function env of `purgeNotes` `/src/functions/index.ts:16` | — |');
  });
});

describe('an SDK whose API calls go through a workspace core package', () => {
  it('does not say "No retry logic found" when the core package it depends on retries', async () => {
    const md = (await section(sdksStep, 'sdk-core-fetcher')).markdown;
    expect(md).not.toContain('No retry logic found.');
    expect(md).toContain('`/packages/core/src/fetcher.ts:5` sends the requests with `fetch`.');
    expect(md).toContain('Retries');
  });
});
