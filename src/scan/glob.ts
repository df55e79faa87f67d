/**
 * Glob patterns (workspace lists, Astro collection patterns) matched with picomatch against the already listed
 * files, so that workspace discovery needs no file-system walk. picomatch reads what package managers accept:
 * `*`, `**`, `?`, character classes `[a-c]`, nested braces `{a,{b,c}}`, ranges `{1..3}` and extglobs `@(a|b)`.
 */
import picomatch from 'picomatch/posix.js';

/**
 * `./apps/*` and `apps/*` are one pattern; a trailing slash names the folder itself. `[!ab]` is negated as in
 * minimatch (npm) and bash; picomatch reads only `[^ab]` so.
 */
function normalise(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '').replace(/\[!/g, '[^');
}

export function globToRegExp(pattern: string): RegExp {
  return picomatch.makeRe(normalise(pattern), { dot: false });
}

/**
 * One test for a list of patterns where `!pattern` excludes what earlier ones included (npm, yarn and pnpm
 * workspace lists): a path matches when an include matches it and no exclude does.
 */
export function globListMatcher(patterns: readonly string[]): (path: string) => boolean {
  const include = patterns.filter((p) => !p.startsWith('!')).map(normalise);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => normalise(p.slice(1)));
  if (include.length === 0) return () => false;
  const included = picomatch(include, { dot: false });
  const excluded = exclude.length > 0 ? picomatch(exclude, { dot: false }) : () => false;
  return (path) => included(path) && !excluded(path);
}
