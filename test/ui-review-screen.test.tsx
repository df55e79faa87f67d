import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { fitKeys } from '../src/ui/KeyBar.js';
import { ReviewScreen } from '../src/ui/review/ReviewScreen.js';
import { initialReviewState, keyEvents, reviewReducer, type Guard } from '../src/ui/review/review-state.js';
import type { ReviewAction, ReviewModel, SessionView } from '../src/wizard/ui.js';

const long = ['## 1. Project Overview & Architecture', '', ...Array.from({ length: 80 }, (_, i) => `- item number ${i + 1}`)].join('\n');
const model: ReviewModel = { step: 1, position: 1, total: 10, title: 'Project Overview & Architecture', markdown: long, edited: false, canUndo: true };
const view: SessionView = {
  steps: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, title: `Step ${i + 1}`, mark: i === 0 ? 'done' : i === 1 ? 'skipped' : i === 2 ? 'current' : i === 3 ? 'stale' : 'pending' })),
  output: 'docs/PROJECT-CONTEXT.md',
  notices: [],
};
/** Keys decide at once: for the tests of what each key does. */
const NOW: Guard = { actionMs: 0, enterMs: 0 };

const tick = () => new Promise((r) => setTimeout(r, 30));

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

function mount(m: ReviewModel = model, options: { guard?: Guard; columns?: number; rows?: number; view?: SessionView } = {}) {
  const actions: ReviewAction[] = [];
  const dismissed: number[] = [];
  const r = render(
    <ReviewScreen
      model={m}
      view={options.view ?? view}
      onAction={(a) => actions.push(a)}
      onDismiss={(ids) => dismissed.push(...ids)}
      columns={options.columns ?? 80}
      rows={options.rows ?? 20}
      guard={options.guard ?? NOW}
    />,
  );
  const screen = () => stripAnsi(r.lastFrame() ?? '');
  return { ...r, actions, dismissed, screen };
}

