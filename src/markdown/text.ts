/**
 * Text taken from the analysed repository is untrusted: it can hold terminal escape sequences or control characters
 * that would repaint the user's terminal, or markdown that breaks a table. Every repo-derived string goes through
 * `plain` (or a builder that calls it) before it reaches a section.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Characters that change how text around them reads without showing themselves: bidirectional overrides and
 * isolates (U+202A–202E, U+2066–2069, the marks U+200E/200F/061C: "Trojan Source" text that displays in an order other
 * than the one it is in) and zero-width characters (U+200B–200D, U+2060, U+FEFF) that hide inside names. A zero-width
 * joiner between two pictographs is part of an emoji (👩‍💻) and stays.
 */
export const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u200c\u2060\ufeff]|(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** Cheap test before the replacements: most text has no character below U+0020 other than line breaks, no escape. */
// eslint-disable-next-line no-control-regex
export const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\r\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

/** Removes terminal escape sequences, control characters and invisible direction/width characters; keeps newlines and tabs. */
export function plain(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(ESCAPES, '').replace(INVISIBLE, '');
}

/** One line of plain text: control characters removed, whitespace runs collapsed. */
export function oneLine(text: string): string {
  return plain(text).replace(/\s+/g, ' ').trim();
}

/** Inline code span that survives backticks inside the text. */
export function code(text: string): string {
  const t = oneLine(text);
  if (!t.includes('`')) return `\`${t}\``;
  const longest = (t.match(/`+/g) ?? ['']).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${t} ${fence}`;
}

/** Text safe inside a markdown table cell. */
export function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/** First sentence (or line) of a longer description, for tables and bullet summaries. */
export function firstSentence(text: string, max = 160): string {
  const t = oneLine(text);
  const m = t.match(/^(.+?[.!?])(\s|$)/);
  const s = m ? m[1] : t;
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** A URL path (a route, an endpoint without its method) as plain text, since `/x` in code would read as a file path. */
export function urlPath(path: string): string {
  return oneLine(path).replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/**
 * Repository text shown as plain text inside markdown (a glob, a cron schedule, a folder name, a config summary):
 * characters markdown would read as emphasis, strikethrough, links, HTML or code are escaped, so a glob's stars
 * or a leading underscore read as written on GitHub instead of turning into emphasis; a URL becomes an autolink
 * (markdownlint's MD034 flags bare ones).
 */
export function escaped(text: string): string {
  const t = oneLine(text);
  let out = '';
  let last = 0;
  for (const m of t.matchAll(/\bhttps?:\/\/[^\s<>`|]+?(?=[.,;:!?)\]]*(?:\s|$))/g)) {
    out += `${escapeInline(t.slice(last, m.index))}<${m[0]}>`;
    last = m.index + m[0].length;
  }
  return out + escapeInline(t.slice(last));
}

/** An underscore inside a word (`workflow_dispatch`) is never emphasis, so it stays as written. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*[\]<>|~]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&');
}
