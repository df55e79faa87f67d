/**
 * Running the built CLI as a user would, for the safety tests: headless (`--yes`) runs with their exit code and
 * both streams, and what they left on disk.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseOutput } from '../../src/output/index.js';
import { CLI } from '../helpers/pty.js';
import { readableProjectRoot } from '../helpers/unprivileged.js';

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  /** Run as another user (tests run as root here, where file permissions do not stop reads). */
  readonly uid?: number;
  readonly gid?: number;
  /** Runs `command` through `/bin/sh -c` with the CLI as "$@" (to wrap it in unshare, ulimit…). */
  readonly wrap?: string;
  readonly timeoutMs?: number;
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  delete env.DEBUG;
  // A child that runs as another user needs a copy of the CLI that user can read (see readableProjectRoot).
  const cli = options.uid !== undefined ? path.join(readableProjectRoot(), 'dist/bin/cli.js') : CLI;
  const argv = [cli, ...args];
  const [command, commandArgs] = options.wrap
    ? ['/bin/sh', ['-c', options.wrap, 'wrap', process.execPath, ...argv]]
    : [process.execPath, argv];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A plain outcome: no stack trace, no "please report it" bug message. */
export function expectPlain(run: CliRun): void {
  const all = `${run.stdout}\n${run.stderr}`;
  expect(all, all).not.toMatch(/^\s+at .+[:(]\d+/m);
  expect(all, all).not.toMatch(/project-context failed|DEBUG=1|please report it/i);
  expect(run.signal).toBeNull();
}

/** Control characters other than newline and tab, and escape sequences: none may reach the output or the terminal. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export interface RunResult {
  readonly output?: string;
  readonly state?: string;
}

/** What a run left: PROJECT-CONTEXT.md (strictly decoded: invalid UTF-8 throws) and the state file's text. */
export function leftBehind(root: string, output = path.join(root, 'PROJECT-CONTEXT.md')): RunResult {
  const stateFile = path.join(root, '.project-context/state.json');
  const decode = (file: string) => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  return {
    output: existsSync(output) ? decode(output) : undefined,
    state: existsSync(stateFile) ? decode(stateFile) : undefined,
  };
}

/** Every available step was written once, in order, and nothing in the file is damaged. */
export function expectCompleteOutput(output: string | undefined, steps: readonly number[]): void {
  expect(output).toBeDefined();
  const doc = parseOutput(output ?? '');
  expect(doc.malformed).toEqual([]);
  expect(doc.blocks.map((b) => b.step)).toEqual(steps);
  expect(doc.blocks.every((b) => !b.handEdited)).toBe(true);
}
