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
  const command = resolvedCommand(withWaitFlag(editor), lookup);
  if (command === undefined) {
    return {
      kind: 'failed',
      message: `The editor "${program(editor)}" was not found in PATH (relative entries and folders inside the repository are not searched). Set $EDITOR, or choose one with --editor or project-context config editor.`,
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'project-context-'));
  const file = path.join(dir, `${name}.md`);
  try {
    writeFileSync(file, BANNER + text, { mode: 0o600 });
    // The shell and everything the editor starts see only the trusted PATH: never `.`, never the repository's folders.
    const env = { ...process.env, PATH: trustedPathVariable(lookup) };
    const result = spawnSync('/bin/sh', ['-c', `${command} "$@"`, 'editor', file], { stdio: 'inherit', env });
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
