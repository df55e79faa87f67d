/**
 * Resuming after the repository changed under the saved session (git HEAD moved, or a file a section cites differs):
 * the wizard says so, and `--yes` regenerates the undecided steps (keeping the user's edits) before accepting them.
 * Also: a crash between writing a block and saving "accepted" must not make the next accept ask whether "another
 * program" changed the file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { sessionOptions } from '../helpers/session-options.js';
import { Session } from '../../src/wizard/session.js';
import { loadState } from '../../state/store.js';
import { tempRepo } from '../helpers/temp-repo.js';
import { expectPlain, runCli } from './cli.js';

const options = sessionOptions;

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();

describe('the repository changed since the session was saved', { timeout: 120_000 }, () => {
  it('--yes: a cited file changed → the undecided step is regenerated, an edited one keeps its edit, an accepted one is named', async () => {
    const root = tempRepo({ 'README.md': '# Old Name\n\nThe old tagline.\n', 'docs/guide.md': '# Guide\n' });
    const s = await Session.open(options(root, { steps: [1, 2] }));
    s.setGenerated(1, '## 1. Project Overview & Architecture\n\n- Name: Old Name (`/README.md:1`)\n');
    s.setGenerated(2, '## 2. Directory Structure\n\n- Guide: `/docs/guide.md`\n');
    s.setEdited(2, '## 2. Directory Structure\n\n- Guide: `/docs/guide.md` — my own words\n');
    s.close();
    expect(loadState(options(root).stateFile)?.steps[0].citedFiles).toHaveProperty('README.md');

    writeFileSync(path.join(root, 'README.md'), '# New Name\n\nThe new tagline.\n');
    writeFileSync(path.join(root, 'docs/guide.md'), '# Guide, revised\n');
    const run = await runCli([root, '--yes', '--steps', '1,2']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'The repository changed since this session was saved: 2 cited files changed (README.md, docs/guide.md). Regenerating step 1 from the current code. Step 2 keeps your edit.',
    );
    const text = readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8');
    expect(text).toContain('New Name');
    expect(text).not.toContain('Old Name');
    expect(text).toContain('my own words');
  });

  it('--yes: git HEAD moved → every undecided step is regenerated and the new HEAD recorded', async () => {
    const root = tempRepo();
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    const first = git(root, 'rev-parse', 'HEAD');
    const s = await Session.open(options(root, { gitHead: first }));
    s.setGenerated(1, '## 1. Project Overview & Architecture\n\nWritten before the second commit.\n');
    s.close();
    writeFileSync(path.join(root, 'src/extra.ts'), 'export const extra = 1;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'second');
    const second = git(root, 'rev-parse', 'HEAD');

    const run = await runCli([root, '--yes', '--steps', '1,2']);
    expectPlain(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`git HEAD moved from ${first.slice(0, 7)} to ${second.slice(0, 7)}`);
    expect(run.stderr).toContain('Regenerating step 1 from the current code.');
    expect(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8')).not.toContain('Written before the second commit.');
    expect(loadState(options(root).stateFile)?.gitHead).toBe(second);
  });

  it('an accepted step whose cited files changed is named, with the command that refreshes it; asked once only', async () => {
    const root = tempRepo({ 'README.md': '# Name\n' });
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. Overview\n\n- Name (`/README.md:1`)\n');
    s.accept(1);
    s.setGenerated(2, '## 2. Structure\n\nNothing cited.\n');
    s.close();
    writeFileSync(path.join(root, 'README.md'), '# Renamed\n');
    const notices: string[] = [];
    const askRegenerate = async () => {
      throw new Error('nothing undecided to regenerate: no question');
    };
    const again = await Session.open(options(root, { notice: (m) => notices.push(m), askRegenerate }));
    again.close();
    expect(notices).toEqual([
      'The repository changed since this session was saved: a cited file changed (README.md).',
      'Step 1 was accepted before the change; to refresh, run project-context --steps 1 when this session is done.',
    ]);
    const quiet: string[] = [];
    (await Session.open(options(root, { notice: (m) => quiet.push(m) }))).close();
    expect(quiet).toEqual([]);
  });

  it('interactive: the question lists the steps and a "no" keeps their text', async () => {
    const root = tempRepo({ 'README.md': '# Name\n' });
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. Overview\n\n- Name (`/README.md:1`)\n');
    s.close();
    writeFileSync(path.join(root, 'README.md'), '# Renamed\n');
    const asked: string[] = [];
    const again = await Session.open(
      options(root, {
        askRegenerate: async (drift, message) => {
          asked.push(message, drift.undecided.join(','));
          return false;
        },
      }),
    );
    expect(asked).toEqual(['The repository changed since this session was saved: a cited file changed (README.md).', '1']);
    expect(again.record(1).status).toBe('generated');
    expect(again.text(1)).toContain('- Name (`/README.md:1`)');
    again.close();
  });
});

describe('a crash between writing a block and saving "accepted"', () => {
  it('the resumed session knows the write was its own: no false "changed by another program" on the next accept', async () => {
    const root = tempRepo();
    const o = options(root, { steps: [1, 2, 3] });
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n\nfirst\n');
    s.accept(1);
    const afterOne = JSON.parse(readFileSync(o.stateFile, 'utf8')) as { outputHash: string };
    s.setGenerated(2, '## 2. Two\n\nsecond\n');
    s.accept(2);
    s.close();
    // What SIGKILL after the file's rename and before the state's save leaves on disk: block 2 is in the file, the
    // state still says "generated" (with the hash of that block) and remembers the file as it was after step 1.
    const saved = JSON.parse(readFileSync(o.stateFile, 'utf8'));
    saved.steps[1].status = 'generated';
    delete saved.steps[1].decidedAt;
    saved.outputHash = afterOne.outputHash;
    writeFileSync(o.stateFile, JSON.stringify(saved));

    const notices: string[] = [];
    const resumed = await Session.open({ ...o, notice: (m) => notices.push(m) });
    expect(notices).toContain('Step 2 was written before the last session stopped; it is marked accepted.');
    expect(resumed.record(2).status).toBe('accepted');
    resumed.setGenerated(3, '## 3. Three\n\nthird\n');
    expect(resumed.conflictFor(3)).toBeNull();
    resumed.accept(3);
    resumed.close();
    expect(parseOutput(readFileSync(o.output, 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2, 3]);
  });
});
