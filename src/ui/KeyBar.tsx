import { Box, Text } from 'ink';

export interface KeyBarProps {
  /** [key, what it does] pairs, in display order. */
  readonly keys: readonly (readonly [string, string])[];
  readonly width: number;
}

/** One row of keys; drops descriptions from the end rather than wrapping, so the bar never pushes content off screen. */
export function KeyBar({ keys, width }: KeyBarProps) {
  const shown: (readonly [string, string])[] = [];
  let used = 0;
  for (const pair of keys) {
    const size = pair[0].length + 1 + pair[1].length + 3;
    if (used + size > width && shown.length > 0) break;
    shown.push(pair);
    used += size;
  }
  return (
    <Box>
      {shown.map(([key, label], i) => (
        <Text key={key}>
          <Text bold inverse>{` ${key} `}</Text>
          <Text>{` ${label}${i < shown.length - 1 ? ' ' : ''}`}</Text>
        </Text>
      ))}
    </Box>
  );
}
