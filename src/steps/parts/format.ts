/** Small formatting helpers shared by the parts (markdown pieces that step modules assemble). */
import { cite, repoPath } from '../../markdown/cite.js';
import { code, oneLine, urlPath } from '../../markdown/text.js';

/** Inline code for a value from the repository; a value starting with `/` would read as a path, so it stays plain. */
export function value(text: string): string {
  const t = oneLine(text);
  return t.startsWith('/') ? urlPath(t) : code(t);
}

/** `` `a`, `b`, `c` (+4 more) `` */
export function names(list: readonly string[], limit = 8): string {
  const shown = list.slice(0, limit).map(value).join(', ');
  return list.length > limit ? `${shown} (+${list.length - limit} more)` : shown;
}

/** Several files in few words: one cited, a few listed, or many summarised by the folder they share. */
export function files(list: readonly string[], limit = 3): string {
  const unique = [...new Set(list)].sort();
  if (unique.length === 0) return '—';
  if (unique.length <= limit) return unique.map((f) => cite(f)).join(', ');
  const dir = commonDir(unique);
  return dir ? `${unique.length} files under ${code(repoPath(dir))}` : `${unique.slice(0, limit).map((f) => cite(f)).join(', ')} (+${unique.length - limit} more)`;
}

export function commonDir(list: readonly string[]): string {
  if (list.length === 0) return '';
  let parts = list[0].split('/').slice(0, -1);
  for (const f of list.slice(1)) {
    const other = f.split('/');
    let i = 0;
    while (i < parts.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/** Stable comparison of file and line, the order every part lists things in. */
export function byFileLine(a: { file: string; line?: number }, b: { file: string; line?: number }): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
