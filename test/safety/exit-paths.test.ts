/**
 * Every way the CLI ends leaves no lock and no stack trace: a reader that closes the pipe early (`--json | head`,
 * `--yes | head`), a lock left by a crash or written by hand (naming pid 1 or another program), a damaged settings file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { CLI } from '../helpers/pty.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectPlain, runCli } from './cli.js';

/** Runs the CLI with its stdout read once and then closed, as `| head -c 1` does; resolves with how it ended. */
function closedStdout(args: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    // Closed before the CLI writes anything (`--yes` writes only its last line there), or after its first chunk.
    child.stdout.once('data', () => child.stdout.destroy());
    setTimeout(() => child.stdout.destroy(), 50);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe.concurrent('ways to end', { timeout: 120_000 }, () => {
  it('--json | head: exit 0, no stack trace', async () => {
    const root = tempRepo();
    const run = await closedStdout([root, '--json']);
    expect(run.stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
  });

  it('--yes | head: exit 0, the work done, the lock released', async () => {
    const root = tempRepo();
    const run = await closedStdout([root, '--yes', '--steps', '1,2']);
    expect(run.stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(root, '.project-context/state.json.lock'))).toBe(false);
    expect(parseOutput(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2]);
  });

  for (const [name, pid] of [
    ['pid 1', () => 1],
    ['this test process (alive, not project-context)', () => process.pid],
  ] as const) {
    it(`a hand-written lock naming ${name}: taken over, never "end it: kill"`, async () => {
      const root = tempRepo();
      mkdirSync(path.join(root, '.project-context'));
      writeFileSync(path.join(root, '.project-context/state.json.lock'), JSON.stringify({ pid: pid(), startedAt: '2020-01-01T00:00:00Z', hostname: os.hostname() }));
      const run = await runCli([root, '--yes', '--steps', '1']);
      expectPlain(run);
      expect(run.stderr).not.toMatch(/kill \d/);
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(path.join(root, '.project-context/state.json.lock'))).toBe(false);
    });
  }

  for (const [name, setUp, says] of [
    ['damaged JSON', (dir: string) => writeFileSync(path.join(dir, 'config.json'), '{ "editor": '), /^project-context: The settings file .*config\.json is damaged \(not valid JSON\)\.\nFix it, or delete it/],
    ['a folder named config.json', (dir: string) => mkdirSync(path.join(dir, 'config.json')), /^project-context: The settings file .*config\.json is not a regular file\./],
  ] as const) {
    it(`a settings file with ${name}: \`config\` says which file and how to fix it (exit 1), not "please report it"`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-settings-'));
      setUp(dir);
      const run = await runCli(['config'], { env: { PROJECT_CONTEXT_CONFIG_DIR: dir } });
      expectPlain(run);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(says);
    });
  }

  it('PROJECT_CONTEXT_CONFIG_DIR naming a file: one sentence, exit 1', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pc-settings-')), 'not-a-folder');
    writeFileSync(file, 'x\n');
    const run = await runCli(['config', 'editor', 'nano'], { env: { PROJECT_CONTEXT_CONFIG_DIR: file } });
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} is not a folder`);
  });
});
