import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Notice, SessionView, Tone } from '../wizard/ui.js';
import { StepRail } from './StepRail.js';
import { color } from './theme.js';
import { textWidth } from './text-width.js';

/** Rows every screen spends on the header (title, rail, rule) and the key bar. */
export const FRAME_ROWS = 4;

/** Notices take at most this many rows; more are summarised on the last one. */
const MAX_NOTICE_ROWS = 2;

/** Title, step rail with the output path, and a rule that can carry a status (`lines 1–20 of 300`). */
export function Header({ title, right, view, width, rule = '' }: { title: string; right?: ReactNode; view: SessionView; width: number; rule?: string }) {
  const line = rule ? `── ${rule} ` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between" width={width}>
        <Text bold wrap="truncate-end">
          {title}
        </Text>
        {right ?? null}
      </Box>
      <StepRail view={view} width={width} />
      <Text dimColor wrap="truncate-end">
        {line + '─'.repeat(Math.max(0, width - textWidth(line)))}
      </Text>
    </Box>
  );
}

export function toneColor(tone: Tone | undefined) {
  if (tone === 'error') return color('red');
  if (tone === 'warning') return color('yellow');
  if (tone === 'success') return color('green');
  return color('cyan');
}

/** The notices not yet dismissed, as rows: at most two, the second saying how many more there are. */
export function noticeRows(notices: readonly Notice[], dismissed: ReadonlySet<number>): Notice[] {
  const open = notices.filter((n) => !dismissed.has(n.id));
  if (open.length <= MAX_NOTICE_ROWS) return open;
  const rest = open.length - (MAX_NOTICE_ROWS - 1);
  return [...open.slice(0, MAX_NOTICE_ROWS - 1), { id: -1, text: `${rest} more notices; they are all repeated when the wizard ends.`, tone: 'info' }];
}

/** A notice takes up to two rows: long enough for a sentence that names a file (a backup's path), never more. */
function noticeHeight(notice: Notice, width: number): number {
  return Math.min(2, Math.max(1, Math.ceil(textWidth(`! ${notice.text}`) / Math.max(1, width))));
}

/** Screen rows the notices take. */
export function noticesHeight(notices: readonly Notice[], width: number): number {
  return notices.reduce((n, notice) => n + noticeHeight(notice, width), 0);
}

export function Notices({ rows, width }: { rows: readonly Notice[]; width: number }) {
  return (
    <>
      {rows.map((n) => (
        <Box key={n.id} width={width} height={noticeHeight(n, width)}>
          <Text color={toneColor(n.tone === 'info' ? 'warning' : n.tone)} wrap={noticeHeight(n, width) > 1 ? 'wrap' : 'truncate-end'}>
            {`! ${n.text}`}
          </Text>
        </Box>
      ))}
    </>
  );
}

/** Shown instead of a screen that cannot fit. */
export const MIN_COLUMNS = 50;
export const MIN_ROWS = 14;

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>The terminal is too small</Text>
      <Text wrap="wrap">{`It is ${columns}×${rows}; project-context needs at least ${MIN_COLUMNS}×${MIN_ROWS}. Make the window larger, or press q to quit.`}</Text>
    </Box>
  );
}

export function isTooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}
