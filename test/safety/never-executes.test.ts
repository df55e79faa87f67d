/**
 * The wizard never runs the repository it reads. `test/fixtures/hostile-executes` is a monorepo whose config files
 * (`astro.config.mjs`, `vite.config.ts`, `tailwind.config.js`, `next.config.js`, `.eslintrc.js`, `jest.config.js`,
 * `prettier.config.cjs`), CDK app (`cdk.json` → `bin/app.ts` → `lib/data-stack.ts`) and npm lifecycle scripts each
 * write an `EXECUTED-*` marker when imported or run; at test time the copy also gets stub packages (so an import
 * would resolve and run rather than fail early) and a `.git/config` whose `core.fsmonitor` is a marker-writing
 * program, which git runs on `ls-files` unless told not to. First the tripwires are shown to work, then a full
 * `--yes` run and a full interactive run must leave no marker while still reading those files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { fixturePath, PROJECT_ROOT } from '../helpers/fixture.js';
import { runInTerminal } from '../helpers/pty.js';
import { expectCompleteOutput, expectPlain, leftBehind, runCli } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);

/** Packages the tripwires import, so that importing a config would evaluate it instead of failing to resolve. */
const STUBS: Record<string, string> = {
  'aws-cdk-lib/package.json': '{"name":"aws-cdk-lib","main":"index.js"}',
  'aws-cdk-lib/index.js': 'class App {} class Stack { constructor() {} } module.exports = { App, Stack };',
  'aws-cdk-lib/aws-dynamodb.js': 'class Table {} module.exports = { Table, AttributeType: { STRING: "S" }, BillingMode: { PAY_PER_REQUEST: "P" } };',
  'vite/package.json': '{"name":"vite","main":"index.js"}',
  'vite/index.js': 'exports.defineConfig = (c) => c;',
  '@vitejs/plugin-react/package.json': '{"name":"@vitejs/plugin-react","main":"index.js"}',
  '@vitejs/plugin-react/index.js': 'module.exports = () => ({}); module.exports.default = module.exports;',
  'astro/package.json': '{"name":"astro","exports":{"./config":"./config.js"}}',
  'astro/config.js': 'exports.defineConfig = (c) => c;',
};

function tripwireRepo(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-tripwire-'));
  cpSync(fixturePath('hostile-executes'), dir, { recursive: true });
  for (const [file, text] of Object.entries(STUBS)) {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', file)), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', file), text);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  // Set after the commit: from now on, any git command that consults the fsmonitor runs this program.
  const hook = path.join(dir, '.git', 'tripwire-fsmonitor.sh');
  writeFileSync(hook, `#!/bin/sh\necho fsmonitor ran > "${path.join(dir, 'EXECUTED-git-fsmonitor')}"\nexit 1\n`);
  chmodSync(hook, 0o755);
  git('config', 'core.fsmonitor', hook);
  return dir;
}

/** Every EXECUTED-* marker under the folder, node_modules and .git included. */
function markers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f).startsWith('EXECUTED-')).sort();
}

/** Proof the sections came from reading the tripwire files, so "no marker" is not "nothing looked at". */
function expectReadTheConfigs(output: string | undefined): void {
  for (const file of ['/apps/site/astro.config.mjs', '/apps/web/vite.config.ts', '/infra/cdk.json']) expect(output).toContain(file);
  expect(output).toContain('tripwire-items');
}

describe('never runs the repository', { timeout: 120_000 }, () => {
  it('the tripwires work: running or importing them leaves markers', () => {
    const dir = tripwireRepo();
    const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
    const run = (cmd: string, args: string[], cwd = dir) => spawnSync(cmd, args, { cwd, stdio: 'ignore' });
    run(process.execPath, ['apps/docs/next.config.js']);
    run(process.execPath, ['apps/site/astro.config.mjs']);
    run(process.execPath, ['apps/web/tailwind.config.js']);
    run(process.execPath, ['.eslintrc.js']);
    run(tsx, ['infra/bin/app.ts']);
    run(tsx, ['apps/web/vite.config.ts']);
    run('npm', ['run', 'build', '--silent']);
    run('git', ['status', '--porcelain']);
    expect(markers(dir)).toEqual([
      'EXECUTED-build',
      'EXECUTED-eslintrc',
      'EXECUTED-git-fsmonitor',
      'apps/docs/EXECUTED-next-config',
      'apps/site/EXECUTED-astro-config',
      'apps/web/EXECUTED-tailwind-config',
      'apps/web/EXECUTED-vite-config',
      'infra/EXECUTED-cdk-app',
      'infra/EXECUTED-cdk-stack',
    ]);
  });

  it('a full --yes run reads every config and leaves no marker', async () => {
    const dir = tripwireRepo();
    const run = await runCli([dir, '--yes']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    const { output } = leftBehind(dir);
    expectCompleteOutput(output, AVAILABLE);
    expectReadTheConfigs(output);
    expect(markers(dir)).toEqual([]);
  });

  it('a full interactive run (accept, regenerate, accept every step) leaves no marker', async () => {
    const dir = tripwireRepo();
    const term = runInTerminal([dir]);
    for (const [i, step] of AVAILABLE.entries()) {
      await term.waitFor(new RegExp(`Step ${step} of 10 — [^\\n]*\\n(?:.*\\n)*.*a\\s+accept`), 30_000);
      if (i === 0) {
        term.press('r'); // regenerate re-lists and re-reads the repository: git runs again
        await term.waitFor('Regenerated: no change, the code gives the same section.', 30_000);
      }
      term.press('a');
    }
    expect(await term.exited(30_000)).toBe(0);
    expectReadTheConfigs(leftBehind(dir).output);
    expect(markers(dir)).toEqual([]);
  });
});
