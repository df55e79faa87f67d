import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutput } from '../src/output/index.js';
import { Analyzer } from '../src/wizard/analyzer.js';
import type { EditResult } from '../src/wizard/editor.js';
import { runHeadless } from '../src/wizard/headless.js';
import { runInteractive } from '../src/wizard/interactive.js';
import { Session } from '../src/wizard/session.js';
import type { Choice, ReviewAction, ReviewModel, SessionView, WizardUI } from '../src/wizard/ui.js';
import { loadState } from '../state/store.js';
import { sessionOptions } from './helpers/session-options.js';
import { tempRepo } from './helpers/temp-repo.js';

/** A scripted UI: answers each review with the next action and records what it was shown. */
class ScriptedUI implements WizardUI {
  readonly shown: ReviewModel[] = [];
  readonly questions: string[] = [];
  readonly confirmations: string[] = [];
  view: SessionView | undefined;
  constructor(
    private readonly actions: ReviewAction[],
    private readonly answers: string[] = [],
  ) {}
  progress(): void {}
  setView(view: SessionView): void {
    this.view = view;
  }
  confirm(message: string): void {
    this.confirmations.push(message);
  }
  async review(model: ReviewModel): Promise<ReviewAction> {
    this.shown.push(model);
    const next = this.actions.shift();
    if (!next) throw new Error(`no scripted action left for step ${model.step}`);
    return next;
  }
  async choose<T extends string>(question: string, _choices: readonly Choice<T>[]): Promise<T | 'interrupt'> {
    this.questions.push(question);
    return this.answers.shift() as T;
  }
  async suspend(): Promise<void> {}
  async close(): Promise<void> {}
}

async function setup(root: string, steps = [1, 2], answer: 'resume' | 'new' = 'resume') {
  const output = path.join(root, 'PROJECT-CONTEXT.md');
  const stateFile = path.join(root, '.project-context/state.json');
  const session = await Session.open({ root, output, stateFile, steps, restart: false, gitHead: null, askResume: async () => answer, notice: () => undefined });
  const analyzer = await Analyzer.open(root, {}, { exclude: [output, stateFile] });
  return { session, analyzer, output };
}

describe('the interactive review loop', () => {
  it('accepts, edits then accepts, and writes each section once with the edit in it', async () => {
    const root = tempRepo();
    const { session, analyzer, output } = await setup(root);
    const ui = new ScriptedUI(['accept', 'edit', 'accept']);
    const edit = (text: string): EditResult => ({ kind: 'changed', text: `${text}\nHAND-WRITTEN NOTE\n` });
    expect(await runInteractive({ session, analyzer, ui, editor: async () => 'true', edit })).toBe('finished');
    session.close();
    expect(ui.shown.map((m) => [m.step, m.edited])).toEqual([[1, false], [2, false], [2, true]]);
    const text = readFileSync(output, 'utf8');
    expect(parseOutput(text).blocks.map((b) => b.step)).toEqual([1, 2]);
    expect(text.match(/HAND-WRITTEN NOTE/g)).toHaveLength(1);
    expect(session.summary()).toEqual({ accepted: 2, edited: 1, skipped: 0, pending: 0 });
  });

  it('keeps the previous text when the editor fails or empties the section, and says so', async () => {
    const root = tempRepo();
    const { session, analyzer } = await setup(root, [1]);
    const results: EditResult[] = [{ kind: 'failed', message: 'The editor "x" exited with code 1; the section keeps its previous text.' }, { kind: 'empty' }];
    const ui = new ScriptedUI(['edit', 'edit', 'quit']);
    const before = (await analyzer.section(1)).markdown;
    await runInteractive({ session, analyzer, ui, editor: async () => 'x', edit: () => results.shift()! });
    session.close();
    expect(ui.shown[1].message).toContain('exited with code 1');
    expect(ui.shown[1].tone).toBe('error');
    expect(ui.shown[2].message).toContain('left the section empty');
    expect(ui.shown[2].markdown).toBe(before);
  });

  it('quits with progress saved and skips without writing', async () => {
    const root = tempRepo();
    const { session, analyzer, output } = await setup(root);
    expect(await runInteractive({ session, analyzer, ui: new ScriptedUI(['skip', 'quit']), editor: async () => 'vi' })).toBe('quit');
    session.close();
    expect(() => readFileSync(output)).toThrow();
    expect(session.record(1).status).toBe('skipped');
    expect(session.record(2).status).toBe('generated');
  });

  it('asks before writing into a PROJECT-CONTEXT.md it did not write, and honours "do nothing"', async () => {
    const root = tempRepo({ 'PROJECT-CONTEXT.md': '# Our own notes\n' });
    const { session, analyzer, output } = await setup(root, [1]);
    const ui = new ScriptedUI(['accept', 'accept', 'quit'], ['cancel', 'append']);
    await runInteractive({ session, analyzer, ui, editor: async () => 'vi' });
    session.close();
    expect(ui.questions[0]).toContain('was not written by project-context');
    expect(ui.shown[1].message).toContain('Not written');
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith('# Our own notes\n')).toBe(true);
    expect(parseOutput(text).blocks.map((b) => b.step)).toEqual([1]);
  });

  it('regenerates from the code, picking up a changed file', async () => {
    const root = tempRepo();
    const { session, analyzer } = await setup(root, [1]);
    const ui = new ScriptedUI(['regenerate', 'quit']);
    const original = ui.review.bind(ui);
    ui.review = async (m) => {
      if (ui.shown.length === 0) writeFileSync(path.join(root, 'README.md'), '# Tiny\n\nA brand new tagline for tests.\n');
      return original(m);
    };
    await runInteractive({ session, analyzer, ui, editor: async () => 'vi' });
    session.close();
    expect(ui.shown[0].markdown).not.toContain('brand new tagline');
    expect(ui.shown[1].markdown).toContain('brand new tagline');
    expect(ui.shown[1].message).toContain('Regenerated');
  });
});

