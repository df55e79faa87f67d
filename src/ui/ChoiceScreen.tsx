import { Box, Text, useInput } from 'ink';
import { useReducer } from 'react';
import type { Choice } from '../wizard/ui.js';

export interface ChoiceScreenProps<T extends string> {
  readonly question: string;
  readonly choices: readonly Choice<T>[];
  readonly onChoose: (value: T | 'interrupt') => void;
}

/** A question with a short list of answers: ↑/↓ and Enter, or the answer's number. */
export function ChoiceScreen<T extends string>({ question, choices, onChoose }: ChoiceScreenProps<T>) {
  const [selected, move] = useReducer(
    (current: number, by: number) => (current + by + choices.length) % choices.length,
    0,
  );
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onChoose('interrupt');
    if (key.upArrow || input === 'k') return move(-1);
    if (key.downArrow || input === 'j') return move(1);
    const n = Number(input);
    if (Number.isInteger(n) && n >= 1 && n <= choices.length) return onChoose(choices[n - 1].value);
    if (key.return) return onChoose(choices[selected].value);
  });
  return (
    <Box flexDirection="column">
      <Text bold>{question}</Text>
      {choices.map((c, i) => (
        <Text key={c.value} color={i === selected ? 'cyan' : undefined}>
          {i === selected ? '❯' : ' '} {i + 1}. {c.label}
          {c.hint ? <Text dimColor> — {c.hint}</Text> : null}
        </Text>
      ))}
      <Text dimColor>↑↓ and Enter, or the number</Text>
    </Box>
  );
}
