/**
 * PROJECT-CONTEXT.md cannot be written — its folder path runs through a file, the disk is read-only or full — or was
 * changed by another program since the session wrote it: a clear sentence, the session state unchanged (the step is
 * still waiting, nothing marked accepted), and the same command works once the cause is fixed.
 *
 * Tests run as root here, where file modes do not stop writes. Read-only and full disks are therefore made real with
 * a private mount namespace (`unshare -m`): a read-only bind mount (EROFS) and a 64 KiB tmpfs filled to the brim
 * (ENOSPC). Neither is visible outside the wizard's process, and both vanish with it. Without unshare the tests fall
 * back to what works for the user they run as: a folder without write permission, and `ulimit -f`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../src/steps/registry.js';
import { Session } from '../../src/wizard/session.js';
import { loadState } from '../../state/store.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectCompleteOutput, expectPlain, leftBehind, runCli, type CliRunOptions } from './cli.js';

const AVAILABLE = STEPS.filter((s) => s.definition).map((s) => s.number);
const isRoot = process.getuid?.() === 0;
const canUnshare = isRoot && spawnSync('unshare', ['-m', '--propagation', 'private', 'true']).status === 0;

/** The session's steps and texts, without timestamps: what "the state is unchanged" compares. */
function stepsOf(root: string) {
  return loadState(path.join(root, '.project-context/state.json'))?.steps.map(({ number, status, generated, edited, hash }) => ({ number, status, generated, edited, hash }));
}

/** Runs the CLI with `dir` made read-only for it. */
function readOnly(dir: string): CliRunOptions {
  if (canUnshare) return { wrap: `unshare -m --propagation private sh -c 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"' ${dir} "$@"` };
  chmodSync(dir, 0o555);
  return {};
}

/** Runs the CLI with `dir` on a disk that is full. */
function fullDisk(dir: string): CliRunOptions {
  if (canUnshare) {
    const mount = 'mount -t tmpfs -o size=64k tmpfs "$0" || exit 97; head -c 1000000 /dev/zero > "$0/filler" 2>/dev/null';
    return { wrap: `unshare -m --propagation private sh -c '${mount}; exec "$@"' ${dir} "$@"` };
  }
  return { wrap: 'ulimit -f 1; exec "$@"' };
}

/** Steps that must be waiting after a failed write: the first is generated (its text kept), none is accepted. */
function expectNothingAccepted(root: string) {
  const steps = stepsOf(root) ?? [];
  expect(steps[0]?.status).toBe('generated');
  expect(steps[0]?.generated).toMatch(/^# |^## 1\./m);
  expect(steps.some((s) => s.status === 'accepted')).toBe(false);
}

describe.concurrent('when PROJECT-CONTEXT.md cannot be written', { timeout: 120_000 }, () => {
  it("the output's folder does not exist yet: it is created", async () => {
    const root = tempRepo();
    const output = path.join(root, 'docs', 'generated', 'PROJECT-CONTEXT.md');
    const run = await runCli([root, '--yes', '--output', output]);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    expectCompleteOutput(leftBehind(root, output).output, AVAILABLE);
  });

  it('a file sits where the folder should be: refused at the start in one sentence; a retry works once it is moved', async () => {
    const root = tempRepo({ 'blocker': 'not a folder\n' });
    const output = path.join(root, 'blocker', 'PROJECT-CONTEXT.md');
    const failed = await runCli([root, '--yes', '--output', output]);
    expectPlain(failed);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Cannot use ${output}: part of its folder path is a file, not a folder.`);
    expect(stepsOf(root)).toBeUndefined(); // found before any analysis: no session was saved
    expect(existsSync(path.join(root, '.project-context/state.json.lock'))).toBe(false);

    rmSync(path.join(root, 'blocker'));
    const fixed = await runCli([root, '--yes', '--output', output]);
    expectPlain(fixed);
    expect(fixed.code, fixed.stderr).toBe(0);
    expectCompleteOutput(leftBehind(root, output).output, AVAILABLE);
  });

  it('the output path is a folder: refused before anything runs', async () => {
    const root = tempRepo();
    mkdirSync(path.join(root, 'out'));
    const run = await runCli([root, '--yes', '--output', path.join(root, 'out')]);
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a folder');
    expect(existsSync(path.join(root, '.project-context/state.json'))).toBe(false);
  });

  it('the disk is read-only: one sentence, state unchanged, a retry works', async () => {
    const root = tempRepo();
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'pc-readonly-'));
    const output = path.join(outDir, 'PROJECT-CONTEXT.md');
    const failed = await runCli([root, '--yes', '--output', output], readOnly(outDir));
    expectPlain(failed);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`Cannot write ${output}: permission denied or read-only disk in ${outDir}.`);
    expect(failed.stderr).toContain('the file was not changed');
    expectNothingAccepted(root);
    chmodSync(outDir, 0o755);
    expect(readdirSync(outDir)).toEqual([]); // no temp file left behind

    const fixed = await runCli([root, '--yes', '--output', output]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expectCompleteOutput(leftBehind(root, output).output, AVAILABLE);
  });

  it('the disk is full: one sentence, state unchanged, a retry works once there is space', async () => {
    const root = tempRepo();
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'pc-full-'));
    const output = path.join(outDir, 'PROJECT-CONTEXT.md');
    const failed = await runCli([root, '--yes', '--output', output], fullDisk(outDir));
    expectPlain(failed);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(canUnshare ? `Cannot write ${output}: the disk is full.` : `Cannot write ${output}`);
    expectNothingAccepted(root);

    const fixed = await runCli([root, '--yes', '--output', output]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expectCompleteOutput(leftBehind(root, output).output, AVAILABLE);
  });

  it('the state file cannot be saved (full disk): one sentence naming --state, and nothing is written', async () => {
    const root = tempRepo();
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'pc-full-state-'));
    const run = await runCli([root, '--yes', '--state', path.join(stateDir, 'state.json')], fullDisk(stateDir));
    expectPlain(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(canUnshare ? /the disk is full/ : /Cannot (save progress|create the session lock)/);
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
  });

  it('another program changed the output since the session wrote it: --yes keeps that text, writes its block, and says so', async () => {
    const root = tempRepo();
    const output = path.join(root, 'PROJECT-CONTEXT.md');
    const stateFile = path.join(root, '.project-context/state.json');
    // An unfinished session, as a quit after accepting step 1 leaves it.
    const session = await Session.open({ root, output, stateFile, steps: AVAILABLE, restart: false, gitHead: null, askResume: async () => 'resume', notice: () => undefined });
    session.setGenerated(1, '## 1. Project Overview & Architecture\n\nWritten before the other program ran.\n');
    session.accept(1);
    session.close();
    writeFileSync(output, `${readFileSync(output, 'utf8')}\nA note another program appended.\n`);

    const run = await runCli([root, '--yes']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('into a file another program changed; its other text is kept');
    const text = readFileSync(output, 'utf8');
    expect(text).toContain('A note another program appended.');
    expect(text).toContain('Written before the other program ran.');
    expectCompleteOutput(text, AVAILABLE);
  });
});

describe('the output folder is on a full disk for real (sanity check of the simulation)', () => {
  it('the tmpfs really is full: a write of 4 KiB fails with ENOSPC', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-full-check-'));
    const options = fullDisk(dir);
    const probe = 'head -c 4096 /dev/zero > "$0/probe"';
    const wrap = options.wrap?.replace('exec "$@"', probe) ?? probe;
    const result = spawnSync('/bin/sh', ['-c', wrap, dir], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    if (canUnshare) expect(result.stderr).toMatch(/No space left on device/);
  });
});
