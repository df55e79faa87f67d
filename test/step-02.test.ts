import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { STEPS } from '../src/steps/registry.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { redactText } from '../src/secrets/outbound.js';
import { EXAMPLE, PROJECT_ROOT, detect, indexOf, section, stepModel } from './helpers/fixture.js';

const FIXTURES = ['ov-single', 'ov-pnpm', 'ov-yarn', 'ov-noreadme'];

describe('step 2 — Directory Structure', () => {
  it('is registered as step 2', () => {
    expect(STEPS[1].definition).toBe(directoryStructureStep);
  });

  it.each(FIXTURES)('%s: starts with the step heading and cites only existing paths', async (fixture) => {
    const s = await section(directoryStructureStep, fixture);
    expect(s.markdown.split('\n')[0]).toBe('## 2. Directory Structure');
    expect(missingCitations(s.markdown, await indexOf(fixture))).toEqual([]);
  });

  it('treats a single-package repository as one package at the root', async () => {
    const md = (await section(directoryStructureStep, 'ov-single')).markdown;
    expect(md).toContain('A single-package repository: everything below belongs to `tiny-cache` (`/package.json`).');
    expect(md).not.toContain('### Packages');
    expect(md).toContain('| `/src/lru/` | 2 | list.ts, map.ts |');
    expect(md).toContain('| `/src/` | 4 | source code — index.ts, node.ts |');
    expect(md).toContain('- `/src/index.ts` — main, module, types, exports → `./dist/index.cjs`');
    expect(md).toContain('`→` marks what package.json declares: build output that is not in the repository');
    expect(md).toContain('- `/vitest.config.ts` — Vitest');
  });

  it('lists every workspace package with purpose and source, then each package, then the root tooling', async () => {
    const md = (await section(directoryStructureStep, 'ov-pnpm')).markdown;
    expect(md).toContain('| `@acme/ui` | `/packages/ui` | product | Shared React components for the Acme apps. (`/packages/ui/README.md:3`) |');
    expect(md).toContain('| `@acme/web` | `/apps/web` | product | Next.js app (inferred from next dependency) |');
    expect(md).toContain('| `@acme/tsconfig` | `/packages/tsconfig` | internal tooling | Shared TypeScript configuration (inferred from its package name, @acme/tsconfig) |');
    expect(md).toContain('| `@acme/legacy` | `/packages/legacy` | product | purpose not stated (no description, README or telling dependency) |');
    expect(md).toContain('Roles: 4 product packages, 1 internal tooling package.');
    expect(md).toContain('- **Role:** product (evidence: fastify dependency)');
    // Product packages first, then tooling.
    expect(md.indexOf('| `@acme/ui`')).toBeLessThan(md.indexOf('| `@acme/tsconfig`'));
    expect(md).toContain('### @acme/api — apps/api');
    expect(md).toContain('- `/apps/api/src/server.ts` — main → `dist/server.js`');
    expect(md).toContain('- `/apps/web/app/page.tsx` — Next.js app router');
    expect(md).toContain('| `/apps/web/app/` | 2 | Next.js app router (file-based routes) — layout.tsx, page.tsx |');
    expect(md).toContain('- `/apps/api/Dockerfile` — Docker image');
    expect(md).toMatch(/### Root-level configuration and tooling\n\nThe root package `acme-monorepo` \(`\/package.json`\)/);
    expect(md).toContain('| `/turbo.json` | Turborepo pipeline |');
    // Packages appear in folder order, the root last.
    expect(md.indexOf('### @acme/api')).toBeLessThan(md.indexOf('### @acme/web'));
    expect(md.indexOf('### @acme/ui')).toBeLessThan(md.indexOf('### Root-level'));
  });

  it('names the Lambda handler folder as the entry of a handlers package', async () => {
    const md = (await section(directoryStructureStep, EXAMPLE)).markdown;
    expect(md).toContain('- `/packages/api/src/handlers/` — Lambda handler files');
    expect(md).toContain('- `/packages/infrastructure/bin/kv-store.ts` — `cdk.json` app');
    expect(md).toContain(
      '| `/packages/infrastructure/lib/stacks/` | 5 | CDK stacks — api-stack.ts, auth-stack.ts, database-stack.ts, frontend-stack.ts, monitoring-stack.ts |',
    );
    expect(md).toContain('| `/packages/api/src/handlers/` | 14 | Lambda handlers — folders: account, billing, keys, kv, namespaces, streams, usage |');
    expect(md).toContain('- `/packages/dashboard/src/router.tsx` — route table (by file name)');
  });

  it('never redacts a cited path the repository has, however random it looks to the secret filter', () => {
    const random = 'x7Qp2LmZ9vKd4RtB8wYc3NhJ6sFg1TqE';
    const isPath = (f: string) => f === `src/${random}` || f === 'src/lru';
    const md = `See \`/src/${random}:1\` and \`/src/lru/\` and \`/nope/${random}\` and ${random}.`;
    expect(redactText(md, { isPath })).toBe(`See \`/src/${random}:1\` and \`/src/lru/\` and \`[redacted]\` and [redacted].`);
  });

  it('matches the golden section for examples/kv-store', async () => {
    const s = await section(directoryStructureStep, EXAMPLE);
    expect(missingCitations(s.markdown, await indexOf(EXAMPLE))).toEqual([]);
    const golden = path.join(PROJECT_ROOT, 'test/golden/step-02.md');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, s.markdown);
    expect(s.markdown).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('step 2 — many packages', () => {
  const many = async (n: number, focus?: string) => {
    const index = await indexOf('ov-pnpm');
    const facts = await detect(packagesDetector, 'ov-pnpm');
    const api = facts.find((f) => f.id === 'apps/api') as PackageFact;
    const web = facts.find((f) => f.id === 'apps/web') as PackageFact;
    const root = facts.find((f) => f.id === '.') as PackageFact;
    const copies = Array.from({ length: n }, (_, i) => ({ ...api, id: `apps/api#${i}`, data: { ...api.data, name: `@acme/api-${i}` } }));
    const md = directoryStructureStep.build(stepModel(index, [root, ...copies, web]), focus === undefined ? {} : { focus }).markdown;
    return { md, index };
  };

  it('gives the package --focus names its full details even among very many', async () => {
    const { md } = await many(45, 'apps/web');
    expect(md).toContain('### @acme/web — apps/web');
    expect(md).toMatch(/### @acme\/web — apps\/web\n\n- \*\*Purpose:\*\*[^\n]*\n- \*\*Role:\*\* product/);
    expect(md).toContain('#### Key directories');
    expect(md).not.toContain('### @acme/api-1 —');
  });

  it('gives each of a few dozen packages four lines instead of tables', async () => {
    const { md, index } = await many(20);
    expect(md).toContain('### @acme/api-7 — apps/api');
    expect(md).toContain('- **Folders:** `/apps/api/prisma/` (1, Prisma schema), `/apps/api/src/` (3, source code)');
    expect(md).toContain('- **Entry points:** `/apps/api/src/server.ts` (main)');
    expect(md).toContain('- **Config:** `/apps/api/.env.example`, `/apps/api/Dockerfile`');
    expect(md).not.toContain('#### Key directories');
    expect(missingCitations(md, index)).toEqual([]);
  });

  it('lists very many packages in one table with their main entry point', async () => {
    const { md, index } = await many(45);
    expect(md).toContain('| `@acme/api-44` | `/apps/api` | product | HTTP server (Fastify) (inferred from fastify dependency) | `/apps/api/src/server.ts` (main) | 7 |');
    expect(md).not.toContain('### @acme/api-1 —');
    expect(missingCitations(md, index)).toEqual([]);
  });
});

describe('an app at the root with a nested package folder', () => {
  it('the root app is a package of its own (no workspaces), in step 2 and in step 1 architecture', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { overviewStep } = await import('../src/steps/01-overview.js');
    const { section } = await import('./helpers/fixture.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'crm', private: true, scripts: { dev: 'vite' }, dependencies: { react: '^18.0.0', 'react-dom': '^18.0.0' }, devDependencies: { vite: '^5.0.0' } }),
      'index.html': '<div id="root"></div>',
      'vite.config.ts': 'export default {};',
      'src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<div />);\n",
      'doc/package.json': JSON.stringify({ name: 'crm-doc', private: true, dependencies: { astro: '^4.0.0', '@astrojs/starlight': '^0.20.0' } }),
      'doc/astro.config.mjs': 'export default {};',
      'doc/src/content/docs/index.md': '# Docs\n',
    });
    const md2 = (await section(directoryStructureStep, root)).markdown;
    expect(md2).not.toContain('holds the workspace setup');
    expect(md2).toMatch(/The root package `crm` \(`\/package.json`\) is a package of its own/);
    const md1 = (await section(overviewStep, root)).markdown;
    expect(md1).toMatch(/React SPA/);
  });
});
