import type { ReviewAction } from '../../wizard/ui.js';

/**
 * Screen state of the review view, in a reducer: several keys can arrive in one chunk and the handler's closure may
 * be stale, so every key goes through `reviewReducer`, which always sees the latest state.
 */
export type View = 'section' | 'changes' | 'help';

export interface ReviewState {
  /** What the viewport shows; `help` covers the others, which keep their place underneath. */
  readonly view: Exclude<View, 'help'>;
  readonly help: boolean;
  /** First visible row and first visible column (rows wider than the screen scroll sideways) per view. */
  readonly top: Readonly<Record<View, number>>;
  readonly left: number;
  /** Rows of each view's content, and of the viewport. */
  readonly counts: Readonly<Record<View, number>>;
  readonly height: number;
  /** Columns the viewport shows, and how far the widest row reaches. */
  readonly width: number;
  readonly widest: number;
  /** Decisions are taken only from this time on (ms since the epoch); Enter from `enterReadyAt`. */
  readonly readyAt: number;
  readonly enterReadyAt: number;
  /** Why the last key did nothing, shown on the message row until the next key. */
  readonly hint?: string;
  /** `/` typing a pattern. */
  readonly typing?: string;
  /** The last pattern searched, its matching rows in the current view, and which one is shown. */
  readonly query?: string;
  readonly matches: readonly number[];
  readonly match: number;
  /** Bumped by `x`: the component dismisses the notices on screen. */
  readonly dismissed: number;
  readonly canUndo: boolean;
  readonly guard: Guard;
  /** Set once an action key is pressed; later keys are ignored. */
  readonly action?: ReviewAction;
}

/** The parts of Ink's key object the review screen reads. */
export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
}

/** How long a section must have been on screen before a key decides it: long enough to have been seen. */
export interface Guard {
  readonly actionMs: number;
  readonly enterMs: number;
}

export const GUARD: Guard = { actionMs: 300, enterMs: 1000 };

export type ReviewEvent =
  | { readonly type: 'key'; readonly input: string; readonly key: KeyInfo; readonly at: number }
  | {
      readonly type: 'layout';
      readonly counts: Readonly<Record<View, number>>;
      readonly height: number;
      readonly width: number;
      readonly widest: number;
      readonly canUndo: boolean;
    }
  /** The section was painted at `at`; decisions count from then on. */
  | { readonly type: 'shown'; readonly at: number; readonly guard: Guard }
  /** Rows of the current view that match the query (computed by the component, which has the text). */
  | { readonly type: 'matches'; readonly rows: readonly number[] };

export function initialReviewState(counts: Record<View, number>, height: number, showChanges = false): ReviewState {
  return {
    view: showChanges && counts.changes > 0 ? 'changes' : 'section',
    help: false,
    top: { section: 0, changes: 0, help: 0 },
    left: 0,
    counts,
    height: Math.max(1, height),
    width: 80,
    widest: 0,
    readyAt: Number.POSITIVE_INFINITY,
    enterReadyAt: Number.POSITIVE_INFINITY,
    matches: [],
    match: 0,
    dismissed: 0,
    canUndo: false,
    guard: GUARD,
  };
}

const ACTIONS: Record<string, ReviewAction> = { a: 'accept', e: 'edit', r: 'regenerate', s: 'skip', u: 'undo' };

export function reviewReducer(state: ReviewState, event: ReviewEvent): ReviewState {
  switch (event.type) {
    case 'layout': {
      const next = { ...state, counts: event.counts, height: Math.max(1, event.height), width: event.width, widest: event.widest, canUndo: event.canUndo };
      const view = next.view === 'changes' && next.counts.changes === 0 ? 'section' : next.view;
      return clampAll({ ...next, view });
    }
    case 'shown':
      return { ...state, readyAt: event.at + event.guard.actionMs, enterReadyAt: event.at + event.guard.enterMs, guard: event.guard };
    case 'matches':
      return jumpToMatch({ ...state, matches: event.rows }, 'first');
    case 'key':
      return state.action ? state : onKey({ ...state, hint: undefined }, event);
  }
}

function onKey(state: ReviewState, { input, key, at }: Extract<ReviewEvent, { type: 'key' }>): ReviewState {
  if (key.ctrl && input === 'c') return { ...state, action: 'interrupt' };
  if (state.typing !== undefined) return onTyping(state, input, key);
  if (input === '?') return { ...state, help: !state.help };
  if (key.escape) {
    if (state.help) return { ...state, help: false };
    return { ...state, query: undefined, matches: [], match: 0 };
  }
  if (input === 'q') return state.help ? { ...state, help: false } : { ...state, action: 'quit' };
  const scrolled = scroll(state, input, key);
  if (scrolled) return scrolled;
  // Ctrl and Alt with a letter are not that letter: Ctrl+S must not skip a step.
  if (key.ctrl || key.meta) return state;
  const action = ACTIONS[input] ?? (key.return ? 'accept' : undefined);
  if (state.help) {
    if (action || input === 'd' || input === '/' || input === 'x') return { ...state, hint: 'Close the help first (? or Esc); it covers the section.' };
    return state;
  }
  if (input === '/') return { ...state, typing: '' };
  if (input === 'n' || input === 'N') {
    if (!state.query) return { ...state, hint: 'Press / to search the section.' };
    return jumpToMatch(state, input === 'n' ? 'next' : 'previous');
  }
  if (input === 'd') {
    if (state.counts.changes === 0) return { ...state, hint: 'There is nothing to compare this section with.' };
    return clampAll({ ...state, view: state.view === 'changes' ? 'section' : 'changes', query: undefined, matches: [], match: 0 });
  }
  if (input === 'x') return { ...state, dismissed: state.dismissed + 1 };
  if (!action) return state;
  if (action === 'undo' && !state.canUndo) return { ...state, hint: 'Nothing to undo yet: no step has been accepted or skipped.' };
  if (at < state.readyAt || (key.return && at < state.enterReadyAt)) return tooSoon(state, action, !!key.return, at);
  return { ...state, action };
}

