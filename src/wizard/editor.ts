import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

/**
 * Opens `text` in the editor and returns what the user saved. The command runs through the shell, as git runs
 * $EDITOR, so `code --wait` or `emacs -nw` work as written. The terminal must be free (no Ink mounted).
 */
export function editInEditor(text: string, editor: string, name: string): EditResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'project-context-'));
  const file = path.join(dir, `${name}.md`);
  try {
    writeFileSync(file, BANNER + text, { mode: 0o600 });
    const command = withWaitFlag(editor);
    const result = spawnSync('/bin/sh', ['-c', `${command} "$@"`, 'editor', file], { stdio: 'inherit' });
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
