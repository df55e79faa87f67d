import { describe, expect, it } from 'vitest';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { frontendApps } from '../src/detectors/frontend-build/apps.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { frontendStep } from '../src/steps/05-frontend.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, indexOf, section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// pkg-nx: an Nx workspace (nx.json) with npm workspaces apps/* and libs/*. libs/db and libs/modules/core are libraries
// whose package.json (copied into the build output) names ./index.cjs.js and ./index.esm.js, built by the project.json's
// @nx/rollup target from src/index.ts; libs/modules/core is outside the workspace globs. apps/web is an Angular app
// defined by its project.json alone (no package.json), built with @angular/build:application from src/main.ts.
describe('Nx projects', () => {
  it('maps a package.json entry to the source the project.json build target names, citing the option', async () => {
    const facts = (await detect(packagesDetector, 'pkg-nx')) as PackageFact[];
    const db = facts.find((f) => f.data.dir === 'libs/db')!.data;
    expect(db.unresolvedEntries).toEqual([]);
    expect(db.entryPoints).toContainEqual(expect.objectContaining({ file: 'libs/db/src/index.ts', builtTo: './index.cjs.js', builtBy: { file: 'libs/db/project.json', line: 10 } }));
    const md = (await section(directoryStructureStep, 'pkg-nx')).markdown;
    expect(md).not.toMatch(/no matching source file/);
    expect(md).toContain('`/libs/db/src/index.ts` — main, module, types → `./index.cjs.js` (built by `/libs/db/project.json:10`)');
  });

  it('counts an Nx project without a package.json as a package, and an Angular executor as an Angular app', async () => {
    const index = await indexOf('pkg-nx');
    const web = index.packages.find((p) => p.dir === 'apps/web')!;
    expect(web).toMatchObject({ name: 'web', manifestPath: 'apps/web/project.json', declared: false, hoisted: { '@angular/core': '~20.1.0' } });
    expect(frontendApps(index).map((a) => [a.dir, a.framework, a.manifestPath])).toEqual([['apps/web', 'angular', 'apps/web/project.json']]);
    const step5 = (await section(frontendStep, 'pkg-nx')).markdown;
    expect(step5).not.toMatch(/No frontend app/);
    expect(step5).toContain('**Framework:** Angular `~20.1.0` (`/apps/web/project.json`)');
    const facts = (await detect(packagesDetector, 'pkg-nx')) as PackageFact[];
    expect(facts.find((f) => f.data.dir === 'apps/web')!.data.entryPoints).toContainEqual(
      expect.objectContaining({ file: 'apps/web/src/main.ts', role: 'Nx "build" target, options.browser', builtBy: { file: 'apps/web/project.json', line: 10 } }),
    );
    // The package manager's member count stays the package.json members; the Nx project is named apart.
    const step1 = (await section(overviewStep, 'pkg-nx')).markdown;
    expect(step1).toContain('2 packages via npm workspaces (`apps/*`, `libs/*`), plus 1 other package.json folder outside the workspace globs (`/libs/modules/core`), plus 1 Nx project with a project.json and no package.json (`/apps/web/project.json`):');
  });

  it('installs an Nx workspace once at the root: its projects outside the workspaces need no install of their own', async () => {
    const md = (await section(workflowsStep, 'pkg-nx')).markdown;
    expect(md).not.toMatch(/each installs in its folder/);
    expect(md).toContain('The 2 Nx projects that are no workspace members (`apps/web`, `libs/modules/core`) need no install of their own: Nx builds them with the root install\'s dependencies (`/apps/web/project.json`, `/nx.json`).');
  });
  it('keeps the project.json line an Nx project declares its entry at in the compact layout (past 15 packages)', async () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: '@acme/source', private: true, devDependencies: { nx: '21.3.0', '@nx/js': '21.3.0' } }),
      'nx.json': '{}\n',
    };
    for (let i = 1; i <= 16; i++) {
      const dir = `libs/feat${i}`;
      const project = { name: `feat${i}`, projectType: 'library', sourceRoot: `${dir}/src`, targets: { build: { executor: '@nx/js:tsc', options: { main: `${dir}/src/index.ts` } } } };
      files[`${dir}/project.json`] = `${JSON.stringify(project, null, 2)}\n`;
      files[`${dir}/src/index.ts`] = `export const feat${i} = ${i};\n`;
    }
    const md = (await section(directoryStructureStep, tempRepo(files))).markdown;
    // The compact layout: four lines per package, no "Entry points" table.
    expect(md).toContain('### feat1 — libs/feat1\n\n- **Purpose:**');
    expect(md).toContain('- **Entry points:** `/libs/feat1/src/index.ts` (Nx "build" target, options.main; declared in `/libs/feat1/project.json:9`)');
  });
});
