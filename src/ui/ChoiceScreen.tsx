import { Box, Text, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Choice, SessionView } from '../wizard/ui.js';
import { Header } from './Frame.js';
import { color } from './theme.js';
import { useTerminalSize } from './use-terminal-size.js';

const ANSWER_GUARD_MS = 300;

export interface ChoiceScreenProps<T extends string> {
  readonly question: string;
  readonly choices: readonly Choice<T>[];
  readonly onChoose: (value: T | 'interrupt') => void;
  readonly view?: SessionView;
}

/** A question with a short list of answers: ↑/↓ and Enter, or the answer's number. The first answer is the default. */
export function ChoiceScreen<T extends string>({ question, choices, onChoose, view }: ChoiceScreenProps<T>) {
  const { columns } = useTerminalSize();
  const [selected, move] = useReducer(
    (current: number, by: number) => (current + by + choices.length) % choices.length,
    0,
  );
  // An answer typed before the question was on screen (Enter pressed twice) is not an answer.
  const shownAt = useRef(Number.POSITIVE_INFINITY);
  const [early, setEarly] = useState(false);
  useEffect(() => {
    shownAt.current = Date.now();
  }, []);
  useInput((input, key) => {
    if (key.ctrl && input === 'c') return onChoose('interrupt');
    if (key.upArrow || input === 'k') return move(-1);
    if (key.downArrow || input === 'j') return move(1);
    if (Date.now() - shownAt.current < ANSWER_GUARD_MS) return setEarly(true);
    const n = Number(input);
    if (Number.isInteger(n) && n >= 1 && n <= choices.length) return onChoose(choices[n - 1].value);
    if (key.return) return onChoose(choices[selected].value);
  });
  return (
    <Box flexDirection="column" width={columns}>
      {view ? <Header title="project-context" view={view} width={columns - 1} /> : null}
      <Text bold wrap="wrap">
        {question}
      </Text>
      {choices.map((c, i) => (
        <Text key={c.value} color={i === selected ? color('cyan') : undefined} wrap="wrap">
          {i === selected ? '❯' : ' '} {i + 1}. {c.label}
          {c.hint ? <Text dimColor> — {c.hint}</Text> : null}
        </Text>
      ))}
      <Text dimColor>↑↓ and Enter, or the number</Text>
      {early ? <Text color={color('yellow')}>That key came before the question was on screen; press it again to answer.</Text> : null}
    </Box>
  );
}
