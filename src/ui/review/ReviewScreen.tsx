import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import stringWidth from 'string-width';
import { STEP_COUNT } from '../../steps/titles.js';
import type { ReviewAction, ReviewModel } from '../../wizard/ui.js';
import { markdownRows } from '../markdown-rows.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { KeyBar } from '../KeyBar.js';
import { HelpPanel } from './HelpPanel.js';
import { initialReviewState, keyEvents, reviewReducer } from './review-state.js';

export interface ReviewScreenProps {
  readonly model: ReviewModel;
  readonly onAction: (action: ReviewAction) => void;
  /** Terminal size; defaults to the real terminal's. Tests pass a fixed size. */
  readonly columns?: number;
  readonly rows?: number;
}

/** Rows used by everything but the viewport and the message: two header rows, a rule and the key bar. */
const CHROME = 4;

/** A status message may take two rows (a write error says what to fix and where), never more. */
const MAX_MESSAGE_ROWS = 2;

/** The section under review: rendered markdown in a scrollable viewport, with the keys always visible below. */
export function ReviewScreen({ model, onAction, columns, rows }: ReviewScreenProps) {
  const terminal = useTerminalSize();
  const width = Math.max(40, columns ?? terminal.columns);
  const height = Math.max(8, rows ?? terminal.rows);
  const lines = useMemo(() => markdownRows(model.markdown, width - 1), [model.markdown, width]);
  const messageRows = model.message ? Math.min(MAX_MESSAGE_ROWS, Math.ceil(stringWidth(model.message) / (width - 1))) : 1;
  const viewport = Math.max(1, height - CHROME - messageRows);
  const [state, dispatch] = useReducer(reviewReducer, initialReviewState(lines.length, viewport));

  useEffect(() => dispatch({ type: 'resize', rows: lines.length, height: viewport }), [lines.length, viewport]);

  useInput((input, key) => {
    for (const event of keyEvents(input, key)) dispatch(event);
  });
  useEffect(() => {
    if (state.action) onAction(state.action);
  }, [state.action, onAction]);

  const visible = lines.slice(state.top, state.top + viewport);
  const last = Math.min(lines.length, state.top + viewport);
  const percent = lines.length <= viewport ? 100 : Math.round((last / lines.length) * 100);
  const run = model.total !== STEP_COUNT ? `  ·  ${model.position} of ${model.total} in this run` : '';

  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text bold wrap="truncate-end">
          Step {model.step} of {STEP_COUNT} — {model.title}
        </Text>
        {model.edited ? <Text color="yellow"> edited </Text> : null}
      </Box>
      <Text dimColor wrap="truncate-end">
        lines {lines.length === 0 ? 0 : state.top + 1}–{last} of {lines.length} ({percent}%){run}
      </Text>
      <Text dimColor>{'─'.repeat(width - 1)}</Text>
      <Box flexDirection="column" height={viewport}>
        {state.help ? (
          <HelpPanel />
        ) : (
          visible.map((line, i) => <Text key={state.top + i}>{line === '' ? ' ' : line}</Text>)
        )}
      </Box>
      <Box height={messageRows} width={width - 1}>
        <Text color={toneColor(model.tone)} wrap={messageRows > 1 ? 'wrap' : 'truncate-end'}>
          {model.message ?? ' '}
        </Text>
      </Box>
      <KeyBar
        keys={[
          ['a', 'accept'],
          ['e', 'edit'],
          ['r', 'regenerate'],
          ['s', 'skip'],
          ['q', 'quit'],
          ['↑↓ PgUp PgDn', 'scroll'],
          ['?', state.help ? 'close help' : 'help'],
        ]}
        width={width - 1}
      />
    </Box>
  );
}

function toneColor(tone: ReviewModel['tone']): string | undefined {
  if (tone === 'error') return 'red';
  if (tone === 'warning') return 'yellow';
  return 'cyan';
}
