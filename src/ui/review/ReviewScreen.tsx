import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import stripAnsi from 'strip-ansi';
import { diffLines, diffStats } from '../../diff/line-diff.js';
import { STEP_COUNT } from '../../steps/titles.js';
import type { ReviewAction, ReviewModel, SessionView } from '../../wizard/ui.js';
import { FRAME_ROWS, Header, isTooSmall, noticeRows, Notices, noticesHeight, TooSmall, toneColor } from '../Frame.js';
import { KeyBar, type KeyHint } from '../KeyBar.js';
import { markdownRows } from '../markdown-rows.js';
import { color } from '../theme.js';
import { textWidth } from '../text-width.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { sliceStyled } from '../wrap-cell.js';
import { changeRows } from './change-rows.js';
import { helpRows } from './help-rows.js';
import { GUARD, initialReviewState, keyEvents, reviewReducer, type Guard, type ReviewState, type View } from './review-state.js';

export interface ReviewScreenProps {
  readonly model: ReviewModel;
  readonly onAction: (action: ReviewAction) => void;
  /** The rail, output path and notices; a bare rail of this step when absent (component tests). */
  readonly view?: SessionView;
  readonly dismissed?: ReadonlySet<number>;
  readonly onDismiss?: (ids: readonly number[]) => void;
  /** Terminal size; defaults to the real terminal's. Tests pass a fixed size. */
  readonly columns?: number;
  readonly rows?: number;
  /** How long the section must be on screen before a key decides it; tests of the keys pass zero. */
  readonly guard?: Guard;
}

/** A status message may take two rows (a write error says what to fix and where), never more. */
const MAX_MESSAGE_ROWS = 2;

const NO_NOTICES: ReadonlySet<number> = new Set();

/** The section under review: rendered markdown in a scrollable viewport, with the keys always visible below. */
export function ReviewScreen({ model, onAction, view, dismissed = NO_NOTICES, onDismiss, columns, rows, guard = GUARD }: ReviewScreenProps) {
  const terminal = useTerminalSize();
  const width = columns ?? terminal.columns;
  const height = rows ?? terminal.rows;
  const small = isTooSmall(width, height);
  const inner = Math.max(20, width - 1);
  const session = view ?? { steps: [{ number: model.step, title: model.title, mark: 'current' as const }], output: '', notices: [] };

  const section = useMemo(() => markdownRows(model.markdown, inner), [model.markdown, inner]);
  const changes = useMemo(() => (model.previous ? changeRows(model.previous.markdown, model.markdown, inner) : []), [model.previous, model.markdown, inner]);
  const help = useMemo(() => helpRows(inner), [inner]);
  const stats = useMemo(() => (model.previous ? diffStats(diffLines(model.previous.markdown, model.markdown)) : undefined), [model.previous, model.markdown]);
  const content: Record<View, string[]> = { section, changes, help };
  const widest = useMemo(() => section.reduce((n, r) => Math.max(n, textWidth(r)), 0), [section]);

  const notices = noticeRows(session.notices, dismissed);
  const [state, dispatch] = useReducer(reviewReducer, undefined, () =>
    initialReviewState({ section: section.length, changes: changes.length, help: help.length }, 10, model.showChanges),
  );
  const message = statusLine(state, model);
  const messageRows = message.text ? Math.min(MAX_MESSAGE_ROWS, Math.max(1, Math.ceil(textWidth(message.text) / inner))) : 1;
  const viewport = Math.max(1, height - FRAME_ROWS - noticesHeight(notices, inner) - messageRows);
  const shownView: View = state.help ? 'help' : state.view;
  const rowsShown = content[shownView];

  useEffect(() => {
    dispatch({ type: 'layout', counts: { section: section.length, changes: changes.length, help: help.length }, height: viewport, width: inner, widest, canUndo: model.canUndo });
  }, [section.length, changes.length, help.length, viewport, inner, widest, model.canUndo]);
  // Decisions count from the moment the section is on screen (this runs right after it is drawn).
  useEffect(() => dispatch({ type: 'shown', at: Date.now(), guard }), [guard.actionMs, guard.enterMs]); // eslint-disable-line react-hooks/exhaustive-deps

  const searchable = state.view === 'changes' ? changes : section;
  useEffect(() => {
    if (!state.query) return;
    dispatch({ type: 'matches', rows: findRows(searchable, state.query) });
  }, [state.query, searchable]);

  useInput((input, key) => {
    for (const event of keyEvents(input, key)) dispatch(event);
  });
  useEffect(() => {
    if (state.action) onAction(state.action);
  }, [state.action, onAction]);
  useEffect(() => {
    if (state.dismissed > 0) onDismiss?.(session.notices.map((n) => n.id));
    // Only a new press of x dismisses; the notices shown at that moment are the ones meant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.dismissed]);

  if (small) return <TooSmall columns={width} rows={height} />;

  const top = state.top[shownView];
  const visible = rowsShown.slice(top, top + viewport);
  const last = Math.min(rowsShown.length, top + viewport);
  const percent = rowsShown.length <= viewport ? 100 : Math.round((last / rowsShown.length) * 100);
  const matchSet = new Set(shownView === 'help' ? [] : state.matches);
  const run = model.total !== STEP_COUNT ? `  ·  ${model.position} of ${model.total} in this run` : '';
  const where = shownView === 'help' ? 'help' : shownView === 'changes' ? `changes from ${model.previous?.label ?? 'before'} (+${stats?.added ?? 0} −${stats?.removed ?? 0})  ·  lines` : 'lines';
  const found = state.query && shownView !== 'help' ? `  ·  "${state.query}" ${state.matches.length === 0 ? 'not found' : `${state.match + 1} of ${state.matches.length}`}` : '';
  const sideways = shownView === 'section' && widest > inner ? `  ·  ← → wide lines${state.left > 0 ? ` (from column ${state.left + 1})` : ''}` : '';
  const rule = `${where} ${rowsShown.length === 0 ? 0 : top + 1}–${last} of ${rowsShown.length} (${percent}%)${found}${sideways}${run}`;

  return (
    <Box flexDirection="column" width={width}>
      <Header
        title={`Step ${model.step} of ${STEP_COUNT} — ${model.title}`}
        right={model.edited ? <Text color={color('yellow')}> edited </Text> : undefined}
        view={session}
        width={inner}
        rule={rule}
      />
      <Box flexDirection="column" height={viewport}>
        {visible.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {viewRow(line, shownView === 'section' ? state.left : 0, inner, matchSet.has(top + i) ? state.query : undefined)}
          </Text>
        ))}
      </Box>
      <Notices rows={notices} width={inner} />
      <Box height={messageRows} width={inner}>
        <Text color={message.tone ? toneColor(message.tone) : undefined} wrap={messageRows > 1 ? 'wrap' : 'truncate-end'}>
          {message.text || ' '}
        </Text>
      </Box>
      <KeyBar keys={keyHints(state, model, notices.length > 0)} width={inner} />
    </Box>
  );
}

