import { describe, expect, it } from 'vitest';
import { packageKind } from '../src/detectors/stack/kind.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One template of fullstack-template: a monorepo of its own under examples/, with its workspaces and lockfile. */
function template(name: string): Record<string, string> {
  const dir = `examples/${name}`;
  return {
    [`${dir}/package.json`]: `{\n  "name": "${name}",\n  "private": true,\n  "workspaces": ["apps/*", "packages/*"]\n}\n`,
    [`${dir}/package-lock.json`]: '{"lockfileVersion": 3}\n',
    [`${dir}/apps/api/package.json`]: JSON.stringify({ name: '@repo/api', private: true, scripts: { dev: 'tsx watch src' }, dependencies: { fastify: '^5', '@repo/utils': '*' } }),
    [`${dir}/apps/api/src/index.ts`]: "import Fastify from 'fastify';\nFastify().listen({ port: 4000 });\n",
    [`${dir}/packages/utils/package.json`]: JSON.stringify({ name: '@repo/utils', version: '0.0.0', exports: { '.': './src/index.ts' } }),
    [`${dir}/packages/utils/src/index.ts`]: 'export const x = 1;\n',
  };
}

describe('workspace roots side by side, with no package.json at the repository root', () => {
  // No package.json at the root (tempRepo would write one).
  const repo = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-roots-'));
    for (const [file, text] of Object.entries({ 'README.md': '# templates\n', ...template('with-a'), ...template('with-b') })) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };

  it('finds every root and links each one its members', async () => {
    const index = await indexOf(repo());
    expect(index.workspaceRoots.map((r) => r.root)).toEqual(['examples/with-a', 'examples/with-b']);
    // Members of the second root are workspace members too, not loose package.json folders.
    expect(index.packages.filter((p) => !p.declared).map((p) => p.dir)).toEqual([]);
    // Their shared names are qualified with the folder, and the name as written still says what a package is.
    const utils = index.packages.find((p) => p.dir === 'examples/with-b/packages/utils')!;
    expect(utils.name).toBe('@repo/utils (examples/with-b/packages/utils)');
    expect(packageKind(utils, index)?.label).toBe('Shared code for the other packages');
  });

  it('installs each root in its folder (step 9), names every root (step 1) and maps the packages (step 2)', async () => {
    const root = repo();
    const step9 = (await section(workflowsStep, root)).markdown;
    expect(step9).toContain('`cd examples/with-a && npm ci`');
    expect(step9).toContain('`cd examples/with-b && npm ci`');
    expect(step9).not.toContain('installs in its folder');
    // Each api links the utils of its own root, whose name is qualified with its folder.
    expect(step9).toContain('(2 links in their package.json files)');
    const step1 = (await section(overviewStep, root)).markdown;
    expect(step1).toContain('`/examples/with-a/package.json:4`');
    expect(step1).toContain('`/examples/with-b/package.json:4`');
    expect(step1).not.toContain('single-package');
    expect(step1).toContain('No package.json at the root: 6 packages, all in example, test or benchmark folders, in 2 workspace roots');
    const step2 = (await section(directoryStructureStep, root)).markdown;
    expect(step2).not.toContain('could not be read');
    expect(step2).toContain('/examples/with-b/apps/api');
  });
});