describe('undo', () => {
  it('u after an accept takes the block back out of the file and shows that step again; the state agrees', async () => {
    const root = tempRepo();
    const { session, analyzer, output } = await setup(root, [1, 2, 3]);
    const ui = new ScriptedUI(['accept', 'undo', 'accept', 'accept', 'accept']);
    expect(await runInteractive({ session, analyzer, ui, editor: async () => 'vi' })).toBe('finished');
    session.close();
    expect(ui.shown.map((m) => m.step)).toEqual([1, 2, 1, 2, 3]);
    expect(ui.shown[0].canUndo).toBe(false);
    expect(ui.shown[1].canUndo).toBe(true);
    expect(ui.shown[2].message).toMatch(/^Undone: step 1 — Project Overview & Architecture was taken out of/);
    expect(ui.shown[2].markdown).toBe(ui.shown[0].markdown);
    expect(ui.confirmations[0]).toMatch(/^✓ Step 1 — Project Overview & Architecture: written to .*PROJECT-CONTEXT\.md \(\d+ lines\)/);
    expect(parseOutput(readFileSync(output, 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2, 3]);
  });

  it('u after the only accept leaves no file; u twice takes back two decisions, a skip included', async () => {
    const root = tempRepo();
    const { session, analyzer, output } = await setup(root, [1, 2, 3]);
    const ui = new ScriptedUI(['accept', 'skip', 'undo', 'undo', 'quit']);
    await runInteractive({ session, analyzer, ui, editor: async () => 'vi' });
    session.close();
    expect(ui.shown.map((m) => m.step)).toEqual([1, 2, 3, 2, 1]);
    expect(ui.shown[3].message).toContain('is no longer skipped');
    expect(existsSync(output)).toBe(false);
    expect(session.steps.map((s) => s.status)).toEqual(['generated', 'generated', 'generated']);
    const state = loadState(path.join(root, '.project-context/state.json'));
    expect(state?.steps.map((s) => s.status)).toEqual(['generated', 'generated', 'generated']);
    expect(state?.steps.some((s) => s.undoing)).toBe(false);
    expect(state?.outputHash).toBe('');
  });

  it('refuses to take back a section edited by hand in the file since, and says so', async () => {
    const root = tempRepo();
    const { session, analyzer, output } = await setup(root, [1, 2]);
    const ui = new ScriptedUI(['accept', 'undo', 'quit']);
    const original = ui.review.bind(ui);
    ui.review = async (m) => {
      if (ui.shown.length === 1) writeFileSync(output, readFileSync(output, 'utf8').replace('A tiny package', 'A hand-tuned package'));
      return original(m);
    };
    await runInteractive({ session, analyzer, ui, editor: async () => 'vi' });
    session.close();
    expect(ui.shown[2].step).toBe(2);
    expect(ui.shown[2].message).toContain('Not undone');
    expect(ui.shown[2].tone).toBe('warning');
    expect(readFileSync(output, 'utf8')).toContain('A hand-tuned package');
    expect(session.record(1).status).toBe('accepted');
  });

  it('a crash between recording an undo and removing the block: the next start finishes it', async () => {
    const root = tempRepo();
    const o = sessionOptions(root, { steps: [1, 2] });
    const first = await Session.open(o);
    first.setGenerated(1, '## 1. One\n\nfirst\n');
    first.accept(1);
    const block = parseOutput(readFileSync(o.output, 'utf8')).blocks[0];
    first.close();
    // What undo() saves before it touches the file, as a crash would leave it.
    const file = path.join(root, '.project-context/state.json');
    const state = loadState(file)!;
    state.steps[0] = { ...state.steps[0], status: 'generated', generated: '## 1. One\n\nfirst\n', hash: undefined, undoing: block.hash, decidedAt: undefined };
    writeFileSync(file, JSON.stringify(state));
    const notices: string[] = [];
    const resumed = await Session.open({ ...o, notice: (m) => notices.push(m) });
    resumed.close();
    expect(notices.join()).toContain('was being taken back');
    expect(existsSync(o.output)).toBe(false);
    expect(resumed.record(1).status).toBe('generated');
    expect(loadState(file)?.steps[0].undoing).toBeUndefined();
  });
});

describe('regenerating', () => {
  it('asks before discarding an edit; keeping it changes nothing, regenerating shows the changes', async () => {
    const root = tempRepo();
    const { session, analyzer } = await setup(root, [1]);
    const ui = new ScriptedUI(['edit', 'regenerate', 'regenerate', 'quit'], ['keep', 'regenerate']);
    const edit = (text: string): EditResult => ({ kind: 'changed', text: `${text}\nMY NOTE\n` });
    await runInteractive({ session, analyzer, ui, editor: async () => 'true', edit });
    session.close();
    expect(ui.questions[0]).toContain('has your edit');
    expect(ui.shown[2].message).toContain('Your edit is kept');
    expect(ui.shown[2].markdown).toContain('MY NOTE');
    expect(ui.shown[3].markdown).not.toContain('MY NOTE');
    expect(ui.shown[3].showChanges).toBe(true);
    expect(ui.shown[3].previous?.label).toBe('your edit');
    expect(ui.shown[3].previous?.markdown).toContain('MY NOTE');
    expect(ui.shown[3].message).toMatch(/\+0 −2 lines/);
  });

  it('reviewing a step again (--steps) opens on what would change from the section in the file', async () => {
    const root = tempRepo();
    let ctx = await setup(root, [1]);
    await runHeadless({ ...ctx, log: () => undefined });
    ctx.session.close();
    writeFileSync(path.join(root, 'README.md'), '# Tiny\n\nA brand new tagline for tests.\n');
    ctx = await setup(root, [1], 'new');
    const ui = new ScriptedUI(['quit']);
    await runInteractive({ ...ctx, ui, editor: async () => 'vi' });
    ctx.session.close();
    expect(ui.shown[0].previous?.label).toMatch(/the section in .*PROJECT-CONTEXT\.md/);
    expect(ui.shown[0].showChanges).toBe(true);
    expect(ui.shown[0].message).toMatch(/already has this step: \+\d+ −\d+ lines would change/);
  });
});

describe('--yes', () => {
  it('run twice in a row leaves one copy of each section', async () => {
    const root = tempRepo();
    for (let run = 0; run < 2; run++) {
      const { session, analyzer, output } = await setup(root);
      const lines: string[] = [];
      await runHeadless({ session, analyzer, log: (l) => lines.push(l) });
      session.close();
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\[1\/2\] Step 1 — Project Overview & Architecture: accepted/);
      expect(parseOutput(readFileSync(output, 'utf8')).blocks.map((b) => b.step)).toEqual([1, 2]);
    }
  });

  it('never replaces a section edited by hand in the file', async () => {
    const root = tempRepo();
    let ctx = await setup(root, [1]);
    await runHeadless({ ...ctx, log: () => undefined });
    ctx.session.close();
    const edited = readFileSync(ctx.output, 'utf8').replace('A tiny package', 'A hand-tuned description');
    writeFileSync(ctx.output, edited);
    ctx = await setup(root, [1]);
    const lines: string[] = [];
    await runHeadless({ ...ctx, log: (l) => lines.push(l) });
    ctx.session.close();
    expect(lines[0]).toContain('kept the hand-edited section');
    expect(readFileSync(ctx.output, 'utf8')).toBe(edited);
  });
});
