import { Box, Text } from 'ink';
import type { SessionView, StepMark } from '../wizard/ui.js';
import { color, type Tone } from './theme.js';
import { textWidth } from './text-width.js';

const MARKS: Record<StepMark, { readonly symbol: string; readonly tone?: Tone }> = {
  done: { symbol: '✓', tone: 'green' },
  skipped: { symbol: '–' },
  current: { symbol: '▸', tone: 'cyan' },
  pending: { symbol: '·' },
  stale: { symbol: '!', tone: 'yellow' },
};

/** What each mark means, for the help. */
export const RAIL_LEGEND = '✓ accepted  – skipped  ▸ on screen  · to do  ! accepted, but its files changed since';

/**
 * One row: every step of the run with its state (✓ accepted, – skipped, ▸ on screen, · to do, ! stale), and where
 * the output goes, so the user always knows where they are and what is written where.
 */
export function StepRail({ view, width }: { view: SessionView; width: number }) {
  const cells = view.steps.map((s) => `${MARKS[s.mark].symbol}${s.number}`);
  const railWidth = cells.reduce((n, c) => n + textWidth(c) + 1, 0);
  const room = width - railWidth - 3;
  const output = room >= 8 ? shorten(view.output, room) : '';
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate-end">
        {view.steps.map((s, i) => {
          const mark = MARKS[s.mark];
          return (
            <Text key={s.number} color={color(mark.tone)} bold={s.mark === 'current'} dimColor={s.mark === 'pending' || s.mark === 'skipped'}>
              {cells[i]}
              {i < cells.length - 1 ? ' ' : ''}
            </Text>
          );
        })}
      </Text>
      {output ? <Text dimColor>{`→ ${output}`}</Text> : null}
    </Box>
  );
}

/** A path cut from the left (`…/docs/PROJECT-CONTEXT.md`): its end is what tells files apart. */
export function shorten(file: string, room: number): string {
  if (textWidth(file) + 2 <= room) return file;
  const keep = Math.max(1, room - 3);
  return `…${[...file].slice(-keep).join('')}`;
}
