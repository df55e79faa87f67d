import { Box, Text } from 'ink';

const KEYS: readonly (readonly [string, string])[] = [
  ['a  Enter', 'accept: write this section to PROJECT-CONTEXT.md and go to the next step'],
  ['e', 'edit the section in your editor ($VISUAL, $EDITOR, or vi), then review it again'],
  ['r', 'regenerate from the code (re-reads files that changed); discards your edits to this section'],
  ['s', 'skip this step; nothing is written for it'],
  ['q', 'save progress and quit; run the same command to resume here'],
  ['↑ ↓  j k', 'scroll one line'],
  ['PgUp PgDn  b Space', 'scroll one page'],
  ['Home End  g G', 'go to the top or the bottom'],
  ['?  Esc', 'close this help'],
  ['Ctrl+C', 'stop now; progress is saved'],
];

export function HelpPanel() {
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([key, text]) => (
        <Box key={key}>
          <Box width={22} flexShrink={0}>
            <Text color="cyan">{key}</Text>
          </Box>
          <Text>{text}</Text>
        </Box>
      ))}
    </Box>
  );
}