describe('ReviewScreen', () => {
  it('shows the step, the rail with the output path, the rendered section and the keys', () => {
    const { screen, unmount } = mount();
    expect(screen()).toContain('Step 1 of 10 — Project Overview & Architecture');
    expect(screen()).toMatch(/✓1 –2 ▸3 !4 ·5/);
    expect(screen()).toContain('→ docs/PROJECT-CONTEXT.md');
    expect(screen()).toContain('item number 1');
    expect(screen()).not.toContain('item number 30');
    expect(screen()).toMatch(/a\s+accept\s+e\s+edit\s+r\s+regen(erate)?\s+s\s+skip\s+u\s+undo/);
    unmount();
  });

  it('keeps ? in the key bar at 80 columns and at 50', () => {
    for (const columns of [80, 50]) {
      const { screen, unmount } = mount({ ...model, previous: { label: 'before', markdown: '# x' } }, { columns });
      const bar = screen().split('\n').at(-1) ?? '';
      expect(bar, `${columns} columns`).toMatch(/\?\s+help$/);
      expect(bar.length).toBeLessThanOrEqual(columns - 1);
      unmount();
    }
    // Labels shorten before keys go, and the least important keys go first.
    const keys = [
      { key: 'a', label: 'accept', priority: 1 },
      { key: 'r', label: 'regenerate', short: 'regen', priority: 4 },
      { key: '/', label: 'search', priority: 6 },
      { key: '?', label: 'help', priority: 0 },
    ];
    expect(fitKeys(keys, 46).map((k) => k.label)).toEqual(['accept', 'regenerate', 'search', 'help']);
    expect(fitKeys(keys, 41).map((k) => k.label)).toEqual(['accept', 'regen', 'search', 'help']);
    expect(fitKeys(keys, 38).map((k) => k.key)).toEqual(['a', 'r', '?']);
    expect(fitKeys(keys, 5).map((k) => k.key)).toEqual(['?']);
  });

  it('scrolls by line, page, half page, and to the end and back', async () => {
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
    // 20 rows: 15 for the section; a page keeps one row of the last, half a page is 7 rows.
    stdin.write('\u001b[6~'); // PgDn
    await tick();
    expect(screen()).toMatch(/lines 15–/);
    stdin.write('\u0015'); // Ctrl+U: half a page back
    await tick();
    expect(screen()).toMatch(/lines 8–/);
    stdin.write('\u0004'); // Ctrl+D
    await tick();
    expect(screen()).toMatch(/lines 15–/);
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
      ['u', 'undo'],
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

  it('Ctrl with a letter is not the letter: Ctrl+S does not skip, Ctrl+A does not accept', async () => {
    const { stdin, actions, unmount } = mount();
    await tick();
    stdin.write('\u0013');
    stdin.write('\u0001');
    await tick();
    expect(actions).toEqual([]);
    unmount();
  });

  it('u without a decision to take back says so', async () => {
    const { stdin, actions, screen, unmount } = mount({ ...model, canUndo: false });
    await tick();
    expect(screen()).not.toMatch(/u\s+undo/);
    stdin.write('u');
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).toContain('Nothing to undo yet');
    unmount();
  });

  it('shows the help; decision keys do nothing while it covers the section', async () => {
    const { screen, stdin, actions, unmount } = mount();
    stdin.write('?');
    await tick();
    expect(screen()).toContain('accept: write this section');
    stdin.write('a');
    stdin.write('s');
    stdin.write('\r');
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).toContain('Close the help first');
    stdin.write('q'); // closes the help rather than quitting
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).not.toContain('accept: write this section');
    unmount();
  });

  it('searches with /, goes to the next and previous match with n and N, and marks the matches', async () => {
    const { screen, stdin, lastFrame, unmount } = mount();
    stdin.write('/');
    await tick();
    expect(screen()).toContain('Enter searches, Esc cancels');
    stdin.write('number 4');
    await tick();
    stdin.write('\r');
    await waitFor(() => screen().includes('1 of 11'));
    expect(screen()).toContain('"number 4" 1 of 11'); // 4, 40–49
    expect(lastFrame()).toContain('\u001b[7mnumber 4\u001b[27m'); // the match, in inverse video
    stdin.write('n');
    await tick();
    expect(screen()).toContain('"number 4" 2 of 11');
    expect(screen()).toContain('item number 40');
    stdin.write('N');
    stdin.write('N');
    await tick();
    expect(screen()).toContain('"number 4" 11 of 11');
    expect(screen()).toContain('went round');
    expect(screen()).toContain('item number 49');
    unmount();
  });

  it('says when a search finds nothing; n without a search says how to search', async () => {
    const { screen, stdin, unmount } = mount();
    stdin.write('n');
    await tick();
    expect(screen()).toContain('Press / to search');
    stdin.write('/zebra\r');
    await tick();
    await tick();
    expect(screen()).toContain('not found');
    unmount();
  });

  it('switches with d between the section and the changes from another text of it', async () => {
    const before = long.replace('item number 5\n', 'item number five\n');
    const { screen, stdin, unmount } = mount({ ...model, previous: { label: 'before regenerating', markdown: before }, showChanges: true });
    expect(screen()).toContain('changes from before regenerating (+1 −1)');
    expect(screen()).toContain('- - item number five');
    expect(screen()).toContain('+ - item number 5');
    stdin.write('d');
    await tick();
    expect(screen()).not.toContain('changes from');
    expect(screen()).toContain('* item number 1');
    unmount();
    const none = mount();
    none.stdin.write('d');
    await tick();
    expect(none.screen()).toContain('nothing to compare');
    none.unmount();
  });

  it('scrolls wide code blocks sideways instead of breaking them', async () => {
    const diagram = ['## Diagram', '', '```', `┌${'─'.repeat(120)}┐`, `│ start${' '.repeat(100)}far right end │`, '```'].join('\n');
    const { screen, stdin, unmount } = mount({ ...model, markdown: diagram });
    expect(screen()).toContain('← → wide lines');
    expect(screen()).not.toContain('far right end');
    expect(screen()).toContain('›');
    for (let i = 0; i < 5; i++) stdin.write('\u001b[C');
    await tick();
    expect(screen()).toContain('far right end');
    expect(screen()).toContain('from column');
    unmount();
  });

  it('shows notices until x dismisses them', async () => {
    const withNotices = { ...view, notices: [{ id: 1, text: 'The previous PROJECT-CONTEXT.md is kept as .project-context/PROJECT-CONTEXT.md.bak-1', tone: 'info' as const }] };
    const { screen, stdin, dismissed, unmount } = mount(model, { view: withNotices });
    expect(screen()).toContain('! The previous PROJECT-CONTEXT.md is kept as');
    expect(screen()).toMatch(/x\s+dismiss/);
    stdin.write('x');
    await waitFor(() => dismissed.length > 0);
    expect(dismissed).toEqual([1]);
    unmount();
  });

  it('asks for a larger window below 50×14', () => {
    const { screen, unmount } = mount(model, { columns: 45, rows: 12 });
    expect(screen()).toContain('The terminal is too small');
    expect(screen()).toContain('45×12');
    unmount();
  });

  it('marks an edited section and shows the status message', () => {
    const { screen, unmount } = mount({ ...model, edited: true, message: 'Your edit is saved.' });
    expect(screen()).toContain('edited');
    expect(screen()).toContain('Your edit is saved.');
    unmount();
  });
});

