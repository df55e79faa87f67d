/**
 * Environment variables read outside the source files the env detector parses: shell scripts (`$PORT`, `${PORT}`,
 * `${PORT:-8000}`) and the inline code of CI workflow `run:` blocks (`$TOKEN`, `os.environ['TOKEN']`,
 * `process.env.TOKEN`). A Lambda started by `run.sh`, or a workflow step running a Python snippet, reads the variable
 * the infrastructure sets: "not read by the code" must not be said of it. A workflow `if:` condition (job or step)
 * naming `env.X` reads it too (a `vars.X` is a repository setting, not the variable): `if: env.RUN_E2E == 'true'` gates steps on it. Text only, nothing is executed.
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

/** `condition`: read in a workflow `if:` expression rather than by a script or step code. */
export type ScriptRead = Citation & { readonly condition?: true };
export type ScriptReads = ReadonlyMap<string, readonly ScriptRead[]>;
/** `if: ${{ env.X == 'true' }}`, and a block scalar (`if: >-`) continued on more-indented lines. */
const IF_LINE = /^(\s*(?:-\s+)?)if:\s*(.*)$/;
const CONDITION_READ = /\benv\.([A-Za-z_][A-Za-z0-9_]*)\b/g;

const cache = new WeakMap<RepoIndex, ScriptReads>();
const PER_NAME = 5;

/** Every variable read by a tracked shell script or workflow `run:` code, with up to five lines each. */
export function scriptReads(index: RepoIndex): ScriptReads {
  let reads = cache.get(index);
  if (reads) return reads;
  const table = new Map<string, ScriptRead[]>();
  const add = (name: string, file: string, line: number, condition = false) => {
    let list = table.get(name);
    if (!list) table.set(name, (list = []));
    if (list.length < PER_NAME && !list.some((c) => c.file === file)) list.push({ file, line, ...(condition ? { condition: true as const } : {}) });
  };
  for (const file of index.files) {
    const shell = SHELL_FILE.test(file);
    if (!shell && !WORKFLOW_FILE.test(file)) continue;
    const text = index.read(file);
    if (!text || !/\$|environ|getenv|process\.env|\bif:/.test(text)) continue;
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
    if (!shell && text.includes('if:')) conditionReads(lines, (name, line) => add(name, file, line, true));
  }
  reads = table;
  cache.set(index, reads);
  return reads;
}

/** `env.X` in workflow `if:` conditions, with the line of each. */
function conditionReads(lines: readonly string[], add: (name: string, line: number) => void): void {
  for (let i = 0; i < lines.length; i++) {
    const m = IF_LINE.exec(lines[i]);
    if (!m || lines[i].trimStart().startsWith('#')) continue;
    const indent = m[1].length; // the column of `if`: deeper lines continue its value
    const scan = (text: string, line: number) => {
      CONDITION_READ.lastIndex = 0;
      for (let r = CONDITION_READ.exec(text); r; r = CONDITION_READ.exec(text)) add(r[1], line);
    };
    scan(m[2].replace(/\s#.*$/, ''), i + 1);
    // `if: >-` / `if: |` or a plain scalar continued below: the lines indented deeper than the key.
    for (let j = i + 1; j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) > indent); j++) scan(lines[j], j + 1);
  }
}

/** The `what` of a script read in the env-read evidence. */
export const SCRIPT_READ = { shell: 'read by a shell script', workflow: 'read by code in a CI workflow step', condition: 'read by a CI workflow condition' } as const;
/** Every `what` a script read can have: consumers list them in this order. */
export const SCRIPT_READ_KINDS = [SCRIPT_READ.shell, SCRIPT_READ.workflow, SCRIPT_READ.condition] as const;
/** The `what` of one script read. */
export function scriptReadWhat(at: ScriptRead): string {
  return at.condition ? SCRIPT_READ.condition : /\.github\/workflows\//.test(at.file) ? SCRIPT_READ.workflow : SCRIPT_READ.shell;
}
