// marked-terminal 7 ships no types, and @types/marked-terminal pins an old marked; this is the part we use.
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';
  export interface TerminalRendererOptions {
    width?: number;
    reflowText?: boolean;
    tab?: number | string;
    showSectionPrefix?: boolean;
    emoji?: boolean;
    unescape?: boolean;
    tableOptions?: Record<string, unknown>;
    [style: string]: unknown;
  }
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
