import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { generateSection } from '../src/steps/generate.js';
import { describedAsSdk, readmeTitleSaysSdk } from '../src/detectors/shared/sdk-words.js';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import { directoryStructureStep } from '../src/steps/02-directory-structure.js';
import { backendApiStep } from '../src/steps/03-backend-api.js';
import { sdksStep } from '../src/steps/07-sdks.js';
import { overviewStep } from '../src/steps/01-overview.js';
import { configurationStep } from '../src/steps/08-configuration.js';
import { workflowsStep } from '../src/steps/09-workflows.js';
import { detect, indexOf, section } from './helpers/fixture.js';

// pkg-members: pnpm-workspace.yaml names packages/* minus packages/legacy; examples/next-a and examples/next-b are
// package.json folders outside the workspaces that share the name `example-next` (next-b has its own yarn.lock).
describe('package membership and identity', () => {
  it('knows which package.json folders are workspace members, with ! negations, and keeps two same-named folders apart', async () => {
    const index = await indexOf('pkg-members');
    const byDir = Object.fromEntries(index.packages.map((p) => [p.dir, { name: p.name, declared: p.declared }]));
    expect(byDir).toEqual({
      '': { name: 'acme-root', declared: true },
      'packages/core': { name: '@acme/core', declared: true },
      'packages/ui': { name: '@acme/ui', declared: true },
      'packages/legacy': { name: '@acme/legacy', declared: false },
      'examples/next-a': { name: 'example-next (examples/next-a)', declared: false },
      'examples/next-b': { name: 'example-next (examples/next-b)', declared: false },
    });
  });

  it('step 2 heads each same-named package with its folder once', async () => {
    // pkg-app-locks: apps/admin is a copy of apps/web that kept its name.
    const md = (await section(directoryStructureStep, 'pkg-app-locks')).markdown;
    expect(md).toContain('### web — apps/admin');
    expect(md).toContain('### web — apps/web');
  });

  it('step 1 counts workspace members and names the other package.json folders', async () => {
    const md = (await section(overviewStep, 'pkg-members')).markdown;
    expect(md).toContain(
      '2 packages via pnpm workspaces (`packages/*`, `!packages/legacy`), plus 3 other package.json folders outside the workspace globs (2 under `/examples`, `/packages/legacy`):',
    );
    expect(md).toContain('pnpm workspaces (`/pnpm-workspace.yaml`, packages/\\*, !packages/legacy — 2 packages)');
  });

  it('step 9 runs a non-member in its folder with its own package manager, and builds only members in order', async () => {
    const md = (await section(workflowsStep, 'pkg-members')).markdown;
    expect(md).toContain('| example-next (examples/next-a) | `cd examples/next-a && npm run dev` | `next dev` |');
    expect(md).toContain('| example-next (examples/next-b) | `cd examples/next-b && yarn dev` | `next dev -p 3001` |');
    expect(md).not.toContain('--filter example-next');
    expect(md).toContain(
      'at the repository root (pnpm `pnpm@9.1.0`, lockfile `/pnpm-lock.yaml`, pnpm workspaces: `packages/*`, `!packages/legacy`). The 3 package.json folders outside the workspaces are not installed by it: each installs in its folder (`cd examples/next-a && npm install`, …, 1 of them with a lockfile of its own).',
    );
    expect(md).toContain('1. @acme/ui\n2. @acme/core   (needs @acme/ui)\n```');
  });

  it('step 8 gives each package.json its own scripts table when two share a name', async () => {
    const md = (await section(configurationStep, 'pkg-members')).markdown;
    const a = md.indexOf('Scripts in `/examples/next-a/package.json`:');
    const b = md.indexOf('Scripts in `/examples/next-b/package.json`:');
    expect(a).toBeGreaterThan(-1);
    expect(b).toBeGreaterThan(-1);
    const tableA = md.slice(a, md.indexOf('####', a + 1) === -1 ? undefined : md.indexOf('####', a + 1));
    expect(tableA).toContain('`next build`');
    expect(tableA).not.toContain('`next lint`');
  });

  it('step 3 lists the API routes of two same-named examples under their own folders', async () => {
    const md = (await section(backendApiStep, 'pkg-members')).markdown;
    expect(md).toContain('#### Next.js API routes: example-next (examples/next-a)');
    expect(md).toContain('#### Next.js API routes: example-next (examples/next-b)');
  });

  it('step 9 installs per package when each app commits its own lockfile and the root has neither workspaces nor a lockfile', async () => {
    const md = (await section(workflowsStep, 'pkg-app-locks')).markdown;
    expect(md).toContain(
      '**Install:** per package, each with the package manager of its own lockfile (the root has no workspaces and no lockfile): `cd apps/admin && npm ci` (`/apps/admin/package-lock.json`), `cd apps/web && yarn install --frozen-lockfile` (`/apps/web/yarn.lock`).',
    );
    expect(md).not.toContain('`npm install` at the repository root');
    expect(md).toContain('| web (apps/web) | `cd apps/web && yarn dev` | `vite` |');
    expect(md).toContain('| web (apps/admin) | `cd apps/admin && npm run dev` | `vite --port 4000` |');
  });

  it('step 9 says a root install leaves nested packages out when there are no workspaces, even with a root lockfile', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-nested-locks-'));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      };
      write('package.json', JSON.stringify({ name: 'site', scripts: { dev: 'vite' }, dependencies: { vite: '^5.0.0' } }));
      write('package-lock.json', '{"lockfileVersion":3}\n');
      write('functions/package.json', JSON.stringify({ name: 'functions', scripts: { build: 'tsc' } }));
      write('functions/yarn.lock', '# yarn lockfile v1\n');
      const md = generateSection(workflowsStep, new Analysis(await buildIndex(dir))).markdown;
      expect(md).toContain(
        '`npm ci` at the repository root (npm, lockfile `/package-lock.json`). The package.json folder nested (no workspaces) is not installed by it: each installs in its folder (`cd functions && yarn install --frozen-lockfile`, lockfile `/functions/yarn.lock`).',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// pkg-sdk-dist: packages/acme publishes from its build folder (`./express.js` built from src/express.ts), is described
// "Official SDK for Acme.com" and exports the class `Acme`; packages/relay says nothing but exports `Relay`.
describe('published packages: entry points from source and SDKs by their own words', () => {
  it('maps `./x.js`, `./x.cjs`, `./x.d.ts` and `./dir/x.js` at the package root to src/x.ts, and only then says build output', async () => {
    const facts = (await detect(packagesDetector, 'pkg-sdk-dist')) as PackageFact[];
    const acme = facts.find((f) => f.data.dir === 'packages/acme')!.data;
    expect(acme.entryPoints.map((e) => [e.file, e.builtTo])).toEqual([
      ['packages/acme/src/index.ts', './index.cjs'],
      ['packages/acme/src/express.ts', './express.js'],
      ['packages/acme/src/deno/fresh.ts', './deno/fresh.js'],
    ]);
    expect(acme.unresolvedEntries).toEqual([{ role: 'exports["./gone"]', declared: './gone.js', built: true }]);
    const md = (await section(directoryStructureStep, 'pkg-sdk-dist')).markdown;
    expect(md).not.toContain('`./express.js` — exports["./express"] (build output; no matching source file');
    expect(md).toContain('- `./gone.js` — exports["./gone"] (build output; no matching source file in the repository)');
    expect(md).toContain('- `/packages/acme/src/express.ts` — exports["./express"] → `./express.js`');
  });

  it('a main no build makes (npm init\'s `index.js` in a workspace root) points at nothing: not "build output"', async () => {
    // The shape of trpc-express-prisma-react-vite-docker-starter: the root build script only runs the workspaces' builds.
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const root = tempRepo({
      // `start.js`, since tempRepo's own src/index.ts would be taken as the source of `index.js`.
      'package.json': JSON.stringify({ name: 'starter', main: 'start.js', private: true, scripts: { build: 'yarn workspace server build' }, workspaces: ['packages/*'] }),
      'packages/server/package.json': JSON.stringify({ name: 'server', main: 'dist/main.js', scripts: { build: 'tsc' } }),
      'packages/server/lib.ts': 'export {};\n',
    });
    const facts = (await detect(packagesDetector, root)) as PackageFact[];
    expect(facts.map((f) => [f.data.dir, f.data.unresolvedEntries.map((u) => [u.declared, u.built])])).toEqual([
      ['', [['start.js', false]]],
      ['packages/server', [['dist/main.js', true]]],
    ]);
    const md = (await section(directoryStructureStep, root)).markdown;
    expect(md).toContain('- `start.js` — main (package.json points at it, but it does not exist; no matching source file in the repository)');
    expect(md).toContain('- `dist/main.js` — main (build output; no matching source file in the repository)');
  });

  it('step 7 maps a package described as an SDK, and one exporting a class named like the package, with their client classes', async () => {
    const md = (await section(sdksStep, 'pkg-sdk-dist')).markdown;
    expect(md).toContain('2 SDK packages: `acme` (`/packages/acme`), `@acme/relay` (`/packages/relay`).');
    expect(md).toContain('- **Main client:** `Acme` (`/packages/acme/src/components/Acme.ts:7`)');
    expect(md).toContain('- **Main client:** `Relay` (`/packages/relay/src/index.ts:2`)');
    expect(md).toMatch(/\| `client\.send` \| `send\(name: string, data\?: unknown\): Promise<void>` \|/);
    expect(md).not.toContain('No SDK or client library found');
    const step2 = (await section(directoryStructureStep, 'pkg-sdk-dist')).markdown;
    expect(step2).toContain('**Kind:** Client SDK (from its package.json description)');
  });

  it('reads SDK words as the package describing itself, not an app that uses some SDK', () => {
    const d = (description: string) => describedAsSdk({ description });
    expect(d('Official SDK for Inngest.com. Inngest is the reliability layer')).toBe(true);
    expect(d('Node.js client library for the Acme API')).toBe(true);
    expect(d('An example app using the Inngest SDK')).toBe(false);
    expect(d('Next.js starter with the Stripe SDK')).toBe(false);
    expect(d('A Hono server')).toBe(false);
    expect(readmeTitleSaysSdk('<div align="center"></div>\n\n# Acme TypeScript SDK\n')).toBe(true);
    expect(readmeTitleSaysSdk('# Acme\n\nBuilt with the Acme SDK.\n')).toBe(false);
  });
});

// pkg-folder-installs: npm workspaces `packages/*`; the root postinstall runs `cd functions && npm install`, the
// packages/cdk member's postinstall `npm ci --prefix custom-resources`, the root script `extension:ci` installs
// extension/, and nothing installs tools/.
describe('folders that scripts install', () => {
  it('step 9 names the script that installs a folder outside the workspaces instead of calling it not installed', async () => {
    const md = (await section(workflowsStep, 'pkg-folder-installs')).markdown;
    const install = md.split('\n').find((l) => l.includes('**Install:**'))!;
    expect(install).toContain('`functions` (outside the workspaces) is installed by it too: the `postinstall` script of the root runs `cd functions && npm install` (`/package.json:6`).');
    expect(install).toContain('`packages/cdk/custom-resources` (outside the workspaces) is installed by it too: the `postinstall` script of `packages/cdk` runs `npm ci --prefix custom-resources` (`/packages/cdk/package.json:4`).');
    expect(install).toContain('`extension` (outside the workspaces) installs with `npm run extension:ci`: `cd extension && npm ci` (`/package.json:7`).');
    expect(install).toContain('The other package.json folder outside the workspaces is not installed by it: each installs in its folder (`cd tools && npm install`).');
    expect(install).not.toMatch(/folders outside the workspaces are not installed/);
  });
});

describe('build order by published name', () => {
  it('example apps that depend on the root library by name are not "independent"', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'passwordless', version: '1.0.0', main: 'dist/index.js' }),
      'examples/web/package.json': JSON.stringify({ name: 'web-example', private: true, dependencies: { passwordless: '^1.0.0' } }),
      'examples/native/package.json': JSON.stringify({ name: 'native-example', private: true, dependencies: { passwordless: '^1.0.0' } }),
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).not.toContain('they build independently');
    expect(md).toContain('`web-example` (`/examples/web/package.json`) → `passwordless`');
  });
});

