import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaces } from '../src/scan/workspaces.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

/** In-memory readers over a file map, for findWorkspaces. */
function layout(files: Record<string, string>) {
  const list = Object.keys(files).sort();
  const text = (f: string) => files[f];
  const json = (f: string) => (files[f] === undefined ? undefined : JSON.parse(files[f]));
  return findWorkspaces(list, json, text);
}

describe('a workspace root in a folder', () => {
  it('reads `workspaces\\*` (a Windows backslash glob) in a nested package.json, its members linked', () => {
    const l = layout({
      'infra/package.json': JSON.stringify({ name: 'root', workspaces: ['workspaces\\*'] }),
      'infra/workspaces/a/package.json': JSON.stringify({ name: 'a' }),
      'infra/workspaces/b/package.json': JSON.stringify({ name: 'b' }),
      'backend/api/package.json': JSON.stringify({ name: 'api' }),
    });
    expect(l.tool).toBe('npm');
    expect(l.root).toBe('infra');
    expect(l.patterns).toEqual(['infra/workspaces/*']);
    const declared = l.packages.filter((p) => p.declared).map((p) => p.dir);
    expect(declared).toEqual(['infra', 'infra/workspaces/a', 'infra/workspaces/b']);
    expect(l.packages.find((p) => p.dir === 'backend/api')?.declared).toBe(false);
  });

  it('reads a pnpm-workspace.yaml in a folder', () => {
    const l = layout({
      'tools/package.json': JSON.stringify({ name: 'tools' }),
      'tools/pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'tools/packages/one/package.json': JSON.stringify({ name: 'one' }),
    });
    expect([l.tool, l.root, l.patterns]).toEqual(['pnpm', 'tools', ['tools/packages/*']]);
    expect(l.packages.find((p) => p.dir === 'tools/packages/one')?.declared).toBe(true);
  });

  it('reads a backslash glob at the repository root too', () => {
    const l = layout({
      'package.json': JSON.stringify({ name: 'r', workspaces: ['packages\\*'] }),
      'packages/a/package.json': JSON.stringify({ name: 'a' }),
    });
    expect([l.root, l.patterns]).toEqual(['', ['packages/*']]);
    expect(l.packages.find((p) => p.dir === 'packages/a')?.declared).toBe(true);
  });

  it('step 1 names the workspaces and their root; step 9 installs in that folder', async () => {
    const index = await indexOf('nested-workspace-root');
    expect(index.workspaceRoot).toBe('infra');
    const one = (await section(overviewStep, 'nested-workspace-root')).markdown;
    expect(one).not.toMatch(/no workspace declaration|independent projects/);
    expect(one).toContain('2 packages via npm workspaces (`infra/workspaces/*`, rooted at `/infra`)');
    const nine = (await section(workflowsStep, 'nested-workspace-root')).markdown;
    expect(nine).not.toContain('installs on its own');
    expect(nine).not.toContain('cd infra/workspaces/alpha && npm install');
    expect(nine).toMatch(/\*\*Install:\*\* `cd infra && npm ci` — the npm workspace root \(`\/infra\/package\.json:\d+`\) links 2 packages/);
    expect(nine).toContain('(`cd backend/api && npm install`)');
  });
});

describe('a pnpm-workspace.yaml at the root without a root package.json (astro-monorepo)', () => {
  const root = tempRepo({
    'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n',
    'pnpm-lock.yaml': "lockfileVersion: '6.0'\n",
    'apps/site/package.json': JSON.stringify({ name: 'site', dependencies: { ui: 'workspace:^' }, scripts: { dev: 'astro dev' } }),
    'packages/ui/package.json': JSON.stringify({ name: 'ui', version: '0.0.1' }),
  });
  rmSync(path.join(root, 'package.json'));

  it('installs once at the root, not each package on its own with npm (workspace: links npm rejects)', async () => {
    const nine = (await section(workflowsStep, root)).markdown;
    expect(nine).toContain('**Install:** `pnpm install --frozen-lockfile` at the repository root (pnpm, lockfile `/pnpm-lock.yaml`, pnpm workspaces: `apps/*`, `packages/*`)');
    expect(nine).not.toContain('no root package.json and no workspaces');
  });
});
