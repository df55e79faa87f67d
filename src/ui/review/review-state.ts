/** Screen state of the review view, in a reducer: several keys can arrive in one chunk, and closures would be stale. */
export interface ReviewState {
  readonly top: number;
  readonly rows: number;
  readonly height: number;
  readonly help: boolean;
}

export type ReviewEvent =
  | { readonly type: 'scroll'; readonly by: number }
  | { readonly type: 'page'; readonly by: number }
  | { readonly type: 'home' }
  | { readonly type: 'end' }
  | { readonly type: 'toggle-help' }
  | { readonly type: 'resize'; readonly rows: number; readonly height: number };

export function initialReviewState(rows: number, height: number): ReviewState {
  return { top: 0, rows, height: Math.max(1, height), help: false };
}

export function reviewReducer(state: ReviewState, event: ReviewEvent): ReviewState {
  const maxTop = Math.max(0, state.rows - state.height);
  const clamp = (top: number) => Math.min(maxTop, Math.max(0, top));
  switch (event.type) {
    case 'scroll':
      return { ...state, top: clamp(state.top + event.by) };
    case 'page':
      return { ...state, top: clamp(state.top + event.by * Math.max(1, state.height - 1)) };
    case 'home':
      return { ...state, top: 0 };
    case 'end':
      return { ...state, top: maxTop };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'resize': {
      const next = { ...state, rows: event.rows, height: Math.max(1, event.height) };
      return { ...next, top: Math.min(Math.max(0, next.rows - next.height), state.top) };
    }
  }
}
