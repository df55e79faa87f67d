import type { ReviewAction } from '../../wizard/ui.js';

/**
 * Screen state of the review view, in a reducer: several keys can arrive in one chunk and the handler's closure may
 * be stale, so every key goes through `reviewReducer`, which always sees the latest state.
 */
export interface ReviewState {
  readonly top: number;
  readonly rows: number;
  readonly height: number;
  readonly help: boolean;
  /** Set once an action key is pressed; later keys are ignored. */
  readonly action?: ReviewAction;
}

/** The parts of Ink's key object the review screen reads. */
export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
}

export type ReviewEvent =
  | { readonly type: 'key'; readonly input: string; readonly key: KeyInfo }
  | { readonly type: 'resize'; readonly rows: number; readonly height: number };

export function initialReviewState(rows: number, height: number): ReviewState {
  return { top: 0, rows, height: Math.max(1, height), help: false };
}

export function reviewReducer(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'resize') {
    const next = { ...state, rows: event.rows, height: Math.max(1, event.height) };
    return { ...next, top: clamp(next, state.top) };
  }
  if (state.action) return state;
  const { input, key } = event;
  if (key.ctrl && input === 'c') return { ...state, action: 'interrupt' };
  if (state.help && (key.escape || input === '?' || input === 'q')) return { ...state, help: false };
  if (input === '?') return { ...state, help: !state.help };
  const action = ACTIONS[input] ?? (key.return ? 'accept' : undefined);
  if (action) return { ...state, action };
  const page = Math.max(1, state.height - 1);
  if (key.upArrow || input === 'k') return { ...state, top: clamp(state, state.top - 1) };
  if (key.downArrow || input === 'j') return { ...state, top: clamp(state, state.top + 1) };
  if (key.pageUp || input === 'b') return { ...state, top: clamp(state, state.top - page) };
  if (key.pageDown || input === ' ') return { ...state, top: clamp(state, state.top + page) };
  if (key.home || input === 'g') return { ...state, top: 0 };
  if (key.end || input === 'G') return { ...state, top: clamp(state, Number.MAX_SAFE_INTEGER) };
  return state;
}

const ACTIONS: Record<string, ReviewAction> = { a: 'accept', e: 'edit', r: 'regenerate', s: 'skip', q: 'quit' };

function clamp(state: Pick<ReviewState, 'rows' | 'height'>, top: number): number {
  return Math.min(Math.max(0, state.rows - state.height), Math.max(0, top));
}

/**
 * Ink hands over a chunk of typed characters as one string (a fast typist, a paste, a test). Printable chunks are
 * split into one event per character; escape sequences arrive already decoded in `key`.
 */
export function keyEvents(input: string, key: KeyInfo): ReviewEvent[] {
  if (input.length <= 1 || key.ctrl) return [{ type: 'key', input, key }];
  return [...input].map((ch) => ({ type: 'key', input: ch, key: ch === '\r' ? { return: true } : {} }));
}
