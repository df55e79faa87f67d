import { describe, expect, it } from 'vitest';
import { packageKind } from '../src/detectors/stack/kind.js';
import { packageRole } from '../src/detectors/stack/role.js';
import { packagesDetector, type PackageFact } from '../src/detectors/packages/index.js';
import type { PackageJson, WorkspacePackage } from '../src/scan/package-json.js';
import { detect, indexOf } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

function pkg(dir: string, manifest: PackageJson, markers: string[] = []): WorkspacePackage {
  return { name: manifest.name ?? dir, dir, manifestPath: `${dir}/package.json`, manifest, isRoot: false, declared: true, hoisted: {}, markers };
}

/** What `sanity init` writes: `"main": "package.json"`, the studio's scripts and its config file. */
const STUDIO = {
  name: 'backsanity',
  private: true,
  version: '1.0.0',
  main: 'package.json',
  scripts: { dev: 'sanity dev', build: 'sanity build', deploy: 'sanity deploy' },
  dependencies: { sanity: '^5.9.0', react: '^19.1', 'react-dom': '^19.1' },
};

describe('package kind evidence', () => {
  it('takes a Sanity Studio for a CMS studio app, not a library from its placeholder `main`', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['studio'] }),
      'studio/package.json': JSON.stringify(STUDIO),
      'studio/sanity.config.ts': "import {defineConfig} from 'sanity'\nexport default defineConfig({})\n",
    });
    const index = await indexOf(root);
    const studio = index.packages.find((p) => p.name === 'backsanity')!;
    expect(packageKind(studio, index)).toEqual({ id: 'cms-studio', label: 'Sanity Studio (CMS content studio)', because: 'sanity dependency; its sanity.config.ts' });
    // Without the config file, the scripts say it.
    expect(packageKind({ ...studio, markers: [] }, index)?.because).toBe('sanity dependency; its `dev` script runs `sanity dev`');
    // `"main": "package.json"` is not an entry point either.
    const facts = (await detect(packagesDetector, root)) as PackageFact[];
    const fact = facts.find((f) => f.data.name === 'backsanity');
    expect(JSON.stringify(fact?.data)).not.toContain('"role":"main"');
  });

  it('a `main` naming the manifest or a non-code file is no evidence of a library', () => {
    expect(packageKind(pkg('packages/x', { name: 'x', version: '1.0.0', main: 'package.json' }))).toBeUndefined();
    expect(packageKind(pkg('packages/x', { name: 'x', version: '1.0.0', main: './README.md' }))).toBeUndefined();
    expect(packageKind(pkg('packages/x', { name: 'x', version: '1.0.0', main: 'index.js' }))?.label).toBe('Library');
  });

  it('takes a Hardhat, Truffle or Foundry package, or one built on OpenZeppelin, for Solidity smart contracts', () => {
    const hardhat = pkg('packages/pocket-contract', {
      name: 'pocket-contract',
      private: true,
      description: '',
      scripts: { build: 'hardhat compile', test: 'hardhat test' },
      devDependencies: { hardhat: '^2.12.2', 'hardhat-deploy': '^0.11.20', '@openzeppelin/contracts': '4.8.0', ethers: '^5.7.2' },
    });
    expect(packageKind(hardhat)).toEqual({ id: 'smart-contracts', label: 'Smart contracts (Solidity, Hardhat)', because: 'hardhat, @openzeppelin/contracts dependencies' });
    expect(packageKind(pkg('c', { name: 'c', private: true, devDependencies: { '@nomicfoundation/hardhat-toolbox': '^2' } }))?.label).toBe('Smart contracts (Solidity, Hardhat)');
    expect(packageKind(pkg('c', { name: 'c', private: true, devDependencies: { truffle: '^5' } }))?.label).toBe('Smart contracts (Solidity, Truffle)');
    expect(packageKind(pkg('c', { name: 'c', private: true }, ['foundry.toml']))).toEqual({ id: 'smart-contracts', label: 'Smart contracts (Solidity, Foundry)', because: 'its foundry.toml' });
    // Deployed to a chain: a product, never "purpose not stated".
    expect(packageRole(hardhat)).toEqual({ id: 'product', because: 'hardhat, @openzeppelin/contracts dependencies' });
  });

  it('says neither "private" nor "not published" for a tooling folder whose manifest is not marked private', () => {
    expect(packageRole(pkg('packages/config', { name: 'config', version: '1.0.0' }))).toEqual({ id: 'tooling', because: 'its folder config/' });
    expect(packageRole(pkg('scripts', { name: 'scripts', private: true }))).toEqual({ id: 'tooling', because: 'its folder scripts/ (private)' });
  });
});
