import { Box, Text } from 'ink';
import { textWidth } from './text-width.js';

export interface KeyHint {
  readonly key: string;
  readonly label: string;
  /** A shorter label used before the key is dropped (`regenerate` → `regen`). */
  readonly short?: string;
  /** Lower numbers stay longest; the last key of the bar (`?`) always stays. */
  readonly priority: number;
}

export interface KeyBarProps {
  /** In display order; the last one is kept whatever the width (the way to see all keys). */
  readonly keys: readonly KeyHint[];
  readonly width: number;
}

const size = (key: string, label: string) => textWidth(key) + 2 + 1 + textWidth(label) + 1;

/**
 * One row of keys that never wraps: when the row is too narrow, labels get shorter, then the least important keys
 * go, but the last key (`?`, which lists them all) is always there.
 */
export function KeyBar({ keys, width }: KeyBarProps) {
  const shown = fitKeys(keys, width);
  return (
    <Box>
      {shown.map(({ key, label }, i) => (
        <Text key={key}>
          <Text bold inverse>{` ${key} `}</Text>
          <Text>{` ${label}${i < shown.length - 1 ? ' ' : ''}`}</Text>
        </Text>
      ))}
    </Box>
  );
}

export function fitKeys(keys: readonly KeyHint[], width: number): { key: string; label: string }[] {
  let items = keys.map((k, i) => ({ ...k, index: i, text: k.label }));
  const total = () => items.reduce((n, k) => n + size(k.key, k.text), 0);
  const last = keys.length - 1;
  const byPriority = () => [...items].filter((k) => k.index !== last).sort((a, b) => b.priority - a.priority || b.index - a.index);
  for (const k of byPriority()) {
    if (total() <= width) break;
    if (k.short) k.text = k.short;
  }
  for (const k of byPriority()) {
    if (total() <= width) break;
    items = items.filter((i) => i !== k);
  }
  return items.map((k) => ({ key: k.key, label: k.text }));
}
