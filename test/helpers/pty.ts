import { spawn, type IPty } from '@lydell/node-pty';
import xterm from '@xterm/headless';
import path from 'node:path';
import { PROJECT_ROOT } from './fixture.js';
import { readableProjectRoot } from './unprivileged.js';

export const CLI = path.join(PROJECT_ROOT, 'dist/bin/cli.js');

export interface TerminalRun {
  readonly pty: IPty;
  /** The visible screen as text, one line per row, trailing spaces trimmed. */
  screen(): string;
  /** Everything written so far, raw. */
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  press(keys: string): void;
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
): TerminalRun {
  const cols = 110;
  const rows = 34;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
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
  const pty = spawn(file, argv, { name: 'xterm-256color', cols, rows, cwd, env: merged as Record<string, string> });
  let raw = '';
  let lastDataAt = Date.now();
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
        if (exitCode !== undefined) throw new Error(`the wizard exited (${exitCode}) before showing ${text}; screen:\n${screen()}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    press(keys) {
      pty.write(keys);
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
