import { Box, Text, useInput } from 'ink';
import { useEffect, useState } from 'react';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressScreenProps {
  readonly title: string;
  readonly message: string;
  readonly onInterrupt: () => void;
}

/** Shown while the repository is read and a step is analysed. */
export function ProgressScreen({ title, message, onInterrupt }: ProgressScreenProps) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 80);
    return () => clearInterval(timer);
  }, []);
  useInput((input, key) => {
    if (key.ctrl && input === 'c') onInterrupt();
  });
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Text>
        <Text color="cyan">{FRAMES[frame]}</Text> {message}
      </Text>
    </Box>
  );
}
