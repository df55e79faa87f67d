/**
 * Task runners and process files: Makefile targets, justfile recipes and Procfile processes, each with the first
 * command it runs (redacted) and its line. Read as text, never run.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { redactSecrets } from '../../secrets/redact.js';
import { isBuildOrVendor } from '../shared/source-scope.js';

export interface TaskData {
  readonly tool: 'make' | 'just' | 'procfile';
  readonly file: string;
  readonly line: number;
  readonly name: string;
  /**
   * The recipe's first command that does something (an `echo` announcing it is skipped), or the process command,
   * redacted; undefined for an alias of other targets.
   */
  readonly command?: string;
  /** Every command of the recipe (up to 8), redacted: what a deploy or a CDK call is looked for in. */
  readonly commands: readonly string[];
  /** Targets it depends on (make prerequisites, just dependencies). */
  readonly needs: readonly string[];
  /** A `## help` comment on the target line or a comment right above a just recipe. */
  readonly help?: string;
}

export type TaskFact = Fact<'tasks.task', TaskData>;

const MAKEFILE = /(^|\/)(GNUmakefile|[Mm]akefile|[\w.-]+\.mk)$/;
const JUSTFILE = /(^|\/)(\.?[Jj]ustfile|[\w.-]+\.just)$/;
const PROCFILE = /(^|\/)Procfile(\.[\w-]+)?$/;

function kind(index: RepoIndex, file: string): TaskData['tool'] | undefined {
  if (isBuildOrVendor(index, file)) return undefined;
  return MAKEFILE.test(file) ? 'make' : JUSTFILE.test(file) ? 'just' : PROCFILE.test(file) ? 'procfile' : undefined;
}

export const tasksDetector: Detector = {
  id: 'tasks',
  isEnabled: (index) => index.files.some((f) => kind(index, f) !== undefined),
  detect(index: RepoIndex): Fact[] {
    const facts: TaskFact[] = [];
    for (const file of index.files) {
      const tool = kind(index, file);
      const text = tool ? index.read(file) : undefined;
      if (!tool || text === undefined) continue;
      const tasks = tool === 'make' ? makeTargets(file, text) : tool === 'just' ? justRecipes(file, text) : procfile(file, text);
      for (const t of tasks) facts.push({ kind: 'tasks.task', id: `${file}#${t.name}`, data: t, at: [{ file, line: t.line }] });
    }
    return facts;
  },
};

const clean = (command: string) => redactSecrets(command.replace(/^[@+-]+/, '').replace(/\s+/g, ' ').trim());

/** `target: prereqs ## help` lines and their first tab-indented recipe line; special and pattern targets are skipped. */
export function makeTargets(file: string, text: string): TaskData[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: TaskData[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z0-9_][A-Za-z0-9_.\/-]*(?:\s+[A-Za-z0-9_][A-Za-z0-9_.\/-]*)*)\s*:(?![=:])(.*)$/.exec(lines[i]);
    if (!m || /^\s/.test(lines[i])) continue;
    // `target: prereqs # note` or `target: prereqs ## help` (the convention of self-documenting Makefiles).
    const hash = m[2].indexOf('#');
    const prereqs = hash === -1 ? m[2] : m[2].slice(0, hash);
    const help = /##\s*(.+)$/.exec(m[2])?.[1];
    const commands = recipe(lines, i, /^\t/);
    const command = meaningful(commands);
    const needs = prereqs.split(/[\s|]+/).filter((n) => n && !n.includes('$') && !n.includes('%'));
    for (const name of m[1].split(/\s+/)) {
      if (seen.has(name) || name.startsWith('.') || name.includes('%') || /\.(o|c|h|js|ts|json|zip|txt)$/.test(name)) continue;
      seen.add(name);
      out.push({ tool: 'make', file, line: i + 1, name, ...(command ? { command } : {}), commands, needs, ...(help ? { help: help.trim() } : {}) });
    }
  }
  return out;
}

/** `recipe param: deps` headers and their first indented line; `# comment` right above is its help. */
export function justRecipes(file: string, text: string): TaskData[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: TaskData[] = [];
  for (let i = 0; i < lines.length; i++) {
    // Parameters may have defaults (`lint target="src":`); `name := value` is an assignment, not a recipe.
    const m = /^@?([A-Za-z_][A-Za-z0-9_-]*)((?:\s+[^\s:]+)*)\s*:(?!=)\s*([^#]*)$/.exec(lines[i]);
    if (!m || /^(set|export|alias|import|mod)\b/.test(lines[i])) continue;
    const commands = recipe(lines, i, /^\s+\S/);
    const command = meaningful(commands);
    const help = /^#\s*(.+)$/.exec(lines[i - 1] ?? '')?.[1];
    const needs = m[3].split(/\s+/).filter(Boolean).map((d) => d.replace(/^\(|\)$/g, ''));
    out.push({ tool: 'just', file, line: i + 1, name: m[1], ...(command ? { command } : {}), commands, needs, ...(help ? { help: help.trim() } : {}) });
  }
  return out;
}

/** `web: node server.js` lines. */
export function procfile(file: string, text: string): TaskData[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((line, i) => {
      const m = /^([A-Za-z0-9_-]+)\s*:\s*(\S.*)$/.exec(line);
      return m ? [{ tool: 'procfile' as const, file, line: i + 1, name: m[1], command: clean(m[2]), commands: [clean(m[2])], needs: [] }] : [];
    });
}

/** The recipe lines under a header (indented as `body` says), comments left out, `\` continuations joined. */
function recipe(lines: readonly string[], header: number, body: RegExp): string[] {
  const out: string[] = [];
  let pending = '';
  for (let j = header + 1; j < lines.length && body.test(lines[j]) && out.length < 8; j++) {
    const text = lines[j].trim();
    if (!text || text.startsWith('#')) continue;
    pending += text.endsWith('\\') ? `${text.slice(0, -1)} ` : text;
    if (!text.endsWith('\\')) {
      out.push(clean(pending));
      pending = '';
    }
  }
  if (pending) out.push(clean(pending));
  return out;
}

function meaningful(commands: readonly string[]): string | undefined {
  return commands.find((c) => !/^(echo|printf)\b/.test(c)) ?? commands[0];
}

/** How a developer runs it from the repository root: `make -C backend deploy`, `just -f tools/justfile seed`. */
export function invocation(t: TaskData): string {
  const slash = t.file.lastIndexOf('/');
  const dir = slash === -1 ? '' : t.file.slice(0, slash);
  const base = t.file.slice(slash + 1);
  if (t.tool === 'make') {
    if (!/^(GNUmakefile|[Mm]akefile)$/.test(base)) return dir ? `make -C ${dir} -f ${base} ${t.name}` : `make -f ${base} ${t.name}`;
    return dir ? `make -C ${dir} ${t.name}` : `make ${t.name}`;
  }
  if (t.tool === 'just') return dir || !/^\.?[Jj]ustfile$/.test(base) ? `just -f ${t.file} ${t.name}` : `just ${t.name}`;
  return t.name;
}
