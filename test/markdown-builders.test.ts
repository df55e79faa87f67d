import { describe, expect, it } from 'vitest';
import { codeBlock, table } from '../src/markdown/blocks.js';
import { layeredMermaid } from '../src/markdown/diagram.js';
import { escaped, urlPath } from '../src/markdown/text.js';

describe('table', () => {
  it('puts one space on each side of every pipe, separator included, and writes an empty cell as one space', () => {
    expect(table(['Technology', 'Package'], [['Astro', '`astro`'], ['', '`@astrojs/react`']])).toBe(
      ['| Technology | Package |', '| --- | --- |', '| Astro | `astro` |', '| | `@astrojs/react` |'].join('\n'),
    );
  });

  it('escapes pipes in cells and keeps each row on one line', () => {
    expect(table(['a'], [['x | y\nz']])).toBe('| a |\n| --- |\n| x \\| y z |');
  });
});

describe('codeBlock', () => {
  it('names a language, text when none is given (markdownlint MD040)', () => {
    expect(codeBlock('a → b')).toBe('```text\na → b\n```');
    expect(codeBlock('const x = 1;', 'ts')).toBe('```ts\nconst x = 1;\n```');
  });
});

describe('escaped', () => {
  it('keeps globs, underscores and cron schedules from turning into emphasis', () => {
    expect(escaped('packages/**/*, !libs/**/fixtures/**')).toBe('packages/\\*\\*/\\*, !libs/\\*\\*/fixtures/\\*\\*');
    expect(escaped('folders: _auth, __root.tsx')).toBe('folders: \\_auth, \\_\\_root.tsx');
    expect(escaped('cron 0 3 * * 1')).toBe('cron 0 3 \\* \\* 1');
    // An underscore inside a word is never emphasis: left as written.
    expect(escaped('workflow_dispatch, PAY_PER_REQUEST, 0000_init.sql')).toBe('workflow_dispatch, PAY_PER_REQUEST, 0000_init.sql');
    expect(escaped('Array<string> [x] ~y~ `z` a|b')).toBe('Array\\<string\\> \\[x\\] \\~y\\~ \\`z\\` a\\|b');
  });

  it('turns a URL into an autolink, trailing punctuation outside it', () => {
    expect(escaped('site https://kvstore.dev; port 4321')).toBe('site <https://kvstore.dev>; port 4321');
    expect(escaped('see https://a.example/x_y.')).toBe('see <https://a.example/x_y>.');
  });

  it('removes control characters like every builder', () => {
    expect(escaped('a\u001b[31mb\u0007')).toBe('ab');
  });

  it('is what urlPath does to a URL path', () => {
    expect(urlPath('/files/*')).toBe('/files/\\*');
  });
});

describe('layeredMermaid', () => {
  it('draws one subgraph per non-empty layer, top to bottom, with an arrow between consecutive layers', () => {
    const chart = layeredMermaid([
      { name: 'Clients', boxes: [{ title: 'React SPA', lines: ['@kv/dashboard'] }] },
      { name: 'Edge & API', boxes: [] },
      { name: 'Compute', boxes: [{ title: 'Lambda' }, { title: 'SNS', lines: ['1× Topic'] }] },
    ]);
    expect(chart).toBe(
      [
        'flowchart TD',
        '  subgraph L1["Clients"]',
        '    N1["React SPA<br/>@kv/dashboard"]',
        '  end',
        '  subgraph L2["Compute"]',
        '    N2["Lambda"]',
        '    N3["SNS<br/>1× Topic"]',
        '  end',
        '  L1 --> L2',
      ].join('\n'),
    );
  });

  it('writes characters that are syntax to Mermaid or HTML as entity codes, so a label cannot break out', () => {
    const chart = layeredMermaid([{ name: 'A & B', boxes: [{ title: 'x"] --> evil["<img src=x>', lines: ['`md` #1'] }] }]);
    expect(chart).toContain('subgraph L1["A #38; B"]');
    expect(chart).toContain('N1["x#34;] --#62; evil[#34;#60;img src=x#62;<br/>#96;md#96; #35;1"]');
    expect(chart.split('\n').filter((l) => l.includes('-->'))).toEqual([]);
  });
});
