/**
 * Variables a `run:` command sets: `URL=… TOKEN=… npx playwright test` (for that command), `export X=…` (for the
 * rest of the step) and `echo "X=…" >> $GITHUB_ENV` (for the job's later steps). Names and where the value comes
 * from only, never the value. Read as text, never run.
 */
import { commandLineSets } from '../env/sets-scripts.js';
import { isEnvName } from '../env/names.js';
import { valueSource } from './github.js';
import type { CiEnvVar } from './types.js';

/** `echo "X=…" >> $GITHUB_ENV`, `echo 'X<<EOF' >> "$GITHUB_ENV"`, `printf 'X=%s\n' … >> ${GITHUB_ENV}`. */
const TO_GITHUB_ENV = /\b(?:echo|printf)\s+(?:-\w+\s+)*["']?([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)(.*?)>>\s*["']?\$\{?GITHUB_ENV\b/;

/** `run` is the command text; `line` the run node's line; `lines` the file's, to cite each command's own line. */
export function runSets(run: string | undefined, line: number, lines: readonly string[]): CiEnvVar[] {
  if (!run || !run.includes('=')) return [];
  const out: CiEnvVar[] = [];
  let from = Math.max(0, line - 1);
  for (const command of run.split('\n')) {
    const trimmed = command.trim();
    if (!trimmed || trimmed.startsWith('#') || !trimmed.includes('=')) continue;
    // The command's own line in the file: the first at or after the last one found that holds it.
    const found = lines.findIndex((l, i) => i >= from && l.includes(trimmed));
    if (found >= 0) from = found;
    const at = (found >= 0 ? found : line - 1) + 1;
    const add = (name: string, value: string) => {
      if (isEnvName(name) && !out.some((o) => o.name === name && o.line === at)) out.push({ name, line: at, ...valueSource({ kind: 'scalar', line: at, value }) });
    };
    const exported = TO_GITHUB_ENV.exec(trimmed);
    if (exported) add(exported[1], exported[2].replace(/["']\s*$/, ''));
    for (const name of commandLineSets(trimmed)) add(name, new RegExp(String.raw`\b${name}=((?:\$\{\{[^}]*\}\}|\S)*)`).exec(trimmed)?.[1] ?? '');
  }
  return out;
}