/**
 * A decision key that came before the section could have been read: dropped, with the reason on screen. Each dropped
 * key starts the wait again, so keys pressed in a row (Enter held down, or typed ahead) never decide a section.
 */
function tooSoon(state: ReviewState, action: ReviewAction, enter: boolean, at: number): ReviewState {
  const { guard } = state;
  const readyAt = Math.max(state.readyAt === Number.POSITIVE_INFINITY ? 0 : state.readyAt, at + guard.actionMs);
  const enterReadyAt = Math.max(readyAt, at + guard.enterMs);
  const key = enter ? 'Enter' : action === 'accept' ? 'a' : (Object.entries(ACTIONS).find(([, a]) => a === action)?.[0] ?? '');
  const what = action === 'accept' ? 'Not accepted' : action === 'skip' ? 'Not skipped' : 'Ignored';
  return { ...state, readyAt, enterReadyAt, hint: `${what}: this section only just appeared. Look it over, then press ${key} again.` };
}

function onTyping(state: ReviewState, input: string, key: KeyInfo): ReviewState {
  const text = state.typing ?? '';
  if (key.escape) return { ...state, typing: undefined };
  if (key.return) {
    const query = text.trim() === '' ? state.query : text;
    return { ...state, typing: undefined, query, matches: query === state.query ? state.matches : [], match: 0 };
  }
  if (key.backspace || key.delete) return { ...state, typing: text.slice(0, -1) };
  if (key.ctrl && input === 'u') return { ...state, typing: '' };
  if (key.ctrl || key.upArrow || key.downArrow || key.pageUp || key.pageDown || input === '') return state;
  return { ...state, typing: text + input };
}

function current(state: ReviewState): View {
  return state.help ? 'help' : state.view;
}

function scroll(state: ReviewState, input: string, key: KeyInfo): ReviewState | undefined {
  const view = current(state);
  const top = state.top[view];
  const page = Math.max(1, state.height - 1);
  const half = Math.max(1, Math.floor(state.height / 2));
  let next: number | undefined;
  if (key.upArrow || input === 'k') next = top - 1;
  else if (key.downArrow || input === 'j') next = top + 1;
  else if (key.pageUp || input === 'b') next = top - page;
  else if (key.pageDown || input === ' ') next = top + page;
  else if (key.ctrl && input === 'd') next = top + half;
  else if (key.ctrl && input === 'u') next = top - half;
  else if (key.home || input === 'g') next = 0;
  else if (key.end || input === 'G') next = Number.MAX_SAFE_INTEGER;
  if (next !== undefined) return { ...state, top: { ...state.top, [view]: clampTop(state, view, next) } };
  const step = Math.max(4, Math.floor(state.width / 4));
  if (key.rightArrow || input === 'l') return { ...state, left: clampLeft(state, state.left + step) };
  if (key.leftArrow || input === 'h') return { ...state, left: clampLeft(state, state.left - step) };
  return undefined;
}

function jumpToMatch(state: ReviewState, which: 'first' | 'next' | 'previous'): ReviewState {
  const { matches } = state;
  if (!state.query) return state;
  if (matches.length === 0) return { ...state, hint: `Not found: ${state.query}` };
  const view = state.view;
  const top = state.top[view];
  let match: number;
  let wrapped = false;
  if (which === 'first') {
    match = matches.findIndex((row) => row >= top);
    if (match < 0) [match, wrapped] = [0, true];
  } else if (which === 'next') {
    match = state.match + 1;
    if (match >= matches.length) [match, wrapped] = [0, true];
  } else {
    match = state.match - 1;
    if (match < 0) [match, wrapped] = [matches.length - 1, true];
  }
  const row = matches[match];
  // The match goes a few rows below the top, so the line before it gives context.
  const nextTop = clampTop(state, view, row - Math.min(2, Math.floor(state.height / 4)));
  const hint = wrapped ? (which === 'previous' ? 'Search went round to the last match.' : 'Search went round to the first match.') : undefined;
  return { ...state, match, top: { ...state.top, [view]: nextTop }, hint };
}

function clampTop(state: ReviewState, view: View, top: number): number {
  return Math.min(Math.max(0, state.counts[view] - state.height), Math.max(0, top));
}

function clampLeft(state: ReviewState, left: number): number {
  return Math.min(Math.max(0, state.widest - state.width), Math.max(0, left));
}

function clampAll(state: ReviewState): ReviewState {
  const top = { section: clampTop(state, 'section', state.top.section), changes: clampTop(state, 'changes', state.top.changes), help: clampTop(state, 'help', state.top.help) };
  return { ...state, top, left: clampLeft(state, state.left) };
}

/**
 * Ink hands over a chunk of typed characters as one string (a fast typist, a paste, a test). Printable chunks are
 * split into one event per character; escape sequences arrive already decoded in `key`.
 */
export function keyEvents(input: string, key: KeyInfo, at = Date.now()): ReviewEvent[] {
  if (input.length <= 1 || key.ctrl) return [{ type: 'key', input, key, at }];
  return [...input].map((ch) => ({ type: 'key', input: ch, key: ch === '\r' ? { return: true } : {}, at }));
}
