/**
 * The invariant behind every "none found": over every fixture, no negative claim in one section is contradicted by a
 * fact of ANY detector (not only those the claiming step reads), and every negative sentence a section prints is a
 * claim the model confirmed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { FactSet } from '../src/facts.js';
import { ALL_TOPICS, topic } from '../src/model/topics.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { generateSection } from '../src/steps/generate.js';
import { STEPS } from '../src/steps/registry.js';
import { EXAMPLE, PROJECT_ROOT } from './helpers/fixture.js';

const FIXTURES = readdirSync(path.join(PROJECT_ROOT, 'test/fixtures'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(PROJECT_ROOT, 'test/fixtures', d.name));

/** The shape of a negative sentence, as a reader's check of the map finds them (shared/tools/map-check). */
const NEGATIVE = /\b(no|not|none|nowhere|never|without)\b[^|]{0,80}\b(found|read|set|imported|used|recognised|detected|defined)\b/i;

/**
 * Negative wording that is not a claim about the repository: what this document does ("values are never read into
 * it"), or a hedge that names its own limit ("as written", "statically").
 */
const NOT_A_CLAIM = [
  /values are never (read|copied)/i,
  /Names only/i,
  /could not be (traced|resolved|read) statically/i,
  /not read statically/i,
  /not read in the code read/i,
  /not read by name/i,
  /sets variables by a computed name/i,
  /reads variables by a computed name at/i,
  /not instantiated in the code read/i,
  /no route wiring found for it/i,
  /not set; [\w@/.-]+'s default (is|depends on its version)/i,
  /none found next to the webhook handler/i,
  /No direct calls found in code for/i,
  /No retry logic found/i,
  // Step 7, of one SDK package whose files it names: an SDK without an HTTP layer (a client that talks through a
  // handler it serves) is now mapped, so the sentence reaches fixtures.
  /No HTTP call \(fetch, axios, ky, got…\) found in the package source/i,
  // Step 5's Routes cell of a framework whose routes this tool does not read (Vue, Svelte, Solid, Angular): a limit
  // of the reader, said again under the app ("Routes and components of Angular apps are not analysed").
  /^\| `[^`]+` \| (Vue|Svelte|SvelteKit|Solid|Angular)\b.*\| not read \|$/,
  /not imported in source/i,
  /No package\.json scripts/i,
  // Sentences that go on to show what was found instead of "none".
  /, but (these|the repository|test files)/i,
  /named in `\//,
  /\bnot-found\./,
];

const allDetectors = [...new Map([...STEPS.flatMap((s) => s.definition.detectors), ...ALL_TOPICS.flatMap((t) => t.detectors)].map((d) => [d.id, d])).values()];

describe('negative claims are conclusions of the whole repository model', () => {
  for (const root of [EXAMPLE, ...FIXTURES]) {
    it(`holds on ${path.relative(PROJECT_ROOT, root)}`, async () => {
      const index = await buildIndex(root);
      const analysis = new Analysis(index);
      const sections = STEPS.map((s) => generateSection(s.definition, analysis));
      const everything = new FactSet(analysis.run(allDetectors));
      const contradicted: string[] = [];
      const unclaimed: string[] = [];
      for (const section of sections) {
        for (const claim of section.claims ?? []) {
          const evidence = topic(claim.topic).evidence(everything, index, claim.subject);
          if (evidence.length > 0) contradicted.push(`step ${section.step}: "${claim.text}" (${claim.topic}${claim.subject ? ` ${claim.subject}` : ''}) vs ${evidence[0].what} at ${evidence[0].at.file}`);
        }
        for (const line of section.markdown.split('\n')) {
          if (line.startsWith('<!--') || !NEGATIVE.test(line) || NOT_A_CLAIM.some((re) => re.test(line))) continue;
          if (!(section.claims ?? []).some((c) => line.includes(c.text))) unclaimed.push(`step ${section.step}: ${line.slice(0, 160)}`);
        }
      }
      expect(contradicted).toEqual([]);
      expect(unclaimed).toEqual([]);
    });
  }
});

describe('classes of false "none" seen on real repositories', () => {
  const sectionsOf = async (name: string) => {
    const index = await buildIndex(path.join(PROJECT_ROOT, 'test/fixtures', name));
    const analysis = new Analysis(index);
    return STEPS.map((s) => generateSection(s.definition, analysis).markdown);
  };

  it('finds an app outside the workspace list and a Next.js app whose next dependency is hoisted to the root', async () => {
    const md = await sectionsOf('model-hidden-apps');
    expect(md[4]).not.toContain('No frontend application found');
    expect(md[4]).toContain('2 frontend apps: `@hidden/site` (Next.js), `web` (React + Vite).');
    expect(md[4]).toContain('| `web` | React + Vite | `/web` | `/web/vite.config.ts` |');
    expect(md[1]).toContain('`/web`');
    expect(md[1]).toMatch(/`@hidden\/site` \| `\/apps\/site` \| product \| Next\.js app \(inferred from next dependency \(hoisted to the root package\.json/);
  });

  it('does not say "no infrastructure", "no deploy" or "set nowhere" when compose, Kubernetes and a Makefile say otherwise', async () => {
    const md = await sectionsOf('model-ops');
    expect(md[5]).not.toContain('No infrastructure code found');
    expect(md[5]).toContain('| `api` | build the repository root → `/Dockerfile` | `3000:3000` | `db`, `cache` | `DATABASE_URL`, `REDIS_URL` | `/docker-compose.yml:2` |');
    expect(md[5]).toContain('| Deployment `ops-service` | `ghcr.io/acme/ops-service:latest` | — | `DATABASE_URL`; Secret `db` | `/k8s/deployment.yaml:1` |');
    expect(md[8]).not.toContain('No deploy scripts');
    expect(md[8]).toContain('- `make deploy` — `kubectl apply -f k8s/` (`/Makefile:6`)');
    expect(md[8]).not.toContain('set nowhere');
    // zod requires it: unset, `schema.parse(process.env)` throws at startup.
    expect(md[8]).toContain('- `DATABASE_URL` — required: startup fails if unset (schema `/src/config.ts:4`)\n');
    expect(md[7]).toContain('| `DATABASE_URL` | `/src/config.ts:4` (as `config.DATABASE_URL`) | compose service `api` `/docker-compose.yml:7`; Kubernetes `ops-service / api` `/k8s/deployment.yaml:12` (from a Secret) | **yes** |');
    expect(md[3]).toContain('signs of a database');
    expect(md[3]).toContain('database client pg in ops-service');
  });
});
