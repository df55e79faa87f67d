import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { generateSection } from '../src/steps/generate.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { readmeDetector } from '../src/detectors/readme/index.js';
import { stackDetector } from '../src/detectors/stack/index.js';
import { EXAMPLE, PROJECT_ROOT, detect, indexOf, section, stepModel } from './helpers/fixture.js';

const FIXTURES = ['ov-single', 'ov-pnpm', 'ov-yarn', 'ov-noreadme'];

describe('step 1 — Project Overview & Architecture', () => {
  it('names the project after package.json, not after a README section heading', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-title-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'invoicer', description: 'Sends invoices every month.' }));
      writeFileSync(path.join(dir, 'README.md'), '# Intro\n\nThis service sends invoices.\n\n## Install\n\nnpm i\n');
      const md = generateSection(overviewStep, new Analysis(await buildIndex(dir))).markdown;
      expect(md.split('\n')[0]).toBe('# invoicer — Project Context');
      expect(md).toContain('**Name:** invoicer (`/package.json`)');
      expect(md).not.toMatch(/^# Intro — /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without components from package.json, points at the infrastructure files steps 3 and 6 describe', async () => {
    const md = (await section(overviewStep, 'infra-sam')).markdown;
    // Never "No deployable components detected" beside a SAM template (it was printed with this list before).
    expect(md).not.toContain('No deployable components');
    expect(md).toContain(
      [
        'No component could be placed in a diagram from package.json dependencies, but these are deployed or run (steps 3 and 6 map them):',
        '',
        '- CloudFormation project — `/legacy/stack.template.json:1`',
        '- AWS SAM `Orders API` — `/template.yaml:1`',
        '- container image — `/image/Dockerfile`',
      ].join('\n'),
    );
    expect(missingCitations(md, await indexOf('infra-sam'))).toEqual([]);
  });

  it('is registered as step 1', () => {
    expect(STEPS[0].definition).toBe(overviewStep);
  });

  it.each(FIXTURES)('%s: starts with the file title and the step heading, and cites only existing paths', async (fixture) => {
    const s = await section(overviewStep, fixture);
    const lines = s.markdown.split('\n');
    expect(lines[0]).toMatch(/^# .+ — Project Context$/);
    expect(s.markdown).toContain('\n## 1. Project Overview & Architecture\n');
    expect(s.markdown).toContain('\n### Tech stack\n');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
  });

  it('names a single-package library from its README, with tagline, features and stack', async () => {
    const md = (await section(overviewStep, 'ov-single')).markdown;
    expect(md.split('\n')[0]).toBe('# tiny-cache — Project Context');
    expect(md).toContain('- **Tagline:** Fast, typed LRU cache with per-entry TTLs. Zero dependencies. (`/README.md:5`)');
    expect(md).toContain('- **package.json description:** A tiny LRU cache with TTLs for Node.js and browsers. (`/package.json:4`)');
    expect(md).toContain('(from "Features", `/README.md:7`)');
    expect(md).toContain('- Per-entry TTLs');
    expect(md).toContain('- **Node.js:** `18.19.0` (`/.nvmrc`); `>=18` (engines.node `/package.json:15`)');
    expect(md).toContain('| Vitest | `vitest` | `^1.6.0` | `/package.json:22` |');
    expect(md).toContain('No deployable components detected');
    expect(md).toContain('A single-package repository: one package, `tiny-cache` (`/package.json`).');
  });

  it('draws CDK components from a text scan, each with its evidence path and line', async () => {
    const md = (await section(overviewStep, 'ov-noreadme')).markdown;
    expect(md).toContain('No README at the repository root');
    expect(md).toContain('- **What it is:** AWS CDK app (infrastructure as code) (inferred from aws-cdk-lib dependency)');
    expect(md).toMatch(/│ API Gateway \(HTTP\) │[\s\S]+│\s+Lambda\s+│[\s\S]+│\s+DynamoDB\s+│/);
    expect(md).toContain('| API Gateway (HTTP) | Edge & API | `/lib/billing-stack.ts:22` (`new apigwv2.HttpApi`) |');
    expect(md).toContain('| DynamoDB | Data, auth & services | `/lib/billing-stack.ts:12` (`new dynamodb.TableV2`) |');
    expect(md).not.toContain('/test/billing-stack.test.ts');
  });

  it('shows the monorepo as a tree of packages with their purpose', async () => {
    const md = (await section(overviewStep, 'ov-yarn')).markdown;
    expect(md).toContain('4 packages via yarn workspaces (`services/*`, `libs/**`, `!libs/**/fixtures/**`):');
    expect(md).toMatch(/│   │   └── logger\/\s+# @shop\/logger — Structured JSON logger shared by the services\./);
    expect(md).toMatch(/    └── worker\/\s+# @shop\/worker — AWS Lambda handlers \(inferred\)/);
    const pnpm = (await section(overviewStep, 'ov-pnpm')).markdown;
    expect(pnpm).toContain('- **Name:** Acme Platform (`/README.md:1`) — package `acme-monorepo` in `/package.json`');
    expect(pnpm).toContain('- **Workspaces:** pnpm workspaces (`/pnpm-workspace.yaml`, apps/\\*, packages/\\* — 5 packages)');
    expect(pnpm).toContain('- **Task runner:** Turborepo (`/turbo.json`)');
  });

  it('summarises a --vision document, citing it when it is in the repository and naming it otherwise', async () => {
    const text = '# Cache vision\n\n## Problem\nCaches are hard. Really.\n\n## Goals\n- Tiny\n- Fast\n';
    const inside = (await section(overviewStep, 'ov-single', { vision: { path: 'docs/design.md', text } })).markdown;
    expect(inside).toContain('#### Vision');
    expect(inside).toContain('From the product document "Cache vision" (`/docs/design.md`), its sections and first lines:');
    expect(inside).toContain('- **Problem** — Caches are hard.');
    expect(inside).toContain('- **Goals** — Tiny · Fast');
    const outside = (await section(overviewStep, 'ov-single', { vision: { path: '/Users/someone/brainstorm.md', text } })).markdown;
    expect(outside).toContain('(/Users/someone/brainstorm.md)');
    expect(missingCitations(outside, await indexOf('ov-single'))).toEqual([]);
  });

  it('matches the golden section for examples/kv-store', async () => {
    const vision = readFileSync(path.join(EXAMPLE, 'docs/vision.md'), 'utf8');
    const s = await section(overviewStep, EXAMPLE, { vision: { path: 'docs/vision.md', text: vision } });
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-01.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });

  it('is fast: the section is ready well under a second on the example (fresh index)', async () => {
    const index = await buildIndex(EXAMPLE);
    const start = performance.now();
    generateSection(overviewStep, new Analysis(index));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('step 1 — untrusted text', () => {
  it('never turns repository text into a fake path citation or a terminal escape', async () => {
    const index = await indexOf('ov-single');
    const facts = await Promise.all([detect(readmeDetector, 'ov-single'), detect(stackDetector, 'ov-single'), detect(packagesDetector, 'ov-single')]);
    const root = facts[2][0] as PackageFact;
    const evil = {
      ...root,
      data: {
        ...root.data,
        purpose: { text: 'Run `/etc/passwd` \u001b[31mred\u001b[0m', source: 'description' as const, at: { file: 'package.json', line: 4 } },
      },
    };
    const md = overviewStep.build(stepModel(index, [...facts[0], ...facts[1], evil]), { vision: { path: '/abs/outside.md', text: '# V\n\n## A\n`/nope` here\n' } }).markdown;
    expect(missingCitations(md, index)).toEqual([]);
    const generated = generateSection(overviewStep, new Analysis(index), { vision: { path: '/abs/outside.md', text: '## A\n\u001b[2Jx\n' } }).markdown;
    expect(generated).not.toContain('\u001b');
  });
});

describe('step 1 — neither README nor package.json', () => {
  it('says the name is the folder name instead of pointing at a package.json that is not there', async () => {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-bare-'));
    writeFileSync(path.join(dir, 'main.py'), 'print(1)\n');
    const s = generateSection(overviewStep, new Analysis(await buildIndex(dir)));
    expect(s.markdown).toContain('No README and no package.json at the repository root: the name is the folder name.');
    expect(s.markdown).not.toContain('come from package.json only');
  });
});
