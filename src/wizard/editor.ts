import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProgram, trustedPathVariable, type ProgramLookup } from '../scan/find-program.js';

/** GUI editors return at once unless told to wait for the file to be closed. */
const NEEDS_WAIT: Record<string, string> = { code: '--wait', 'code-insiders': '--wait', subl: '--wait', zed: '--wait', atom: '--wait', mate: '-w', cursor: '--wait' };

const BANNER =
  '<!-- project-context: edit this section, then save and close the editor. This comment is removed. -->\n';

export type EditResult =
  | { readonly kind: 'changed'; readonly text: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'failed'; readonly message: string };

/** `--editor`, then the saved setting, then $VISUAL, $EDITOR, vi — the order a terminal user expects. */
export function chooseEditor(flag: string | undefined, saved: string | undefined, env = process.env): string {
  return flag || saved || env.VISUAL || env.EDITOR || 'vi';
}

export interface EditorOptions {
  /** The user's PATH (default: this process's). */
  readonly path?: string;
  /** Folders whose programs never run as the editor: the analysed repository. */
  readonly untrusted?: readonly string[];
}

/**
 * Opens `text` in the editor and returns what the user saved. The command runs through the shell, as git runs
 * $EDITOR, so `code --wait` or `emacs -nw` work as written. The program itself is found here first, by absolute
 * path, in the absolute PATH entries outside the repository (find-program.ts): with `.` in PATH, a `vi` committed to
 * the repository would otherwise be the one that runs. The terminal must be free (no Ink mounted).
 */
export function editInEditor(text: string, editor: string, name: string, options: EditorOptions = {}): EditResult {
  const lookup = { path: options.path, untrusted: options.untrusted };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'project-context-'));
  const file = path.join(dir, `${name}.md`);
  try {
    const how = editorInvocation(editor, file, lookup);
    if (how === undefined) {
      return {
        kind: 'failed',
        message: `The editor "${program(editor)}" was not found in PATH (relative entries and folders inside the repository are not searched). Set $EDITOR, or choose one with --editor or project-context config editor.`,
      };
    }
    writeFileSync(file, BANNER + text, { mode: 0o600 });
    // The editor (or the shell) and everything it starts see only the trusted PATH: never `.`, never the repository's
    // folders. On Windows a shell command line goes to cmd.exe through Node's `shell` option.
    const env = { ...process.env, PATH: trustedPathVariable(lookup) };
    const result = spawnSync(how.file, how.args, { stdio: 'inherit', env, shell: how.shell && how.file !== '/bin/sh' });
    const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EACCES') return { kind: 'failed', message: `The editor "${program(editor)}" could not be run (is it executable?). Set $EDITOR, or choose one with --editor.` };
    if (result.error) return { kind: 'failed', message: `Could not start the editor "${editor}": ${result.error.message}.` };
    // The shell's own codes for a command it could not find or run (POSIX): say so, not "code 127".
    if (result.status === 127) return { kind: 'failed', message: `The editor "${program(editor)}" was not found. Set $EDITOR, or choose one with --editor or project-context config editor.` };
    if (result.status === 126) return { kind: 'failed', message: `The editor "${program(editor)}" could not be run (is it executable?). Set $EDITOR, or choose one with --editor.` };
    if (result.status !== 0) {
      const why = result.signal ? `was stopped by ${result.signal}` : `exited with code ${result.status}`;
      return { kind: 'failed', message: `The editor "${editor}" ${why}; the section keeps its previous text.` };
    }
    const edited = readFileSync(file, 'utf8').replace(BANNER, '').replace(/\r\n?/g, '\n');
    if (edited.trim() === '') return { kind: 'empty' };
    const normalised = `${edited.replace(/\s+$/, '')}\n`;
    return normalised === `${text.replace(/\s+$/, '')}\n` ? { kind: 'unchanged' } : { kind: 'changed', text: normalised };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function program(editor: string): string {
  return editor.trim().split(/\s+/)[0] ?? editor;
}

function withWaitFlag(editor: string): string {
  const program = path.basename(editor.trim().split(/\s+/)[0] ?? '');
  const flag = NEEDS_WAIT[program];
  if (!flag || editor.includes(flag) || editor.includes('-w')) return editor;
  return `${editor} ${flag}`;
}

/**
 * How the editor command is started. Plain words (`vim`, `code --wait`, `/usr/bin/emacs -nw`) run directly, the
 * program by the absolute path findProgram() resolves, without a shell: nothing depends on /bin/sh. Anything a shell
 * would read differently (quotes, `$`, `~`, `;`, `|`, globs) runs through the shell as git runs $EDITOR (cmd.exe on
 * Windows), its program resolved the same way (resolvedCommand). Undefined when the program is found nowhere.
 */
export function editorInvocation(
  editor: string,
  file: string,
  lookup: ProgramLookup = {},
  platform = process.platform,
): { readonly file: string; readonly args: readonly string[]; readonly shell: boolean } | undefined {
  const command = withWaitFlag(editor).trim();
  if (/^[\w@%+=:,./-]+(?:\s+[\w@%+=:,./-]+)*$/.test(command)) {
    const [word, ...args] = command.split(/\s+/);
    const found = findProgram(word, lookup);
    return found === undefined ? undefined : { file: found, args: [...args, file], shell: false };
  }
  const resolved = resolvedCommand(command, lookup);
  if (resolved === undefined) return undefined;
  if (platform === 'win32') return { file: `${resolved} "${file}"`, args: [], shell: true };
  return { file: '/bin/sh', args: ['-c', `${resolved} "$@"`, 'editor', file], shell: true };
}

/**
 * The command with its program replaced by the absolute path it resolves to (`vim -u x` → `'/usr/bin/vim' -u x`);
 * undefined when it cannot be found. A program word the shell would expand (`$HOME/bin/ed`) is left to the shell, which
 * then searches only the trusted PATH.
 */
export function resolvedCommand(command: string, lookup: ProgramLookup): string | undefined {
  const m = /^\s*(?:'([^']*)'|"([^"\\$`]*)"|((?:\\.|[^\s'"\\])+))(.*)$/s.exec(command);
  if (!m) return command;
  const bare = m[3];
  if (bare !== undefined && /[$`*?[\]{}~]/.test(bare.replace(/^~\//, ''))) return command;
  const word = m[1] ?? m[2] ?? bare.replace(/\\(.)/g, '$1');
  const program = findProgram(word, lookup);
  return program === undefined ? undefined : `${shellQuote(program)}${m[4]}`;
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
