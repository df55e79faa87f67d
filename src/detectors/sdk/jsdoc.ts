/** Doc comments read from the source text (`/** … *\/` right before a declaration), without a type checker. */
import { ts } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';

export interface DocComment {
  /** The description before the first `@tag`, joined into one line. */
  readonly text: string;
  readonly tags: ReadonlyMap<string, string>;
}

export function docOf(node: ts.Node, sf: ts.SourceFile): DocComment | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = [...ranges].reverse().find((r) => sf.text.startsWith('/**', r.pos));
  if (!last) return undefined;
  const body = sf.text
    .slice(last.pos + 3, last.end - 2)
    .split('\n')
    .map((l) => l.replace(/^\s*\*? ?/, ''));
  const text: string[] = [];
  const tags = new Map<string, string>();
  let current: string | undefined;
  let inFence = false;
  for (const line of body) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const tag = !inFence && /^@(\w+)\s*(.*)$/.exec(line.trim());
    if (tag) {
      current = tag[1];
      tags.set(current, tags.has(current) ? `${tags.get(current)}\n${tag[2]}` : tag[2]);
    } else if (current) tags.set(current, `${tags.get(current)}\n${line}`);
    else text.push(line);
  }
  return { text: text.join('\n').trim(), tags };
}

/** First sentence (or line) of a doc comment, code fences left out. */
export function summary(doc: DocComment | undefined): string | undefined {
  if (!doc?.text) return undefined;
  const beforeFence = doc.text.split(/^\s*```/m)[0];
  const firstParagraph = beforeFence.split(/\n\s*\n/)[0].replace(/\s+/g, ' ').trim();
  // A sentence ends before a capital or the end, so `e.g. for tests` stays whole.
  const m = /^(.+?[.!?])(\s+(?=[A-Z`("'])|$)/.exec(firstParagraph);
  const s = m ? m[1] : firstParagraph;
  return s ? clip(s, 160) : undefined;
}

/** A ```ts example inside a doc comment, with the line it starts on. */
export function docExample(node: ts.Node, sf: ts.SourceFile): { code: string; line: number } | undefined {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const last = [...ranges].reverse().find((r) => sf.text.startsWith('/**', r.pos));
  if (!last) return undefined;
  const raw = sf.text.slice(last.pos, last.end);
  const m = /```(?:ts|typescript|js|javascript)?\s*\n([\s\S]*?)```/.exec(raw);
  if (!m) return undefined;
  const code = m[1]
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  const line = sf.getLineAndCharacterOfPosition(last.pos + m.index).line + 1;
  return code ? { code, line } : undefined;
}
