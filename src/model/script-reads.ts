/**
 * Environment variables read outside the source files the env detector parses: shell scripts (`$PORT`, `${PORT}`,
 * `${PORT:-8000}`) and the inline code of CI workflow `run:` blocks (`$TOKEN`, `os.environ['TOKEN']`,
 * `process.env.TOKEN`). A Lambda started by `run.sh`, or a workflow step running a Python snippet, reads the variable
 * the infrastructure sets: "not read by the code" must not be said of it. Text only, nothing is executed.
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

const SHELL_FILE = /\.(sh|bash|zsh)$/;
const WORKFLOW_FILE = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
/** `$NAME`, `${NAME}`, `${NAME:-x}`, `${#NAME}`: expansions of an upper-case name. */
const SHELL_READ = /\$\{?#?([A-Z_][A-Z0-9_]*)\b/g;
/** Inline code in a workflow: Python and Node reads of a literal name. */
const CODE_READ = /os\.environ\s*\[\s*['"]([A-Z_][A-Z0-9_]*)['"]|os\.(?:environ\.get|getenv)\s*\(\s*['"]([A-Z_][A-Z0-9_]*)['"]|process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[\s*['"]([A-Z_][A-Z0-9_]*)['"]/g;
/** `NAME=`, `export NAME=`, `local NAME=`, `readonly NAME=`, `declare -x NAME=`, `read NAME`, `for NAME in`. */
const ASSIGN = /^\s*(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?([A-Z_][A-Z0-9_]*)\+?=|^\s*read\s+(?:-\w+\s+)*([A-Z_][A-Z0-9_]*)|^\s*for\s+([A-Z_][A-Z0-9_]*)\s+in\b/;

export type ScriptReads = ReadonlyMap<string, readonly Citation[]>;

const cache = new WeakMap<RepoIndex, ScriptReads>();
const PER_NAME = 5;

/** Every variable read by a tracked shell script or workflow `run:` code, with up to five lines each. */
export function scriptReads(index: RepoIndex): ScriptReads {
  let reads = cache.get(index);
  if (reads) return reads;
  const table = new Map<string, Citation[]>();
  const add = (name: string, file: string, line: number) => {
    let list = table.get(name);
    if (!list) table.set(name, (list = []));
    if (list.length < PER_NAME && !list.some((c) => c.file === file)) list.push({ file, line });
  };
  for (const file of index.files) {
    const shell = SHELL_FILE.test(file);
    if (!shell && !WORKFLOW_FILE.test(file)) continue;
    const text = index.read(file);
    if (!text || !/\$|environ|getenv|process\.env/.test(text)) continue;
    const lines = text.split('\n');
    // Names the script assigns itself: reads after that line are of its own variable, not the environment's
    // (`PORT=8000` … `--port=$PORT`). A read on the assigning line itself (`PORT=${PORT:-8000}`) is an env read.
    const assigned = new Set<string>();
    for (const [i, raw] of lines.entries()) {
      const trimmed = raw.trimStart();
      if (trimmed.startsWith('#')) continue;
      // Single-quoted text is not expanded by a shell (`awk '{print $NF}'`, `echo '$HOME'`).
      const line = shell ? raw.replace(/'[^'\n]*'/g, "''") : raw;
      if (shell || /\$/.test(line)) {
        SHELL_READ.lastIndex = 0;
        for (let m = SHELL_READ.exec(line); m; m = SHELL_READ.exec(line)) {
          // `${{ env.X }}` is a workflow expression, not a shell read; `$X` inside it never matches an upper-case name.
          if (!assigned.has(m[1])) add(m[1], file, i + 1);
        }
      }
      if (!shell) {
        CODE_READ.lastIndex = 0;
        for (let m = CODE_READ.exec(line); m; m = CODE_READ.exec(line)) add((m[1] ?? m[2] ?? m[3] ?? m[4])!, file, i + 1);
      }
      if (shell) {
        const a = ASSIGN.exec(line);
        const name = a?.[1] ?? a?.[2] ?? a?.[3];
        if (name) assigned.add(name);
      }
    }
  }
  reads = table;
  cache.set(index, reads);
  return reads;
}

/** The `what` of a script read in the env-read evidence. */
export const SCRIPT_READ = { shell: 'read by a shell script', workflow: 'read by code in a CI workflow step' } as const;
