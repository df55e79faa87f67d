/**
 * highlight.js prints "Could not find the language 'mermaid'…" with console.error when marked-terminal asks it to
 * colour a code block in a language it does not know (step 1's Mermaid diagram): on a terminal that text lands on
 * the review screen, over Ink's frame. Rendering a section must print nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('markdownRows', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints nothing to the console for a code block in a language the highlighter does not know', async () => {
    process.env.FORCE_COLOR = '1';
    const { markdownRows } = await import('../src/ui/markdown-rows.js');
    const error = vi.spyOn(console, 'error');
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const rows = markdownRows('## Diagram\n\n```mermaid\nflowchart TB\n  A --> B\n```\n\n```ts\nconst a = 1;\n```\n', 80, true);
    expect(rows.join('\n')).toContain('flowchart TB');
    expect(error).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