/** What the message row says: the search being typed, why a key did nothing, or the wizard's message. */
function statusLine(state: ReviewState, model: ReviewModel): { text: string; tone?: ReviewModel['tone'] } {
  if (state.typing !== undefined) return { text: `/${state.typing}▏  Enter searches, Esc cancels` };
  if (state.hint) return { text: state.hint, tone: 'warning' };
  return { text: model.message ?? '', tone: model.tone };
}

function keyHints(state: ReviewState, model: ReviewModel, notices: boolean): KeyHint[] {
  if (state.typing !== undefined) {
    return [
      { key: 'Enter', label: 'search', priority: 1 },
      { key: 'Esc', label: 'cancel', priority: 1 },
    ];
  }
  if (state.help) {
    return [
      { key: '↑↓', label: 'scroll', priority: 2 },
      { key: '?', label: 'close help', short: 'close', priority: 1 },
    ];
  }
  return [
    { key: 'a', label: 'accept', priority: 1 },
    { key: 'e', label: 'edit', priority: 3 },
    { key: 'r', label: 'regenerate', short: 'regen', priority: 4 },
    { key: 's', label: 'skip', priority: 2 },
    ...(model.canUndo ? [{ key: 'u', label: 'undo', priority: 3 }] : []),
    ...(model.previous ? [{ key: 'd', label: state.view === 'changes' ? 'section' : 'changes', priority: 2 }] : []),
    ...(notices ? [{ key: 'x', label: 'dismiss', priority: 5 }] : []),
    { key: '/', label: 'search', short: 'find', priority: 6 },
    { key: 'q', label: 'quit', priority: 1 },
    { key: '?', label: 'help', priority: 0 },
  ];
}

/** A viewport row: cut to the screen (wide rows scroll sideways, with a mark where they go on), search hits marked. */
function viewRow(line: string, left: number, width: number, query: string | undefined): string {
  if (line === '') return ' ';
  const wide = textWidth(line) > width;
  if (query) return highlight(wide ? stripAnsi(sliceStyled(line, left, width)) : stripAnsi(line), query);
  if (!wide && left === 0) return line;
  if (!wide) return line;
  const more = textWidth(line) > left + width;
  const cut = sliceStyled(line, left, more ? width - 1 : width);
  return more ? `${cut}\u001b[2m›\u001b[22m` : cut;
}

/** Matches of `query` in inverse video (case-insensitive unless the query has capitals, as in less and vim). */
function highlight(plain: string, query: string): string {
  const sensitive = query !== query.toLowerCase();
  const haystack = sensitive ? plain : plain.toLowerCase();
  const needle = sensitive ? query : query.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && needle; at = haystack.indexOf(needle, at + needle.length)) {
    out += `${plain.slice(from, at)}\u001b[7m${plain.slice(at, at + needle.length)}\u001b[27m`;
    from = at + needle.length;
  }
  return out + plain.slice(from);
}

export function findRows(rows: readonly string[], query: string): number[] {
  const sensitive = query !== query.toLowerCase();
  const needle = sensitive ? query : query.toLowerCase();
  const out: number[] = [];
  rows.forEach((row, i) => {
    const plain = stripAnsi(row);
    if ((sensitive ? plain : plain.toLowerCase()).includes(needle)) out.push(i);
  });
  return out;
}