describe('example env files without a leading dot', () => {
  it('env.sample is copied to .env', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { dev: 'node index.js' } }),
      'package-lock.json': '{}',
      'podman/env.sample': 'DATABASE_URL=\n',
      '.env.example': 'PORT=\n',
      'index.js': 'console.log(process.env.DATABASE_URL, process.env.PORT);\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`/podman/env.sample` → `podman/.env`');
    expect(md).toContain('`/.env.example` → `.env`');
  });

  it('env.sh.template is copied to env.sh, and its commented-out `# export NAME=` lines say where NAME is set', async () => {
    const { tempRepo } = await import('./helpers/temp-repo.js');
    const { section } = await import('./helpers/fixture.js');
    const { workflowsStep } = await import('../src/steps/09-workflows.js');
    const { configurationStep } = await import('../src/steps/08-configuration.js');
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'app', private: true, scripts: { dev: 'node index.js' } }),
      'package-lock.json': '{}',
      'env.sh.template': '## required\nexport STACK_NAME=<name>\n## optional\n# export LAMBDA_MEMORY=<128>\n# not a variable: see FOO=bar\n',
      'deploy.sh': 'source ./env.sh\n',
      'index.js': 'console.log(process.env.STACK_NAME, process.env.LAMBDA_MEMORY, process.env.FOO);\n',
    });
    const md = (await section(workflowsStep, root)).markdown;
    expect(md).toContain('`/env.sh.template` → `env.sh`');
    expect(md).not.toContain('`.env.sh`');
    const config = (await section(configurationStep, root)).markdown;
    expect(config).toMatch(/\| `LAMBDA_MEMORY` \| [^|]+ \| `\/env\.sh\.template:4` \|/);
    expect(config).toMatch(/\| `FOO` \| [^|]+ \| — \|/);
  });
});
