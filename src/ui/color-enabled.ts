/** Colours unless NO_COLOR is set (non-empty, as no-color.org says) or the terminal is dumb. */
export function colorEnabled(): boolean {
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.TERM === 'dumb') return false;
  return true;
}
