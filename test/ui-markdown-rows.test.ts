import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { markdownRows } from '../src/ui/markdown-rows.js';

describe('markdownRows', () => {
  const md = [
    '## 3. Backend & API',
    '',
    'A paragraph long enough to need wrapping at a narrow width, with `/packages/api/src/handlers/kv/get.ts:12` in it.',
    '',
    '| Method | Path | Handler |',
    '|---|---|---|',
    '| GET | `GET /v1/kv/{namespace}/{key}` | `/packages/api/src/handlers/kv/get.ts:12` |',
    '',
    '- a list item that is long enough that it must wrap onto a second row at this width',
    '',
    '```ts',
    '\tconst tabbed = true;',
    '```',
  ].join('\n');

  it('never produces a row wider than the screen, tables and lists included', () => {
    for (const width of [40, 60, 100]) {
      for (const row of markdownRows(md, width, true)) {
        expect(stringWidth(stripAnsi(row)), row).toBeLessThanOrEqual(width);
      }
    }
  });

  it('keeps colons in code spans inside tables and expands tabs', () => {
    const text = markdownRows(md, 100, false).join('\n');
    expect(text).toContain('get.ts:12');
    expect(text).not.toContain('COLON');
    expect(text).not.toContain('\t');
  });

  it('indents the continuation rows of list items', () => {
    const rows = markdownRows(md, 40, false);
    const first = rows.findIndex((r) => r.includes('a list item'));
    expect(rows[first + 1]).toMatch(/^\s{3,}\S/);
  });

  it('drops colours when NO_COLOR asks for it', () => {
    const rows = markdownRows('**bold** and `code`', 40, false);
    expect(rows.join('')).not.toMatch(/\u001b\[/);
  });
});

describe('tables in the terminal', () => {
  const row = (i: number) => `| \`GET /v1/kv/{namespace}/${i}\` | \`/packages/api/src/handlers/kv/get-${i}.ts\` | \`ApiKeyAuthorizer\` (Lambda token) | \`/packages/infrastructure/lib/stacks/api-stack.ts:${100 + i}\` | — |`;
  const md = ['| Endpoint | Handler | Authorizer | Wired at | Notes |', '|---|---|---|---|---|', row(1), row(2)].join('\n');

  it('keeps a table that fits as a grid, breaking paths after a slash', () => {
    const rows = markdownRows(md, 140, false);
    expect(rows.some((r) => r.startsWith('┌'))).toBe(true);
    const narrow = markdownRows('| A | Path |\n|---|---|\n| x | `/packages/api/src/handlers/kv/get.ts` |', 36, false);
    expect(narrow.join('\n')).toMatch(/\/packages\/api\/src\/\s*│\n.*│ handlers\/kv\/get\.ts/);
  });

  it('shows a table whose rows would wrap onto many lines as labelled records, dropping empty cells', () => {
    const rows = markdownRows(md, 70, false);
    expect(rows.some((r) => r.startsWith('┌'))).toBe(false);
    expect(rows).toContain('Handler:    /packages/api/src/handlers/kv/get-1.ts');
    expect(rows.some((r) => r.startsWith('Notes:'))).toBe(false);
  });
});
