import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { describe, expect, it } from 'vitest';
import { markdownRows } from '../src/ui/markdown-rows.js';
import { STEPS } from '../src/steps/registry.js';
import { EXAMPLE, section } from './helpers/fixture.js';

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
    // A slash is a better place to break than a dot in the file name.
    const route = markdownRows('| Route | Declared in |\n|---|---|\n| `OPTIONS /community` | `/apps/openpage-api/app/community/route.ts:29` |', 60, false);
    expect(route.join('\n')).toMatch(/\/app\/community\/\s*│\n.*│ route\.ts:29/);
  });

  it('shows a table whose rows would wrap onto many lines as labelled records, dropping empty cells', () => {
    const rows = markdownRows(md, 70, false);
    expect(rows.some((r) => r.startsWith('┌'))).toBe(false);
    expect(rows).toContain('Handler:    /packages/api/src/handlers/kv/get-1.ts');
    expect(rows.some((r) => r.startsWith('Notes:'))).toBe(false);
  });
});

describe('table cells at 80 columns break between words', () => {
  it('in every section of the example, a cell that goes on to the next row ends at a space or a path separator', async () => {
    const problems: string[] = [];
    for (const step of STEPS) {
      const { markdown } = await section(step.definition, EXAMPLE);
      const words = new Set(markdown.split(/[\s|`*]+/).filter(Boolean));
      for (const width of [79, 100]) {
        const rows = markdownRows(markdown, width, false);
        for (let i = 0; i + 1 < rows.length; i++) {
          if (!rows[i].startsWith('│') || !rows[i + 1].startsWith('│')) continue;
          const cells = rows[i].split('│').slice(1, -1);
          const next = rows[i + 1].split('│').slice(1, -1);
          cells.forEach((cell, c) => {
            const rest = next[c]?.trim() ?? '';
            const text = cell.trim();
            if (!text || !rest) return;
            const last = text.split(' ').at(-1) ?? '';
            const first = rest.split(' ')[0];
            // Broken after / . - _ , : or before a capital is a break a path or a name allows.
            if (/[/.\-_,:]$/.test(last) || (/[a-z]$/.test(last) && /^[A-Z]/.test(first))) return;
            // Rows of a table follow each other with no rule between them: two counts are two rows, not one cut.
            if (/^\d+$/.test(last) && /^\d+$/.test(first)) return;
            // A word cut in two reads back as one word of the section: `API Gatewa` + `y`.
            const joined = `${last}${first}`.replace(/[,.;:)]+$/, '');
            if (words.has(joined) || words.has(`${joined},`) || words.has(`${joined}.`)) problems.push(`step ${step.number}, ${width} columns: "${last}" + "${first}"`);
          });
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
