import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importerSpecifiers } from '../src/detectors/scripts/pnpm-lock-drift.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

const LOCK5 = [
  'lockfileVersion: 5.4',
  '',
  'importers:',
  '',
  '  apps/site:',
  '    specifiers:',
  '      astro: ^1.6.12',
  "      '@scope/ui': workspace:^0.0.1",
  '    dependencies:',
  '      astro: 1.6.12',
  '',
  '  packages/ui:',
  '    specifiers: {}',
  '',
  'packages:',
  '',
  '  /astro/1.6.12:',
  '    resolution: {integrity: sha512-x}',
  '',
].join('\n');

const LOCK9 = [
  "lockfileVersion: '9.0'",
  '',
  'catalogs:',
  '  default:',
  '    vite:',
  '      specifier: 7.1.12',
  '      version: 7.1.12',
  '',
  'importers:',
  '',
  '  .: {}',
  '',
  '  apps/web:',
  '    dependencies:',
  '      react:',
  "        specifier: 'catalog:'",
  '        version: 19.1.2',
  '    devDependencies:',
  '      vite:',
  '        specifier: 7.1.12',
  '        version: 7.1.12(@types/node@22.18.12)',
  '',
].join('\n');

describe('pnpm-lock.yaml importers', () => {
  it('reads lockfile 5 specifier maps and lockfile 6+ specifiers, with quoted names and empty importers', () => {
    const five = importerSpecifiers(LOCK5)!;
    expect([...five.keys()]).toEqual(['apps/site', 'packages/ui']);
    expect(Object.fromEntries(five.get('apps/site')!)).toEqual({ astro: '^1.6.12', '@scope/ui': 'workspace:^0.0.1' });
    const nine = importerSpecifiers(LOCK9)!;
    expect([...nine.keys()]).toEqual(['.', 'apps/web']);
    expect(Object.fromEntries(nine.get('apps/web')!)).toEqual({ react: 'catalog:', vite: '7.1.12' });
    expect(importerSpecifiers('not: a lockfile\n')).toBeUndefined();
  });
});

describe('the install step when the lockfile does not record what a package.json declares (astro-monorepo)', () => {
  const repo = (site: Record<string, string>) => {
    const root = tempRepo({
      'pnpm-workspace.yaml': 'packages:\n  - apps/*\n  - packages/*\n',
      'pnpm-lock.yaml': LOCK5,
      'apps/site/package.json': JSON.stringify({ name: 'site', dependencies: site }),
      'packages/ui/package.json': JSON.stringify({ name: '@scope/ui', version: '0.0.1' }),
    });
    rmSync(path.join(root, 'package.json'));
    return root;
  };

  it('gives the plain install and says why, naming the first declaration the lockfile lacks', async () => {
    const nine = (await section(workflowsStep, repo({ astro: '^1.6.12', '@scope/ui': 'workspace:^0.0.1', svelte: '^3.55.0', 'collect.js': '^4.36.1' }))).markdown;
    expect(nine).toContain(
      "**Install:** `pnpm install` at the repository root (pnpm, lockfile `/pnpm-lock.yaml` — out of date: `/apps/site/package.json` declares `svelte` `^3.55.0`, which it does not record (2 declarations it does not record in all), so `--frozen-lockfile` would stop; the install updates it",
    );
  });

  it('keeps the frozen install when every declaration is recorded, whatever specifier it was written with', async () => {
    const nine = (await section(workflowsStep, repo({ astro: '^1.6.13', '@scope/ui': 'workspace:^0.0.1' }))).markdown;
    expect(nine).toContain('**Install:** `pnpm install --frozen-lockfile` at the repository root (pnpm, lockfile `/pnpm-lock.yaml`, pnpm workspaces');
  });
});
