/**
 * The folder every path lies under, with its trailing slash (`src/cli/main.ts`, `src/lib/x.ts` → `src/`), '' when
 * they share none: esbuild names outputs by their path below it, so a caller slices it off each entry.
 */
export function commonDir(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  let n = 0;
  while (dirs.every((d) => n < d.length && d[n] === dirs[0][n])) n++;
  return n ? `${dirs[0].slice(0, n).join('/')}/` : '';
}
