/**
 * Variables a `run:` command sets: `URL=… TOKEN=… npx playwright test` (for that command), `export X=…` (for the
 * rest of the step), `echo "X=…" >> $GITHUB_ENV` (for the job's later steps) and `echo "X=…" > .env` or a heredoc
 * into a dotenv file (which the build then loads: Vite's `.env`). Names and where the value comes from only, never
 * the value. Read as text, never run.
 */
import { commandLineSets } from '../env/sets-scripts.js';
import { isEnvName } from '../env/names.js';
import { valueSource } from './github.js';
import type { CiEnvVar } from './types.js';

/** `echo "X=…" >> $GITHUB_ENV`, `echo 'X<<EOF' >> "$GITHUB_ENV"`, `printf 'X=%s\n' … >> ${GITHUB_ENV}`. */
const TO_GITHUB_ENV = /\b(?:echo|printf)\s+(?:-\w+\s+)*["']?([A-Za-z_][A-Za-z0-9_]*)(?:=|<<)(.*?)>>\s*["']?\$\{?GITHUB_ENV\b/;

/** A redirect into a dotenv file: `> .env`, `>> frontend/.env.production`, `| tee -a .env.local`. */
const DOTENV_TARGET = String.raw`(?:>>?|\btee(?:\s+-a)?)\s*["']?(?:[^\s"';&|<>]*\/)?\.env(?:\.[\w-]+)*["']?(?=[\s;&|)]|$)`;
/** `echo "X=…" > .env`, `printf 'X=%s\n' "$V" >> .env` (several per line with `&&`). */
const TO_DOTENV = new RegExp(String.raw`\b(?:echo|printf)\s+(?:-\w+\s+)*["']?([A-Za-z_][A-Za-z0-9_]*)=([^>|]*?)\s*` + DOTENV_TARGET, 'g');
/** `cat <<EOF > .env`, `cat > .env <<'EOF'`, `tee .env <<EOF`: the heredoc's `X=…` lines are the file's. */
const HEREDOC = /<<-?\s*["']?([A-Za-z_]\w*)["']?/;
const DOTENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** `run` is the command text; `line` the run node's line; `lines` the file's, to cite each command's own line. */
export function runSets(run: string | undefined, line: number, lines: readonly string[]): CiEnvVar[] {
  if (!run || !run.includes('=')) return [];
  const out: CiEnvVar[] = [];
  let from = Math.max(0, line - 1);
  let heredoc: string | undefined;
  for (const command of run.split('\n')) {
    const trimmed = command.trim();
    if (heredoc !== undefined && trimmed === heredoc) {
      heredoc = undefined;
      continue;
    }
    const opens = heredoc === undefined && trimmed.includes('<<') && new RegExp(DOTENV_TARGET).test(trimmed) ? HEREDOC.exec(trimmed)?.[1] : undefined;
    if (opens) {
      heredoc = opens;
      continue;
    }
    if (!trimmed || trimmed.startsWith('#') || !trimmed.includes('=')) continue;
    // The command's own line in the file: the first at or after the last one found that holds it.
    const found = lines.findIndex((l, i) => i >= from && l.includes(trimmed));
    if (found >= 0) from = found;
    const at = (found >= 0 ? found : line - 1) + 1;
    const add = (name: string, value: string) => {
      if (isEnvName(name) && !out.some((o) => o.name === name && o.line === at)) out.push({ name, line: at, ...valueSource({ kind: 'scalar', line: at, value }) });
    };
    if (heredoc !== undefined) {
      const entry = DOTENV_LINE.exec(trimmed);
      if (entry) add(entry[1], entry[2]);
      continue;
    }
    for (const m of trimmed.matchAll(TO_DOTENV)) add(m[1], m[2].replace(/["']\s*$/, ''));
    const exported = TO_GITHUB_ENV.exec(trimmed);
    if (exported) add(exported[1], exported[2].replace(/["']\s*$/, ''));
    for (const name of commandLineSets(trimmed)) add(name, new RegExp(String.raw`\b${name}=((?:\$\{\{[^}]*\}\}|\S)*)`).exec(trimmed)?.[1] ?? '');
  }
  return out;
}
