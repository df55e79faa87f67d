import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';
import type { SessionView, Tone } from '../wizard/ui.js';
import { FRAME_ROWS, Header, isTooSmall, noticeRows, Notices, noticesHeight, TooSmall, toneColor } from './Frame.js';
import { KeyBar } from './KeyBar.js';
import { color } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Elapsed time is shown once something takes longer than this. */
const SHOW_ELAPSED_MS = 1000;

export interface ProgressScreenProps {
  /** What is being prepared (`Preparing step 4 of 10 — Database`); the elapsed time counts from when it changes. */
  readonly title: string;
  /** What is happening now (`Reading AWS CDK stacks (2 of 6)`). */
  readonly message: string;
  /** What the last decision did (`✓ Step 3 … written to PROJECT-CONTEXT.md`), shown at once, while this one runs. */
  readonly confirmation?: { readonly text: string; readonly tone: Tone };
  readonly view?: SessionView;
  readonly dismissed?: ReadonlySet<number>;
  readonly onInterrupt: () => void;
}

/** Shown while the repository is read and a step is analysed. */
export function ProgressScreen({ title, message, confirmation, view, dismissed = new Set(), onInterrupt }: ProgressScreenProps) {
  const { columns, rows } = useTerminalSize();
  const [frame, setFrame] = useState(0);
  const [started, setStarted] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setStarted(Date.now()), [title]);
  useEffect(() => {
    const timer = setInterval(() => {
      setFrame((f) => (f + 1) % FRAMES.length);
      setNow(Date.now());
    }, 100);
    return () => clearInterval(timer);
  }, []);
  useInput((input, key) => {
    if (key.ctrl && input === 'c') onInterrupt();
  });
  if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  const width = columns - 1;
  const elapsed = now - started;
  const time = elapsed >= SHOW_ELAPSED_MS ? ` · ${(elapsed / 1000).toFixed(1)} s` : '';
  const session = view ?? { steps: [], output: '', notices: [] };
  const notices = noticeRows(session.notices, dismissed);
  const body = Math.max(1, rows - FRAME_ROWS - noticesHeight(notices, width) - 1);
  return (
    <Box flexDirection="column" width={columns}>
      <Header title={title} view={session} width={width} />
      <Box flexDirection="column" height={body}>
        {confirmation ? (
          <Text color={toneColor(confirmation.tone)} wrap="truncate-end">
            {confirmation.text}
          </Text>
        ) : null}
        <Text wrap="truncate-end">
          <Text color={color('cyan')}>{FRAMES[frame]}</Text> {message}
          <Text dimColor>{time}</Text>
        </Text>
      </Box>
      <Notices rows={notices} width={width} />
      <Text> </Text>
      <KeyBar keys={[{ key: 'Ctrl+C', label: 'stop (progress is saved)', short: 'stop', priority: 0 }]} width={width} />
    </Box>
  );
}
