/**
 * Scripts that set variables for the commands they run: `export X=…`, `X=1 Y=2 npx cdk deploy` (a prefix assignment
 * before a command), `env X=1 cmd`, `cross-env X=1 cmd`, in shell scripts, Makefiles, justfiles and package.json
 * scripts; and a dotenv file a script writes (`cat > .env <<EOF` … `EOF`, `echo "X=…" >> .env`). A bare `X=1` on
 * its own line is a shell variable, not the environment, and is left out. Names only.
 */
import { isEnvName } from './names.js';
import type { EnvSetData } from './types.js';

export const SCRIPT_FILE = /(^|\/)(Makefile|makefile|GNUmakefile|justfile|Justfile|[^/]+\.(sh|bash|zsh|mk))$/;

/** `export X=`, and the assignments before a command in one segment of a command line. */
const EXPORT = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=/;
/** A value: quoted, `${…}` / `$(…)` (which may hold spaces: `${2:?serial required}`), or a word. */
const VALUE = String.raw`(?:"[^"]*"|'[^']*'|\$\{[^}]*\}|\$\([^)]*\)|\$(?![{(])\w*|[^\s"'$])*`;
const PREFIX = new RegExp(String.raw`^\s*(?:(?:env|cross-env|cross-env-shell)\s+)?((?:[A-Za-z_][A-Za-z0-9_]*=${VALUE}\s+)+)(?=[A-Za-z.\/$])`);
/** A heredoc written to a dotenv file: `.env…` by name, or a variable naming one (`"$ENV_FILE"`). */
const HEREDOC = /(?:>|>>)\s*["']?([^\s"'<>]*(?:\.env|ENV)[\w.${}-]*)["']?\s*<<-?\s*["']?(\w+)["']?|<<-?\s*["']?(\w+)["']?\s*(?:>|>>)\s*["']?([^\s"'<>]*(?:\.env|ENV)[\w.${}-]*)/;
const ECHO_TO_DOTENV = /\becho\s+["']?([A-Za-z_][A-Za-z0-9_]*)=.*>>?\s*["']?[^\s"']*\.env[\w.-]*/;

export function scriptEnv(file: string, source: string): EnvSetData[] {
  const out: EnvSetData[] = [];
  const lines = source.split('\n');
  const add = (name: string, line: number, ref?: string) => {
    if (isEnvName(name)) out.push({ name, file, line, kind: 'script', tool: 'script', ...(ref ? { ref } : {}) });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trimStart().startsWith('#')) continue;
    const doc = HEREDOC.exec(line);
    if (doc) {
      const target = doc[1] ?? doc[4];
      const end = doc[2] ?? doc[3];
      for (i++; i < lines.length && lines[i].trim() !== end; i++) {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(lines[i]);
        if (m) add(m[1], i + 1, target);
      }
      continue;
    }
    const echo = ECHO_TO_DOTENV.exec(line);
    if (echo) add(echo[1], i + 1, /\S*\.env[\w.-]*/.exec(line.slice(line.lastIndexOf('>')))?.[0]);
    for (const name of commandLineSets(line)) add(name, i + 1);
  }
  return out;
}

/** The variables a command line sets for its commands: `export X=`, `X=1 cmd`, `env X=1 cmd`, in every segment. */
export function commandLineSets(command: string): string[] {
  const out: string[] = [];
  const exported = EXPORT.exec(command);
  if (exported) out.push(exported[1]);
  // Make recipes start with a tab; `@` and `-` prefixes silence or ignore a recipe line.
  for (const segment of command.split(/&&|\|\||;|\||\(|\$\(|`/)) {
    const m = PREFIX.exec(segment.replace(/^\s*[@-]+/, ''));
    if (!m) continue;
    for (const a of m[1].matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)) if (!out.includes(a[1])) out.push(a[1]);
  }
  return out.filter((n) => n === n.toUpperCase() || /^[A-Z]/.test(n));
}

/** package.json `scripts`: each script's inline assignments, cited at the script's line. */
export function packageScriptEnv(file: string, source: string): EnvSetData[] {
  let scripts: Record<string, unknown> | undefined;
  try {
    scripts = (JSON.parse(source.replace(/^\uFEFF/, '')) as { scripts?: Record<string, unknown> }).scripts;
  } catch {
    return [];
  }
  if (!scripts || typeof scripts !== 'object') return [];
  const lines = source.split('\n');
  const out: EnvSetData[] = [];
  for (const [key, value] of Object.entries(scripts)) {
    if (typeof value !== 'string' || !/[A-Za-z_][A-Za-z0-9_]*=/.test(value)) continue;
    const line = Math.max(1, lines.findIndex((l) => l.includes(`"${key}"`)) + 1);
    for (const name of commandLineSets(value)) if (isEnvName(name)) out.push({ name, file, line, kind: 'script', tool: 'npm script', owner: key });
  }
  return out;
}

/** Words a source file holds when it runs a command line from a string (`execSync(\`cross-env A=1 cdk deploy\`)`). */
export const EXEC_TEXT = /\b(execSync|execaCommand|execa|exec|spawnSync|spawn|shell\.exec)\s*\(/;
const EXEC_CALL = /\b(?:execSync|execaCommand|execa|exec|spawnSync|spawn|shell\.exec)\s*\(\s*(`[^`]*`|'[^'\n]*'|"[^"\n]*")/g;

/**
 * Variables set for a command a program runs: the assignments at the head of a command string passed to `execSync`,
 * `exec`, `execa`, … (`cross-env DEPLOYMENT_STAGE=${stage} cdk deploy`). Names only; read as text, never run.
 */
export function codeCommandEnv(file: string, source: string): EnvSetData[] {
  const out: EnvSetData[] = [];
  for (const m of source.matchAll(EXEC_CALL)) {
    const command = m[1].slice(1, -1);
    const line = source.slice(0, m.index + m[0].length - m[1].length).split('\n').length;
    for (const name of commandLineSets(command)) if (isEnvName(name)) out.push({ name, file, line, kind: 'script', tool: 'command run by the code' });
  }
  return out;
}