describe('a section is decided only once it could be seen', () => {
  const guard: Guard = { actionMs: 300, enterMs: 1000 };

  it('drops a at once with a hint, and takes it after 300 ms', async () => {
    const { stdin, actions, screen, unmount } = mount(model, { guard });
    await tick();
    stdin.write('a');
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).toContain('Not accepted: this section only just appeared');
    await new Promise((r) => setTimeout(r, 350));
    stdin.write('a');
    await waitFor(() => actions.length > 0);
    expect(actions).toEqual(['accept']);
    unmount();
  });

  it('Enter pressed again and again never accepts; Enter after a second of quiet does', async () => {
    const { stdin, actions, screen, unmount } = mount(model, { guard });
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 300));
      stdin.write('\r');
    }
    await tick();
    expect(actions).toEqual([]);
    expect(screen()).toMatch(/press Enter\s+again/);
    await new Promise((r) => setTimeout(r, 1050));
    stdin.write('\r');
    await waitFor(() => actions.length > 0);
    expect(actions).toEqual(['accept']);
    unmount();
  });

  it('scrolling and q are never held back', async () => {
    const { stdin, actions, screen, unmount } = mount(model, { guard });
    stdin.write('j');
    await tick();
    expect(screen()).toContain('lines 2–');
    stdin.write('q');
    await waitFor(() => actions.length > 0);
    expect(actions).toEqual(['quit']);
    unmount();
  });
});

describe('reviewReducer', () => {
  const key = (input: string, k = {}) => ({ type: 'key' as const, input, key: k, at: 0 });
  const counts = (section: number) => ({ section, changes: 0, help: 30 });
  const layout = (section: number, height: number) => ({ type: 'layout' as const, counts: counts(section), height, width: 80, widest: 80, canUndo: false });

  it('never scrolls past either end', () => {
    let s = reviewReducer(initialReviewState(counts(100), 10), layout(100, 10));
    s = reviewReducer(s, key('k'));
    expect(s.top.section).toBe(0);
    for (let i = 0; i < 50; i++) s = reviewReducer(s, key('', { pageDown: true }));
    expect(s.top.section).toBe(90);
    s = reviewReducer(s, layout(50, 10));
    expect(s.top.section).toBe(40);
  });

  it('takes the first action of a pasted chunk and ignores the rest', () => {
    let s = reviewReducer(initialReviewState(counts(100), 10), layout(100, 10));
    s = reviewReducer(s, { type: 'shown', at: 0, guard: { actionMs: 0, enterMs: 0 } });
    for (const e of keyEvents('jjsq', {}, 1)) s = reviewReducer(s, e);
    expect(s.top.section).toBe(2);
    expect(s.action).toBe('skip');
  });

  it('ignores decisions before the section was drawn at all', () => {
    let s = reviewReducer(initialReviewState(counts(100), 10), layout(100, 10));
    s = reviewReducer(s, key('a'));
    expect(s.action).toBeUndefined();
    expect(s.hint).toContain('only just appeared');
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
