import { describe, expect, it } from 'vitest';
import { parseOutput, removeBlock, renderBlock, SectionTextError, upsertBlock } from '../src/output/document.js';
import { beginMarker, endMarker, normalizeSection, sectionHash } from '../src/output/markers.js';

const S1 = '## 1. Project Overview & Architecture\n\nOne.\n';
const S2 = '## 2. Directory Structure\n\n| Path | Purpose |\n|---|---|\n| `/packages/api` | API |\n';
const S3 = '## 3. Backend & API\n\n- `GET /v1/kv`\n';

function steps(text: string): number[] {
  return parseOutput(text).blocks.map((b) => b.step);
}

/** The exact text of the step's block (begin line to end line), located by the parser. */
function renderBlockExact(text: string, step: number): string {
  const block = parseOutput(text).blocks.find((b) => b.step === step)!;
  const lines = text.split(/(?<=\n)/);
  const bodyLines = block.body === '' ? 0 : block.body.split(/(?<=\n)/).length;
  return lines.slice(block.line - 1, block.line + bodyLines + 1).join('');
}

/** The lines outside our blocks, blank lines dropped: what the user wrote, in order. */
function foreignLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  const inBlock = new Set<number>();
  for (const b of parseOutput(text).blocks) {
    const bodyLines = b.body === '' ? 0 : b.body.split(/(?<=\n)/).length;
    for (let k = b.line - 1; k <= b.line + bodyLines; k++) inBlock.add(k);
  }
  return lines.filter((l, k) => !inBlock.has(k)).map((l) => l.replace(/\r?\n$/, '')).filter((l) => l.trim() !== '');
}

describe('sectionHash', () => {
  it('is 16 hex characters of sha256 over LF text with exactly one trailing newline', () => {
    const h = sectionHash('## 1. A\nx');
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(sectionHash('## 1. A\r\nx\r\n')).toBe(h);
    expect(sectionHash('## 1. A\nx\n\n\n')).toBe(h);
    expect(sectionHash('## 1. A\nx ')).not.toBe(h);
    expect(normalizeSection('a\r\nb')).toBe('a\nb\n');
    expect(normalizeSection('')).toBe('\n');
  });
});

