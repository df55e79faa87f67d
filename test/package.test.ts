/**
 * What `npm install -g project-context-map` gets: the bundle, its one runtime dependency, the docs it links to, the
 * schema of the config file and the licence — and a command that runs. The tarball comes from `npm pack` of this
 * worktree, installed into a temporary prefix the way a user's global install would be.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_NAME } from '../src/package-name.js';
import { fixturePath, PROJECT_ROOT } from './helpers/fixture.js';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
  repository: { url: string };
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('package.json', () => {
  it('is published as project-context-map with the project-context command, a licence and a repository', () => {
    expect(pkg.name).toBe(PACKAGE_NAME);
    expect(pkg.bin).toEqual({ 'project-context': 'dist/bin/cli.js' });
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(PROJECT_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
  });

  it('depends at run time only on what the bundle leaves outside it (scripts/bundle.mjs writes the list)', () => {
    const externals = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'dist/bundle-externals.json'), 'utf8')) as string[];
    expect(Object.keys(pkg.dependencies).sort()).toEqual(externals);
    expect(externals).toEqual(['ts-morph']);
    // Everything the bundle inlines is a devDependency: installing the tool does not download it again.
    for (const inlined of ['ink', 'react', 'zod', 'yaml', 'marked', 'picomatch', 'conf', '@inquirer/prompts']) expect(pkg.devDependencies).toHaveProperty(inlined);
  });

  it('a clean install leaves package-lock.json as it is', () => {
    const dir = path.join(tmp, 'lock');
    execFileSync('mkdir', ['-p', dir]);
    copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(dir, 'package.json'));
    copyFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    execFileSync(NPM, ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe' });
    expect(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).toBe(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8'));
  }, 120_000);
});

describe('the packed tarball, installed globally', () => {
  it('holds the bundle, the docs, the schema and the licence, pulls at most 25 packages, and runs', () => {
    const listing = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = listing[0].files.map((f) => f.path);
    for (const f of ['dist/bin/cli.js', 'dist/bin/analysis-worker.js', 'README.md', 'LICENSE', 'docs/facts-json.md', 'package.json']) expect(files).toContain(f);
    // Sources, tests and the type-checked build stay out.
    expect(files.filter((f) => /^(src|test|examples|dist\/src)\//.test(f))).toEqual([]);

    const prefix = path.join(tmp, 'prefix');
    const out = execFileSync(NPM, ['install', '--global', '--prefix', prefix, path.join(tmp, listing[0].filename), '--prefer-offline', '--no-audit', '--no-fund', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const added = (JSON.parse(out) as { added: number }).added;
    expect(added).toBeGreaterThan(1);
    expect(added).toBeLessThanOrEqual(25);
    const installed = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', PACKAGE_NAME);
    expect(existsSync(path.join(installed, 'node_modules', 'ts-morph'))).toBe(true);
    expect(readdirSync(path.join(installed, 'node_modules')).length).toBeLessThanOrEqual(25);

    const bin = path.join(prefix, 'bin', 'project-context');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
    // A real run: the whole map of a fixture, on stdout as JSON facts, from the installed copy alone.
    const json = execFileSync(bin, [fixturePath('ov-single'), '--json', '--steps', '1'], { encoding: 'utf8', cwd: tmp, env: { ...process.env, CI: 'true' } });
    expect(JSON.parse(json).tool).toEqual({ name: 'project-context', version: pkg.version });
  }, 180_000);
});
