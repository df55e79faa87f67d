import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import path from 'node:path';
import { PROJECT_ROOT } from './fixture.js';
import { readableProjectRoot } from './unprivileged.js';

export const CLI = path.join(PROJECT_ROOT, 'dist/bin/cli.js');

/** How long a screen must have been still before press() sends a deciding key; the wizard waits 300 ms (Enter 1 s). */
const DECIDE_SETTLE_MS = 400;
const ENTER_SETTLE_MS = 1100;

export interface TerminalRun {
  readonly pty: IPty;
  readonly term: xterm.Terminal;
  /** Every line of the terminal's normal buffer, scrollback included (what the user scrolls back to after exit). */
  history(): string[];
  /** The visible screen as text, one line per row, trailing spaces trimmed. */
  screen(): string;
  /** Everything written so far, raw. */
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /**
   * Types keys as a person would: a key that decides something (a, e, r, s, u, Enter) only once the screen has been
   * still for a moment, as the wizard requires (it drops decisions that come before a section could be seen). Keys
   * are sent in order.
   */
  press(keys: string): void;
  /** Types keys at once, whatever is on screen: for the tests of what the wizard does with keys that come too soon. */
  pressNow(keys: string): void;
  /** Resolves once every key given to press() was sent. */
  typed(): Promise<void>;
  exited(timeoutMs?: number): Promise<number>;
}

/** Runs the built CLI in a real pseudo-terminal and reads its screen through a headless xterm. */
/**
 * `wrap`, when given, is a /bin/sh script that runs the CLI as "$@" — e.g. `"$@"; echo "EXIT=$?"; stty -a` to see how
 * the wizard left the terminal, or a `setpriv` prefix to run it as another user.
 */
export function runInTerminal(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  cwd = PROJECT_ROOT,
  wrap?: string,
  size: { readonly cols: number; readonly rows: number } = { cols: 110, rows: 34 },
): TerminalRun {
  const { cols, rows } = size;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) base[k] = v;
  // Ink prints only the last frame when CI is set; a scripted EDITOR must not lose to the user's VISUAL.
  delete base.CI;
  delete base.VISUAL;
  delete base.GITHUB_ACTIONS;
  const merged: Record<string, string | undefined> = { ...base, TERM: 'xterm-256color', ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  // A wrapper that drops privileges (setpriv) needs a copy of the CLI the other user can read.
  const cli = wrap?.includes('setpriv') ? path.join(readableProjectRoot(), 'dist/bin/cli.js') : CLI;
  const [file, argv] = wrap ? ['/bin/sh', ['-c', wrap, 'sh', process.execPath, cli, ...args]] : [process.execPath, [cli, ...args]];
  const pty = spawn(file, argv, { name: merged.TERM ?? 'xterm-256color', cols, rows, cwd, env: merged as Record<string, string> });
  let raw = '';
  let lastDataAt = Date.now();
  let queue = Promise.resolve();
  let exitCode: number | undefined;
  const exitWaiters: ((code: number) => void)[] = [];
  pty.onData((d) => {
    raw += d;
    lastDataAt = Date.now();
    term.write(d);
  });
  pty.onExit(({ exitCode: code }) => {
    exitCode = code;
    exitWaiters.splice(0).forEach((w) => w(code));
  });
  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const flush = () => new Promise<void>((resolve) => term.write('', () => resolve()));
  return {
    pty,
    term,
    history() {
      const buffer = term.buffer.normal;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
      return lines;
    },
    screen,
    output: () => raw,
    async waitFor(text, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      const matches = () => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
      for (;;) {
        await flush();
        // A frame can reach the terminal in several chunks: once the text shows, let the frame finish (no output for
        // a moment) so that what a test checks next on the same screen is drawn too.
        if (matches()) {
          while (Date.now() - lastDataAt < 40 && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 15));
            await flush();
          }
          if (matches()) return;
        }
        if (exitCode !== undefined) {
          // node-pty can report the exit before the last chunk of output is delivered (seen under load): give the
          // final output a moment to arrive before deciding the text never came.
          for (let i = 0; i < 20 && !matches(); i++) {
            await new Promise((r) => setTimeout(r, 25));
            await flush();
          }
          if (matches()) return;
          throw new Error(`the wizard exited (${exitCode}) before showing ${text}; screen:\n${screen()}`);
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    press(keys) {
      const settle = /\r/.test(keys) ? ENTER_SETTLE_MS : /[aersu0-9]/.test(keys) ? DECIDE_SETTLE_MS : 0;
      queue = queue.then(async () => {
        while (Date.now() - lastDataAt < settle) await new Promise((r) => setTimeout(r, 20));
        pty.write(keys);
      });
    },
    pressNow(keys) {
      pty.write(keys);
    },
    typed() {
      return queue;
    },
    exited(timeoutMs = 15_000) {
      if (exitCode !== undefined) return Promise.resolve(exitCode);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pty.kill();
          reject(new Error(`the wizard did not exit; screen:\n${screen()}`));
        }, timeoutMs);
        exitWaiters.push((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    },
  };
}
