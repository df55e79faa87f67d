import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { ReviewScreen } from '../src/ui/review/ReviewScreen.js';
import { initialReviewState, keyEvents, reviewReducer } from '../src/ui/review/review-state.js';
import type { ReviewAction, ReviewModel } from '../src/wizard/ui.js';

const long = ['## 1. Project Overview & Architecture', '', ...Array.from({ length: 80 }, (_, i) => `- item number ${i + 1}`)].join('\n');
const model: ReviewModel = { step: 1, position: 1, total: 10, title: 'Project Overview & Architecture', markdown: long, edited: false };

const tick = () => new Promise((r) => setTimeout(r, 30));

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

function mount(m: ReviewModel = model) {
  const actions: ReviewAction[] = [];
  const view = render(<ReviewScreen model={m} onAction={(a) => actions.push(a)} columns={80} rows={20} />);
  const screen = () => stripAnsi(view.lastFrame() ?? '');
  return { ...view, actions, screen };
}

describe('ReviewScreen', () => {
  it('shows the step, the rendered section and the keys', () => {
    const { screen, unmount } = mount();
    expect(screen()).toContain('Step 1 of 10 — Project Overview & Architecture');
    expect(screen()).toContain('item number 1');
    expect(screen()).not.toContain('item number 30');
    expect(screen()).toMatch(/a\s+accept\s+e\s+edit\s+r\s+regenerate\s+s\s+skip\s+q\s+quit/);
    unmount();
  });

  it('scrolls by line, page, and to the end and back', async () => {
    const { screen, stdin, unmount } = mount();
    stdin.write('j');
    await tick();
    expect(screen()).toContain('lines 2–');
    expect(screen()).not.toContain('## 1. Project');
    stdin.write('G');
    await tick();
    expect(screen()).toContain('item number 80');
    expect(screen()).toContain('(100%)');
    stdin.write('g');
    await tick();
    expect(screen()).toContain('item number 1');
    stdin.write('\u001b[6~'); // PgDn
    await tick();
    expect(screen()).toContain('item number 20');
    unmount();
  });

  it('handles several keys arriving in one chunk', async () => {
    const { screen, stdin, unmount } = mount();
    stdin.write('jjjjj');
    await tick();
    expect(screen()).toContain('lines 6–');
    unmount();
  });

  it('maps the action keys', async () => {
    for (const [key, action] of [
      ['a', 'accept'],
      ['\r', 'accept'],
      ['e', 'edit'],
      ['r', 'regenerate'],
      ['s', 'skip'],
      ['q', 'quit'],
      ['\u0003', 'interrupt'],
    ] as const) {
      const { stdin, actions, unmount } = mount();
      await tick();
      stdin.write(key);
      await waitFor(() => actions.length > 0);
      expect(actions, `key ${JSON.stringify(key)}`).toEqual([action]);
      unmount();
    }
  });

  it('shows and hides the help with ?', async () => {
    const { screen, stdin, actions, unmount } = mount();
    stdin.write('?');
    await tick();
    expect(screen()).toContain('save progress and quit');
    stdin.write('q'); // closes the help rather than quitting
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).not.toContain('save progress and quit');
    unmount();
  });

  it('marks an edited section and shows the status message', () => {
    const { screen, unmount } = mount({ ...model, edited: true, message: 'Your edit is saved.' });
    expect(screen()).toContain('edited');
    expect(screen()).toContain('Your edit is saved.');
    unmount();
  });
});

describe('reviewReducer', () => {
  const key = (input: string, k = {}) => ({ type: 'key' as const, input, key: k });

  it('never scrolls past either end', () => {
    let s = initialReviewState(100, 10);
    s = reviewReducer(s, key('k'));
    expect(s.top).toBe(0);
    for (let i = 0; i < 50; i++) s = reviewReducer(s, key('', { pageDown: true }));
    expect(s.top).toBe(90);
    s = reviewReducer(s, { type: 'resize', rows: 50, height: 10 });
    expect(s.top).toBe(40);
  });

  it('takes the first action of a pasted chunk and ignores the rest', () => {
    let s = initialReviewState(100, 10);
    for (const e of keyEvents('jjsq', {})) s = reviewReducer(s, e);
    expect(s.top).toBe(2);
    expect(s.action).toBe('skip');
  });
});

describe('ReviewScreen messages', () => {
  it('gives a long message a second row instead of cutting off what to do', () => {
    const message = 'Not written (permission denied or read-only disk); nothing changed. Fix it and press a again: /very/long/path/to/the/output/folder/PROJECT-CONTEXT.md';
    const view = render(<ReviewScreen model={{ ...model, message, tone: 'error' }} onAction={() => undefined} columns={80} rows={20} />);
    const screen = stripAnsi(view.lastFrame() ?? '');
    expect(screen.replace(/\n/g, ' ')).toContain('PROJECT-CONTEXT.md');
    expect(screen.split('\n')).toHaveLength(20);
    view.unmount();
  });
});
