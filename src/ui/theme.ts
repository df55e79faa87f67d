import { colorEnabled } from './color-enabled.js';

/**
 * Colours for Ink's `color` props, or undefined under NO_COLOR (and TERM=dumb): chalk, which Ink uses, does not read
 * NO_COLOR. Bold, dim and inverse are not colours and stay.
 */
export type Tone = 'cyan' | 'yellow' | 'red' | 'green' | 'gray' | 'magenta';

export function color(tone: Tone | undefined): Tone | undefined {
  return tone && colorEnabled() ? tone : undefined;
}