describe('upsertBlock', () => {
  it('keeps blocks in step order whatever the accept order (3, then 1, then 2)', () => {
    let t = upsertBlock('', 3, S3);
    t = upsertBlock(t, 1, S1);
    t = upsertBlock(t, 2, S2);
    expect(steps(t)).toEqual([1, 2, 3]);
    expect(t).toBe(`${renderBlock(1, S1)}\n${renderBlock(2, S2)}\n${renderBlock(3, S3)}`);
    expect(t.startsWith(`${beginMarker(1, sectionHash(S1))}\n## 1. Project Overview`)).toBe(true);
    const doc = parseOutput(t);
    expect(doc.malformed).toEqual([]);
    expect(doc.hasForeignText).toBe(false);
    expect(doc.blocks.map((b) => b.body)).toEqual([S1, S2, S3]);
    expect(doc.blocks.every((b) => !b.handEdited)).toBe(true);
  });

  it('replaces the same step in place and leaves one block', () => {
    const t = upsertBlock(upsertBlock(upsertBlock('', 1, S1), 2, S2), 3, S3);
    const next = upsertBlock(t, 2, '## 2. Directory Structure\n\nRewritten.\n');
    expect(steps(next)).toEqual([1, 2, 3]);
    expect(parseOutput(next).blocks[1].body).toBe('## 2. Directory Structure\n\nRewritten.\n');
    expect(parseOutput(next).blocks[1].hash).toBe(sectionHash('## 2. Directory Structure\n\nRewritten.'));
    expect(next.replace(renderBlockExact(next, 2), '')).toBe(t.replace(renderBlockExact(t, 2), ''));
  });

  it('is idempotent: the same section twice gives the same text', () => {
    const once = upsertBlock('# My notes\n', 1, S1);
    expect(upsertBlock(once, 1, S1)).toBe(once);
  });

  it('preserves the user text before, between and after blocks exactly', () => {
    const original = '# KV Store context\n\nRead this first.\n';
    let t = upsertBlock(original, 2, S2);
    expect(t).toBe(`${original}\n${renderBlock(2, S2)}`);
    t = `${t}\n## Team notes\n\nAsk @ana about billing.\n`;
    const withNotes = t;
    t = upsertBlock(t, 1, S1);
    t = upsertBlock(t, 3, S3);
    expect(steps(t)).toEqual([1, 2, 3]);
    expect(t.startsWith(original)).toBe(true);
    // Step 3 goes right after step 2, so the notes stay at the end.
    expect(t.endsWith('\n## Team notes\n\nAsk @ana about billing.\n')).toBe(true);
    expect(foreignLines(t)).toEqual(['# KV Store context', 'Read this first.', '## Team notes', 'Ask @ana about billing.']);
    expect(removeBlock(removeBlock(t, 3), 1)).toBe(withNotes);
    expect(removeBlock(withNotes, 2)).toBe(original + '\n## Team notes\n\nAsk @ana about billing.\n');
  });

  it('inserts before the first higher block when no lower one exists', () => {
    const t = upsertBlock(`# Title\n\n${renderBlock(5, '## 5. X\n')}`, 2, S2);
    expect(t).toBe(`# Title\n\n${renderBlock(2, S2)}\n${renderBlock(5, '## 5. X\n')}`);
  });

  it('adds a line break before appending to text that does not end with one', () => {
    expect(upsertBlock('Notes', 1, S1)).toBe(`Notes\n\n${renderBlock(1, S1)}`);
    expect(upsertBlock('  \n\n', 1, S1)).toBe(renderBlock(1, S1));
  });

  it('keeps CRLF files CRLF and a byte-order mark in place', () => {
    const crlf = '\uFEFF# Title\r\n\r\nIntro\r\n';
    const t = upsertBlock(upsertBlock(crlf, 2, S2), 1, S1);
    expect(t.startsWith(crlf)).toBe(true);
    expect(t.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const doc = parseOutput(t);
    expect(doc.blocks.map((b) => [b.step, b.handEdited])).toEqual([[1, false], [2, false]]);
    expect(upsertBlock(t, 1, S1)).toBe(t);
  });

  it('refuses section text holding a bare marker line, naming it', () => {
    const bad = `## 2. X\n${endMarker(2)}\nmore\n`;
    expect(() => upsertBlock('', 2, bad)).toThrow(SectionTextError);
    expect(() => upsertBlock('', 2, bad)).toThrow(/project-context:end step=2/);
    expect(() => upsertBlock('', 2, `## 2. X\n${beginMarker(9, 'abc')}\n`)).toThrow(SectionTextError);
  });
});

describe('removeBlock', () => {
  it('undoes an insertion and ignores steps that are not there', () => {
    const base = upsertBlock(upsertBlock('', 1, S1), 3, S3);
    expect(removeBlock(upsertBlock(base, 2, S2), 2)).toBe(base);
    expect(removeBlock(base, 7)).toBe(base);
    expect(removeBlock(removeBlock(base, 1), 3)).toBe('');
  });
});

describe('hand-edit detection', () => {
  const doc = upsertBlock(upsertBlock('', 1, S1), 2, S2);

  it('flags a block whose body no longer matches its hash', () => {
    const edited = doc.replace('One.', 'One, edited by hand.');
    const blocks = parseOutput(edited).blocks;
    expect(blocks.map((b) => [b.step, b.handEdited])).toEqual([[1, true], [2, false]]);
    expect(blocks[0].body).toContain('edited by hand');
  });

  it('does not flag line-ending or trailing-newline changes', () => {
    expect(parseOutput(doc.replace(/\n/g, '\r\n')).blocks.some((b) => b.handEdited)).toBe(false);
    expect(parseOutput(doc.replace('One.\n', 'One.\n\n\n')).blocks.some((b) => b.handEdited)).toBe(false);
  });

  it('flags a begin marker whose hash was typed over, without losing the block', () => {
    const blocks = parseOutput(doc.replace(sectionHash(S1), 'xyz')).blocks;
    expect(blocks.map((b) => [b.step, b.hash, b.handEdited])).toEqual([[1, 'xyz', true], [2, sectionHash(S2), false]]);
  });

  it('reads a text edited between two reads afresh (the last parse is remembered only for identical text)', () => {
    const same = `${doc.slice(0, 10)}${doc.slice(10)}`; // equal content, another string
    expect(parseOutput(same).blocks.some((b) => b.handEdited)).toBe(false);
    const edited = same.replace('One.', 'Two.');
    expect(parseOutput(edited).blocks.map((b) => b.handEdited)).toEqual([true, false]);
    expect(parseOutput(doc).blocks.map((b) => b.handEdited)).toEqual([false, false]);
    expect(upsertBlock(edited, 3, S3)).toContain('Two.');
  });
});

describe('malformed markers', () => {
  const doc = upsertBlock(upsertBlock(upsertBlock('', 1, S1), 2, S2), 3, S3);

  it('reports a begin without an end and keeps its lines as text', () => {
    const broken = doc.replace(`${endMarker(2)}\n`, '');
    const parsed = parseOutput(broken);
    expect(parsed.blocks.map((b) => b.step)).toEqual([1, 3]);
    expect(parsed.malformed).toEqual(['Line 7: section 2 begins but its end marker is missing.']);
    expect(parsed.strays).toEqual([{ kind: 'begin', step: 2, line: 7 }]);
    expect(parsed.hasForeignText).toBe(true);
  });

  it('reports an end without a begin', () => {
    const parsed = parseOutput(doc.replace(`${beginMarker(3, sectionHash(S3))}\n`, ''));
    expect(parsed.blocks.map((b) => b.step)).toEqual([1, 2]);
    expect(parsed.malformed).toEqual([expect.stringMatching(/^Line \d+: section 3 ends here but its begin marker is missing\.$/)]);
  });

  it('reports a duplicated step and updates only the first copy', () => {
    const dup = `${doc}\n${renderBlock(2, S2)}`;
    const parsed = parseOutput(dup);
    expect(parsed.blocks.map((b) => b.step)).toEqual([1, 2, 3, 2]);
    expect(parsed.malformed).toEqual([expect.stringMatching(/^Section 2 appears more than once \(lines 7 and \d+\); only the first is updated\.$/)]);
    const updated = parseOutput(upsertBlock(dup, 2, '## 2. New\n')).blocks;
    expect(updated.map((b) => b.body)).toEqual([S1, '## 2. New\n', S3, S2]);
    const cleaned = upsertBlock(dup, 2, '## 2. New\n', { clean: true });
    expect(steps(cleaned)).toEqual([1, 2, 3]);
    expect(parseOutput(cleaned).malformed).toEqual([]);
  });

  it('reports a damaged marker line', () => {
    const parsed = parseOutput(`<!-- project-context:begin step=four -->\n${doc}`);
    expect(parsed.malformed).toEqual(['Line 1 looks like a project-context marker but is damaged.']);
    expect(parsed.blocks.map((b) => b.step)).toEqual([1, 2, 3]);
  });

  it('never drops a line of a damaged document when upserting into it', () => {
    const broken = `Intro\n${doc.replace(`${endMarker(2)}\n`, '')}\nOutro\n`;
    const next = upsertBlock(broken, 2, '## 2. Again\n');
    for (const line of broken.split('\n')) expect(next).toContain(line);
  });
});

describe('marker-like text inside code blocks (rule: markers inside closed fences are text)', () => {
  const quoting = [
    '## 9. Common Workflows',
    '',
    'The output format:',
    '',
    '````markdown',
    '<!-- project-context:begin step=9 hash=0000000000000000 -->',
    '```',
    '<!-- project-context:end step=9 -->',
    '```',
    '<!-- project-context:end step=4 -->',
    '````',
    '',
    '~~~',
    '<!-- project-context:end step=9 -->',
    '~~~',
    '',
    'Inline: `<!-- project-context:end step=9 -->` and an indented copy:',
    '',
    '    <!-- project-context:end step=9 -->',
    '',
  ].join('\n');

  it('stores and reads back a section that quotes markers', () => {
    const t = upsertBlock(upsertBlock(upsertBlock('', 10, '## 10. X\n'), 4, '## 4. Y\n'), 9, quoting);
    const doc = parseOutput(t);
    expect(doc.blocks.map((b) => [b.step, b.handEdited])).toEqual([[4, false], [9, false], [10, false]]);
    expect(doc.blocks[1].body).toBe(normalizeSection(quoting));
    expect(doc.malformed).toEqual([]);
  });

  it('does not read markers quoted in a code block of the user text as blocks', () => {
    const preamble = '# Notes\n\n```\n<!-- project-context:begin step=1 hash=0000000000000000 -->\nx\n<!-- project-context:end step=1 -->\n```\n';
    const doc = parseOutput(preamble);
    expect(doc.blocks).toEqual([]);
    expect(doc.hasForeignText).toBe(true);
    const t = upsertBlock(preamble, 1, S1);
    expect(t).toBe(`${preamble}\n${renderBlock(1, S1)}`);
    expect(steps(t)).toEqual([1]);
  });

  it('an unclosed fence in a hand-edited section does not swallow the sections after it', () => {
    let t = upsertBlock(upsertBlock('', 1, S1), 2, '## 2. Code\n\n```ts\nconst a = 1;\n```\n');
    t = upsertBlock(t, 3, S3);
    const edited = t.replace('One.', 'One.\n```');
    const doc = parseOutput(edited);
    expect(doc.blocks.map((b) => [b.step, b.handEdited])).toEqual([[1, true], [2, false], [3, false]]);
    expect(doc.malformed).toEqual([]);
  });

  it('an unclosed fence in the user text does not hide the blocks after it', () => {
    const t = `Intro\n\`\`\`\nunclosed\n\n${upsertBlock('', 1, S1)}`;
    expect(steps(t)).toEqual([1]);
    expect(upsertBlock(t, 1, S1)).toBe(t);
    // Even when a code block inside our section would "close" the user's fence.
    const code = '## 2. Code\n\n```ts\nconst a = 1;\n```\n';
    const t2 = upsertBlock(upsertBlock('Intro\n```\n', 2, code), 3, S3);
    expect(parseOutput(t2).blocks.map((b) => [b.step, b.handEdited])).toEqual([[2, false], [3, false]]);
    expect(upsertBlock(t2, 2, code)).toBe(t2);
  });
});

describe('random edit sequences keep every promise', () => {
  // A small deterministic PRNG so a failure reproduces.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }
  const userChunks = ['# Title\n', 'Some notes.\n', '\n', '```\n<!-- project-context:end step=2 -->\n```\n', '- item\n', '> quote\n', '~~~\n'];
  const bodies = (n: number, v: number) => [
    `## ${n}. Step ${n}\n\nVersion ${v}.\n`,
    `## ${n}. Step ${n}\n\n\`\`\`\n${endMarker(n)}\n\`\`\`\n`,
    `## ${n}. Step ${n}\n\n| a | b |\n|---|---|\n| ${v} | x |`,
  ][v % 3];

  it('1000 random upsert/remove sequences: ordered, unique, exact bodies, user text kept', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(seed);
      const userText = Array.from({ length: Math.floor(r() * 4) }, () => userChunks[Math.floor(r() * userChunks.length)]).join('');
      let t = userText;
      const expected = new Map<number, string>();
      for (let op = 0; op < 8; op++) {
        const step = 1 + Math.floor(r() * 10);
        if (r() < 0.75) {
          const body = bodies(step, Math.floor(r() * 6));
          t = upsertBlock(t, step, body);
          expected.set(step, normalizeSection(body));
        } else {
          t = removeBlock(t, step);
          expected.delete(step);
        }
      }
      const doc = parseOutput(t);
      const want = [...expected.keys()].sort((a, b) => a - b);
      expect(doc.blocks.map((b) => b.step), `seed ${seed}`).toEqual(want);
      expect(doc.blocks.map((b) => b.body), `seed ${seed}`).toEqual(want.map((s) => expected.get(s)));
      expect(doc.malformed, `seed ${seed}`).toEqual([]);
      expect(foreignLines(t), `seed ${seed}`).toEqual(userText.split('\n').filter((l) => l.trim() !== ''));
      if (expected.size === 0) expect(t.trim(), `seed ${seed}`).toBe(userText.trim());
    }
  });
});
