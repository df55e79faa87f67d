/**
 * Where the keys of a JSON file are: `package.json` facts cite the line of each script and dependency. One pass over
 * the text finds every key with its path; searching the text again for each key (`indexOf('"build"', from)`) is
 * quadratic in a manifest with 100,000 scripts.
 */
import type { RepoIndex } from './repo-index-types.js';

/** Separates the parts of a key path: `scripts\0build`. Arrays add `[]` (items are not told apart). */
const SEP = '\u0000';

/** Offset of each key by its path, first occurrence; best effort on text that is not valid JSON. */
export function jsonKeyOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: { readonly object: boolean; readonly path: string; key?: string }[] = [];
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      for (i++; i < len; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      const top = stack[stack.length - 1];
      if (!top?.object) continue;
      let j = i + 1;
      while (j < len && /\s/.test(text[j])) j++;
      if (text[j] !== ':') continue;
      const raw = text.slice(start, i + 1);
      let key: string;
      try {
        key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      } catch {
        key = raw.slice(1, -1);
      }
      top.key = key;
      const path = top.path === '' ? key : `${top.path}${SEP}${key}`;
      if (!out.has(path)) out.set(path, start);
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      const top = stack[stack.length - 1];
      const part = !top ? '' : top.object ? (top.key ?? '') : '[]';
      const path = !top ? '' : top.path === '' ? part : `${top.path}${SEP}${part}`;
      stack.push({ object: c === 123, path });
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
    }
  }
  return out;
}

const byIndex = new WeakMap<RepoIndex, Map<string, Map<string, number>>>();

/** 1-based line of the key at `path` in a JSON file of the index (`jsonKeyLine(index, 'package.json', 'scripts', 'build')`). */
export function jsonKeyLine(index: RepoIndex, file: string, ...path: readonly string[]): number | undefined {
  let files = byIndex.get(index);
  if (!files) byIndex.set(index, (files = new Map()));
  let keys = files.get(file);
  if (!keys) {
    const text = index.read(file);
    if (text === undefined) return undefined;
    keys = jsonKeyOffsets(text);
    files.set(file, keys);
  }
  const offset = keys.get(path.join(SEP));
  return offset === undefined ? undefined : index.lineAt(file, offset);
}
