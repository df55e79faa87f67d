#!/usr/bin/env node
// First: sets how the heap grows before anything allocates.
import './cli/heap-policy.js';
import { readFileSync } from 'node:fs';
import { parseCli, type CliOptions } from './cli/args.js';
import { runConfigCommand } from './cli/config-command.js';
import { helpText } from './cli/help.js';
import { EXIT, UsageError, UserFacingError } from './errors.js';
import { chooseEditor } from './wizard/editor.js';
import { factRecordPath } from './check/fact-record.js';
import { resolveRunOptions } from './wizard/run-options.js';
import { analysisOptions, runWizard } from './wizard/run.js';
import { startAnalysis } from './wizard/worker-analysis.js';
import type { Drift } from './wizard/drift.js';
import type { FinishedQuestion, ResumeQuestion } from './wizard/session.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `project-context --json | head`, `--yes | head`: a reader that stops early closes the pipe. That is not a failure:
 * a closed stdout ends the process quietly (exit 0, or the code already decided; the exit hook of lock-file.ts releases
 * any lock), and a closed stderr only silences the progress lines while the run goes on.
 */
function quietOnClosedPipes(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

async function main(argv: readonly string[]): Promise<number> {
  quietOnClosedPipes();
  const cli = parseCli(argv);
  if (cli.help) {
    out(helpText(version()));
    return 0;
  }
  if (cli.version) {
    out(version());
    return 0;
  }
  if (cli.config) return runConfigCommand(cli.config, out);
  if (cli.mcp) {
    const options = resolveRunOptions(cli);
    const { runMcpServer } = await import('./mcp/server.js');
    await runMcpServer({ root: options.root, output: options.output, stateFile: options.stateFile, context: options.context, version: version() });
    return 0;
  }
  if (cli.check) {
    const options = resolveRunOptions(cli);
    const { checkOutput, formatCheck } = await import('./check/check.js');
    const report = await checkOutput(options.root, options.output, options.context, [options.output, factRecordPath(options.output), options.stateFile], { diff: cli.diff, stateFile: options.stateFile });
    out(cli.json ? JSON.stringify(report, null, 2) : formatCheck(report));
    return report.current ? EXIT.ok : EXIT.drifted;
  }
  if (cli.json) {
    const options = resolveRunOptions(cli);
    const { factsReport } = await import('./report/facts-report.js');
    const report = await factsReport(options.root, options.steps, options.context, version(), [options.output, factRecordPath(options.output), options.stateFile]);
    out(JSON.stringify(report, null, 2));
    return 0;
  }
  const interactive = !cli.yes;
  if (interactive && !(process.stdin.isTTY && process.stdout.isTTY)) {
    throw new UsageError(
      'No terminal to ask questions in, so nothing can be reviewed.',
      'Run with --yes to generate and accept every step without review.',
    );
  }
  const options = resolveRunOptions(cli);
  if (!interactive) return runWizard(options, { stdout: out, stderr: err });
  // The analysis starts in its own thread before Ink loads: the first section is ready about when the screen is.
  const analysis = options.steps.length > 0 ? startAnalysis(analysisOptions(options, true)) : undefined;
  const warnings = new Set<string>();
  try {
    return await runWizard(options, { stdout: out, stderr: err, analysis, interactive: await interactiveEnvironment(cli, (w) => warnings.add(w)) });
  } finally {
    analysis?.close();
    // Said once the screen is given back (settings are read when the editor is first opened, under the wizard's screen).
    warnings.forEach(err);
  }
}

/** Ink and the prompts are loaded only for interactive runs: `--yes` in CI never pays for React. */
async function interactiveEnvironment(cli: CliOptions, warn: (message: string) => void) {
  const { loadSettings } = await import('./settings.js');
  // A terminal without cursor control gets plain lines: no Ink, no escape sequences.
  const dumb = process.env.TERM === 'dumb';
  const createUI = dumb
    ? await import('./ui/line/line-ui.js').then(({ LineUI }) => () => new LineUI())
    : await import('./ui/ink-ui.js').then(({ InkWizardUI }) => (onInterrupt: () => void) => new InkWizardUI('Reading the repository', onInterrupt));
  // The prompts are needed only when a saved session exists: loaded on the first question, not before the first screen.
  const prompts = () => (dumb ? import('./cli/line-prompts.js') : import('./cli/resume-prompt.js'));
  return {
    createUI,
    askResume: async (q: ResumeQuestion) => (await prompts()).askResume(q),
    askFinished: async (q: FinishedQuestion) => (await prompts()).askFinished(q),
    askStartOverAfterBadState: async (error: Error) => (await prompts()).askStartOverAfterBadState(error),
    askRegenerate: async (drift: Drift, message: string) => (await prompts()).askRegenerate(drift, message),
    editor: async () => chooseEditor(cli.editor, (await loadSettings(warn)).editor),
  };
}

function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'project-context' && pkg.version) return pkg.version;
    } catch {
      // try the next location: the layout differs between src/ (tsx) and dist/src/ (built)
    }
  }
  return 'unknown';
}

/** Errors of the state store and the output writer carry a plain sentence that already says what to do. */
const PLAIN_ERRORS = new Set(['StateFileError', 'StateWriteError', 'LockError', 'OutputWriteError', 'OutputConflictError', 'CheckInputError', 'UnsafePathError', 'OutputBusyError']);

/** The one place errors become messages and exit codes. */
function report(error: unknown): number {
  if (error instanceof UserFacingError) {
    err(`project-context: ${error.message}`);
    if (error.tryMessage) err(error.tryMessage);
    if (process.env.DEBUG) err(error.stack ?? '');
    return error.exitCode;
  }
  if (error instanceof Error && PLAIN_ERRORS.has(error.name)) {
    err(`project-context: ${error.message}`);
    if (process.env.DEBUG) err(error.stack ?? '');
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`project-context failed: ${message.split('\n')[0]}`);
  if (process.env.DEBUG) err(error instanceof Error ? (error.stack ?? '') : '');
  else err('Run again with DEBUG=1 to see the details, and please report it.');
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
