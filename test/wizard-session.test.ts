import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptSection, parseOutput } from '../src/output/index.js';
import { sessionOptions } from './helpers/session-options.js';
import { Session } from '../src/wizard/session.js';
import { processStartTime } from '../state/lock.js';
import { loadState } from '../state/store.js';
import { tempRepo } from './helpers/temp-repo.js';

const options = sessionOptions;

describe('Session', () => {
  it('writes nothing to the output before the first accept, then one block per accepted step', async () => {
    const root = tempRepo();
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. One\n\nfirst\n');
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    s.accept(1);
    s.setGenerated(2, '## 2. Two\n\nsecond\n');
    s.skip(2);
    s.close();
    const doc = parseOutput(readFileSync(path.join(root, 'PROJECT-CONTEXT.md'), 'utf8'));
    expect(doc.blocks.map((b) => b.step)).toEqual([1]);
    expect(loadState(path.join(root, '.project-context/state.json'))?.steps.map((r) => r.status)).toEqual(['accepted', 'skipped']);
    // The accepted text lives in the output only; the state keeps the hash of the block written.
    const saved = loadState(path.join(root, '.project-context/state.json'))!.steps[0];
    expect(saved.generated).toBeUndefined();
    expect(saved.hash).toBe(doc.blocks[0].hash);
    expect(readFileSync(path.join(root, '.project-context/state.json'), 'utf8')).not.toContain('first');
  });

  it('resumes where it stopped, with the edited text, after asking', async () => {
    const root = tempRepo();
    const first = await Session.open(options(root));
    first.setGenerated(1, '## 1. One\n');
    first.accept(1);
    first.setGenerated(2, '## 2. Two\n');
    first.setEdited(2, '## 2. Two, edited\n');
    first.close();
    const questions: unknown[] = [];
    const second = await Session.open(options(root, { askResume: async (q) => (questions.push(q), 'resume') }));
    expect(questions).toEqual([{ step: 2, position: 2, total: 2, accepted: 1, skipped: 0, otherSelection: undefined }]);
    expect(second.next()?.number).toBe(2);
    expect(second.text(2)).toBe('## 2. Two, edited\n');
    second.close();
  });

  it('marks a step accepted when the process died after writing the file but before saving the state', async () => {
    const root = tempRepo();
    const o = options(root);
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n');
    s.close();
    // What `accept` does first, without the state update that follows it: the crash window.
    acceptSection(o.output, 1, '## 1. One\n');
    const notices: string[] = [];
    const resumed = await Session.open({ ...o, notice: (m) => notices.push(m) });
    expect(resumed.record(1).status).toBe('accepted');
    expect(notices.join()).toContain('marked accepted');
    resumed.accept(1); // accepting again must not duplicate it
    resumed.close();
    expect(parseOutput(readFileSync(o.output, 'utf8')).blocks).toHaveLength(1);
  });

  it('the killed write was the last step: the session is complete, nothing is asked, nothing is written again', async () => {
    const root = tempRepo();
    const o = options(root);
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.setGenerated(2, '## 2. Two\n');
    s.close();
    acceptSection(o.output, 2, '## 2. Two\n'); // written; "accepted" never saved
    const asked: unknown[] = [];
    const resumed = await Session.open({ ...o, askResume: async (q) => (asked.push(q), 'resume') });
    expect(asked).toEqual([]);
    expect(resumed.next()).toBeUndefined();
    expect(resumed.summary()).toMatchObject({ accepted: 2, pending: 0 });
    resumed.close();
    expect(parseOutput(readFileSync(o.output, 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2]);
  });

  it('reconciles before asking: accepted steps missing from the output are named, counted out of the question, and pending again', async () => {
    const root = tempRepo();
    const o = options(root, { steps: [1, 2, 3] });
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.setGenerated(2, '## 2. Two\n');
    s.setEdited(2, '## 2. Two, my edit\n');
    s.accept(2);
    s.close();
    writeFileSync(o.output, '# My notes, and no sections\n');
    const notices: string[] = [];
    const asked: unknown[] = [];
    const resumed = await Session.open({ ...o, notice: (m) => notices.push(m), askResume: async (q) => (asked.push(q), 'resume') });
    expect(notices).toEqual([`Steps 1, 2 were accepted, but their sections are no longer in ${o.output}; they are generated again.`]);
    expect(asked).toEqual([{ step: 1, position: 1, total: 3, accepted: 0, skipped: 0, otherSelection: undefined, notice: notices[0] }]);
    expect(resumed.restored).toEqual([1, 2]);
    expect(resumed.record(1).status).toBe('pending');
    // The user's edit is what they accepted: it comes back for review rather than being regenerated.
    expect(resumed.record(2).status).toBe('generated');
    expect(resumed.text(2)).toBe('## 2. Two, my edit\n');
    // The file as it is now is the reference: accepting does not ask whether "another program" changed it.
    resumed.setGenerated(1, '## 1. One\n');
    expect(resumed.conflictFor(1)).toEqual({ kind: 'foreign-file' });
    resumed.close();
  });

  it('a restart killed after saving its new session but before removing the old output: the next start finishes it', async () => {
    const root = tempRepo();
    const o = options(root);
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.close();
    const old = readFileSync(o.output);
    // What startOver saves before removing the file: the new session and the journal of the removal.
    const { sha256 } = await import('../src/output/atomic.js');
    const { backupOutput } = await import('../src/output/index.js');
    const backup = backupOutput(o.output)!;
    const state = loadState(o.stateFile)!;
    const { saveState } = await import('../state/store.js');
    saveState(o.stateFile, { ...state, steps: state.steps.map((r) => ({ number: r.number, title: r.title, status: 'pending' })), clearOutput: { hash: sha256(old), backup } });
    const resumed = await Session.open(o);
    expect(existsSync(o.output)).toBe(false);
    expect(readFileSync(backup)).toEqual(old);
    expect(loadState(o.stateFile)?.clearOutput).toBeUndefined();
    expect(resumed.restored).toEqual([]);
    resumed.close();
  });

  it('a state file whose restart journal names a backup that does not hold the output: the output is left alone', async () => {
    const root = tempRepo();
    const o = options(root);
    const s = await Session.open(o);
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.close();
    const { sha256 } = await import('../src/output/atomic.js');
    const { saveState } = await import('../state/store.js');
    const state = loadState(o.stateFile)!;
    saveState(o.stateFile, { ...state, clearOutput: { hash: sha256(readFileSync(o.output)), backup: path.join(root, 'no-such-backup') } });
    (await Session.open(o)).close();
    expect(parseOutput(readFileSync(o.output, 'utf8')).blocks.map((b) => b.step)).toEqual([1]);
  });

  it('starts over on "n": the previous output is kept as a backup in the session folder, and the notice names it', async () => {
    const root = tempRepo();
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.close();
    const notices: string[] = [];
    const again = await Session.open(options(root, { askResume: async () => 'restart', notice: (m) => notices.push(m) }));
    expect(again.record(1).status).toBe('pending');
    again.close();
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    expect(readdirSync(root).some((f) => f.includes('.bak'))).toBe(false);
    const backup = readdirSync(path.join(root, '.project-context')).find((f) => f.startsWith('PROJECT-CONTEXT.md.bak-'));
    expect(backup).toBeDefined();
    expect(notices.join()).toContain(path.join(root, '.project-context', backup ?? ''));
  });

  it('a finished session run again asks what to do: review the skipped steps, every step, start over, or quit', async () => {
    const root = tempRepo();
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.setGenerated(2, '## 2. Two\n');
    s.skip(2);
    s.close();
    const asked: unknown[] = [];
    const skipped = await Session.open(options(root, { askFinished: async (q) => (asked.push(q), 'skipped') }));
    expect(asked).toEqual([{ accepted: 1, skipped: [2], output: path.join(root, 'PROJECT-CONTEXT.md') }]);
    expect(skipped.steps.map((r) => r.status)).toEqual(['accepted', 'generated']);
    expect(skipped.text(2)).toBe('## 2. Two\n');
    skipped.skip(2);
    skipped.close();
    await expect(Session.open(options(root, { askFinished: async () => 'quit' }))).rejects.toThrow(/Nothing changed/);
    const again = await Session.open(options(root, { askFinished: async () => 'again' }));
    expect(again.steps.map((r) => r.status)).toEqual(['pending', 'pending']);
    again.close();
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(true);
  });

  it('a finished session and another selection of steps (--steps 2): that is what was asked for, no question', async () => {
    const root = tempRepo();
    const s = await Session.open(options(root));
    s.setGenerated(1, '## 1. One\n');
    s.accept(1);
    s.setGenerated(2, '## 2. Two\n');
    s.accept(2);
    s.close();
    let questions = 0;
    const other = await Session.open(options(root, { steps: [2], askFinished: async () => (questions++, 'quit') }));
    expect(other.steps.map((r) => r.number)).toEqual([2]);
    other.close();
    expect(questions).toBe(0);
  });

  it('refuses a second session on the same state while the first holds the lock', async () => {
    const root = tempRepo();
    const o = options(root);
    const first = await Session.open(o);
    // The same pid may re-acquire, so simulate another live process holding the lock.
    const lock = `${o.stateFile}.lock`;
    const info = JSON.parse(readFileSync(lock, 'utf8'));
    // (a live process identified by its recorded start time: the lock stands, whatever its command line)
    writeFileSync(lock, JSON.stringify({ ...info, pid: process.ppid, procStart: processStartTime(process.ppid) }));
    await expect(Session.open(o)).rejects.toThrow(/Another project-context session/);
    first.close();
  });

  it('a damaged state file: a clear error naming --restart, and --restart starts over', async () => {
    const root = tempRepo();
    const o = options(root);
    (await Session.open(o)).close();
    writeFileSync(o.stateFile, '{"version": 1, "steps": [');
    await expect(Session.open(o)).rejects.toThrow(/--restart/);
    const fresh = await Session.open({ ...o, restart: true });
    expect(fresh.steps.map((r) => r.status)).toEqual(['pending', 'pending']);
    fresh.close();
  });
});
