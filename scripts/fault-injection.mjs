#!/usr/bin/env node
/**
 * Fault injection: kills the built wizard with SIGKILL at random moments — during analysis, between generating and
 * accepting, in the middle of writing PROJECT-CONTEXT.md or the state file, between the two — over `--yes` runs and
 * scripted interactive runs in a real pseudo-terminal, and resumes after every kill. After every run it checks:
 *
 * - the state file parses (state/store.js loadState), and the lock and temp files of a finished run are gone;
 * - the output holds each accepted step's block exactly once, in step order, with the hash the state recorded for the
 *   accepted text before writing it (the state keeps no text once a step is accepted), and no block of a skipped step;
 * - the only other block allowed is the one step whose write finished while its "accepted" save did not (same hash),
 *   and the next resume must mark it accepted;
 * - nothing once accepted is lost or changed by a later run; a resumed run that is not killed finishes with exit 0.
 *
 * Usage: npm run fault-injection -- [--runs 60] [--seed N] [--steps 1-10] [--repo DIR] [--verbose]
 * `--repo` runs on a copy of another repository instead of examples/kv-store.
 * `--runs` counts delivered kills. Exit status 1 when any check failed. Needs `npm run build` (the npm script does it).
 *
 * Mid-write kills use the test-only hook PROJECT_CONTEXT_TEST_DELAY_WRITE_MS (src/output/atomic.ts): each atomic write
 * pauses between its complete temp file and the rename, and this script kills the wizard when it sees the temp file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/kv-store');

const args = parseArgs(process.argv.slice(2));
if (!existsSync(path.join(ROOT, 'dist/bin/cli.js'))) {
  console.error('dist/bin/cli.js is missing: run npm run build first (npm run fault-injection does).');
  process.exit(2);
}
// A private copy of the build, so a rebuild of dist/ while this runs (a long loop) cannot break a run half-way.
const BUILD = snapshotBuild();
const CLI = path.join(BUILD, 'dist/bin/cli.js');
const { parseOutput } = await import(path.join(BUILD, 'dist/src/output/index.js'));
const { loadState } = await import(path.join(BUILD, 'dist/state/store.js'));

const random = mulberry32(args.seed);
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (lo, hi) => lo + random() * (hi - lo);
const log = (line) => process.stdout.write(`${line}\n`);

const totals = { kills: 0, runs: 0, resumes: 0, headless: 0, interactive: 0, failures: [], byMode: {} };
const started = Date.now();
log(`fault injection: ${args.runs} kills, seed ${args.seed}${args.steps ? `, steps ${args.steps}` : ''}${args.repo ? `, on ${args.repo}` : ''}`);

/** Typical durations, learnt from runs that were not killed, to spread random kills over a whole run. */
const typical = { headless: 1500, interactive: 3500 };

for (let scenario = 1; totals.kills < args.runs; scenario++) {
  // Alternate, so even a short run covers both: --yes first, then a scripted interactive run.
  await runScenario(scenario, scenario % 2 === 1 ? 'headless' : 'interactive');
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const modes = Object.entries(totals.byMode).map(([m, n]) => `${m} ${n}`).join(', ');
log('');
log(`${totals.runs} runs: ${totals.kills} killed with SIGKILL (${modes}), ${totals.resumes} resumes; ` +
  `${totals.headless} --yes runs, ${totals.interactive} interactive runs; ${seconds} s`);
log(`${totals.failures.length} failures`);
for (const f of totals.failures) log(`  FAIL ${f}`);
rmSync(BUILD, { recursive: true, force: true });
process.exit(totals.failures.length > 0 ? 1 : 0);

// ---------------------------------------------------------------------------------------------------------------

async function runScenario(n, kind) {
  const repo = makeRepo();
  const files = { output: path.join(repo, 'PROJECT-CONTEXT.md'), state: path.join(repo, '.project-context/state.json') };
  const editor = makeEditor(repo);
  const accepted = new Map(); // step → text, everything ever accepted in this scenario
  let killsLeft = 1 + Math.floor(random() * 3);
  try {
    for (let round = 1; ; round++) {
      const mode = killsLeft > 0 && totals.kills < args.runs ? pick(['random', 'random', 'output-write', 'state-write', 'between-writes']) : 'none';
      const label = `scenario ${n} ${kind} run ${round} (${mode === 'none' ? 'resume to the end' : `kill: ${mode}`})`;
      const result = kind === 'headless' ? await headlessRun(repo, files, mode) : await interactiveRun(repo, files, mode, editor);
      totals.runs += 1;
      totals[kind] += 1;
      if (round > 1) totals.resumes += 1;
      if (result.killed) {
        totals.kills += 1;
        killsLeft -= 1;
        totals.byMode[mode] = (totals.byMode[mode] ?? 0) + 1;
      }
      // A kill that lands after the last step was decided (the CLI was exiting) ends the session all the same: another
      // run would start a new session over the finished file, which is not a resume.
      const finished = (!result.killed && result.code === 0 && !result.quit) || (result.killed && sessionComplete(files));
      const problems = [...result.problems, ...check(files, accepted, { finished, clean: finished && !result.killed })];
      if (!result.killed && result.code !== null && result.code !== 0) problems.push(`exit code ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      if (round > 12) problems.push('the session did not finish after 12 runs');
      if (args.verbose || problems.length > 0) {
        const how = result.killed ? `killed after ${result.ms} ms` : `exit ${result.code} after ${result.ms} ms${result.quit ? ' (quit)' : ''}`;
        log(`${label}: ${how}; ${describe(files)}${problems.length ? ' — FAILED' : ''}`);
      }
      for (const p of problems) totals.failures.push(`${label}: ${p}`);
      if (finished && !args.verbose) log(`scenario ${n} ${kind}: ${round} runs, ${problems.length ? 'FAILED' : `finished; ${describe(files)}`}`);
      if (problems.length > 0 || finished) return;
    }
  } finally {
    if (!args.keep) rmSync(repo, { recursive: true, force: true });
    rmSync(editor, { force: true });
  }
}

function snapshotBuild() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-fault-build-'));
  cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** A fresh git copy of the bundled example, or of --repo (git, so HEAD is recorded and compared on resume). */
function makeRepo() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-fault-'));
  cpSync(args.repo ?? EXAMPLE, dir, { recursive: true });
  for (const own of ['PROJECT-CONTEXT.md', '.project-context']) rmSync(path.join(dir, own), { recursive: true, force: true });
  if (existsSync(path.join(dir, '.git'))) return dir;
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=fault@example.com', '-c', 'user.name=fault', 'commit', '-qm', 'init');
  return dir;
}

/** An EDITOR that appends a line, like a user typing a note and saving. Lives outside the repository's listing. */
function makeEditor(repo) {
  const file = path.join(os.tmpdir(), `pc-fault-editor-${path.basename(repo)}.sh`);
  writeFileSync(file, '#!/bin/sh\nprintf "\\nNote added in the editor (%s).\\n" "$$" >> "$1"\n');
  chmodSync(file, 0o755);
  return file;
}

function cliArgs(repo) {
  return [CLI, repo, ...(args.steps ? ['--steps', args.steps] : [])];
}

function envFor(mode) {
  const env = { ...process.env };
  delete env.CI;
  delete env.VISUAL;
  delete env.GITHUB_ACTIONS;
  if (mode === 'output-write' || mode === 'state-write' || mode === 'between-writes') env.PROJECT_CONTEXT_TEST_DELAY_WRITE_MS = '40';
  return env;
}

/**
 * Watches for the temp files of atomic writes by process `pid` and calls `kill` when the mode's moment comes:
 * the k-th output write, the k-th state write, or the first state write after an output write (the moment between
 * "block written" and "accepted saved").
 */
function watchWrites(files, pid, mode, kill) {
  const k = mode === 'output-write' ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 12);
  const seen = { output: new Set(), state: new Set() };
  const tag = new RegExp(`\\.tmp-${pid}[.-]`);
  const scan = (file, set) => {
    let names = [];
    try {
      names = readdirSync(path.dirname(file));
    } catch {
      return;
    }
    const prefix = `.${path.basename(file)}.tmp-`;
    for (const name of names) if (name.startsWith(prefix) && tag.test(name)) set.add(name);
  };
  const timer = setInterval(() => {
    const outputBefore = seen.output.size;
    const stateBefore = seen.state.size;
    scan(files.output, seen.output);
    scan(files.state, seen.state);
    const hit =
      (mode === 'output-write' && seen.output.size >= k) ||
      (mode === 'state-write' && seen.state.size >= k) ||
      (mode === 'between-writes' && seen.output.size > 0 && seen.state.size > stateBefore && outputBefore > 0);
    if (hit) {
      clearInterval(timer);
      kill();
    }
  }, 2);
  return () => clearInterval(timer);
}

function headlessRun(repo, files, mode) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [...cliArgs(repo), '--yes'], { env: envFor(mode), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const kill = () => {
      if (killed || child.exitCode !== null) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const stopWatching = mode === 'none' || mode === 'random' ? () => undefined : watchWrites(files, child.pid, mode, kill);
    const timer = mode === 'random' ? setTimeout(kill, between(30, typical.headless)) : undefined;
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      stopWatching();
      const ms = Date.now() - t0;
      if (!killed && code === 0) typical.headless = (typical.headless + ms) / 2;
      resolve({ killed: killed && signal === 'SIGKILL', code: code ?? 128, stderr, ms, problems: [] });
    });
  });
}

async function interactiveRun(repo, files, mode, editor) {
  const { spawn: spawnPty } = await import('@lydell/node-pty');
  const { default: xterm } = await import('@xterm/headless');
  const cols = 110;
  const rows = 34;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const t0 = Date.now();
  const env = { ...envFor(mode), TERM: 'xterm-256color', EDITOR: editor };
  const pty = spawnPty(process.execPath, cliArgs(repo), { name: 'xterm-256color', cols, rows, cwd: ROOT, env });
  let raw = '';
  let exit;
  let killed = false;
  /** The SIGKILL reached a live process (node-pty does not always report the signal in its exit event). */
  let delivered = false;
  let quit = false;
  const problems = [];
  let lastDataAt = Date.now();
  pty.onData((d) => {
    raw += d;
    lastDataAt = Date.now();
    term.write(d);
  });
  const exited = new Promise((resolve) => pty.onExit(({ exitCode, signal }) => resolve((exit = { exitCode, signal }))));
  const kill = () => {
    if (killed || exit) return;
    killed = true;
    try {
      process.kill(pty.pid, 'SIGKILL');
      delivered = true;
    } catch {
      /* already gone */
    }
  };
  const stopWatching = mode === 'none' || mode === 'random' ? () => undefined : watchWrites(files, pty.pid, mode, kill);
  const timer = mode === 'random' ? setTimeout(kill, between(200, typical.interactive)) : undefined;
  const deadline = Date.now() + 90_000;
  const screen = () => {
    const b = term.buffer.active;
    const lines = [];
    for (let i = 0; i < rows; i++) lines.push(b.getLine(b.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  let answeredResume = false;
  let lastActedOn = '';
  let actedAt = 0;
  while (!exit && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => term.write('', r));
    const s = screen();
    const identity = `${s.match(/Step \d+ of \d+[^\n]*/)?.[0] ?? ''}|${s.match(/(Your edit is saved|Your edit is kept|No changes made|Regenerated|only just appeared|Restored from the saved session)[^\n]*/)?.[0] ?? ''}`;
    if (/Regenerate.*fromthecurrentcode|Startanewsession\?|wasnotwrittenbyproject-context|editedbyhand|changedbyanotherprogram/.test(s.replace(/\s+/g, ''))) {
      problems.push(`unexpected question on screen: ${s.split('\n').find((l) => /\?/.test(l))?.trim()}`);
      kill();
      break;
    }
    // The prompt wraps anywhere (even inside "(Y/n)"), so it is matched with all whitespace removed.
    if (!answeredResume && /Resumeatstep\d+.*\(Y\/n\)/.test(s.replace(/\s+/g, ''))) {
      answeredResume = true;
      pty.write('\r');
      continue;
    }
    // The wizard ignores a deciding key that comes before a screen could be read (300 ms): act on a still screen.
    if (Date.now() - lastDataAt < 350) continue;
    // `r` on an edited section asks whether to discard the edit: either answer.
    if (/hasyouredit\.Regeneratingreplacesit/.test(s.replace(/\s+/g, ''))) {
      pty.write(random() < 0.5 ? '1' : '2');
      continue;
    }
    if (!/Step \d+ of \d+/.test(s) || !/a\s+accept/.test(s)) continue;
    if (identity === lastActedOn && Date.now() - actedAt < 3000) continue;
    lastActedOn = identity;
    actedAt = Date.now();
    const roll = random();
    // Quitting is one more way to stop, but only in runs meant to be killed: the last run must finish.
    const key = roll < 0.62 ? 'a' : roll < 0.77 ? 'e' : roll < 0.87 ? 's' : roll < 0.95 || mode === 'none' ? 'r' : 'q';
    if (key === 'q') quit = true;
    pty.write(key);
  }
  let timedOut = false;
  if (!exit && !killed) {
    problems.push(`no exit within 90 s; screen:\n${screen()}`);
    kill();
    timedOut = true;
  }
  const { exitCode, signal } = await exited;
  clearTimeout(timer);
  stopWatching();
  const ms = Date.now() - t0;
  if (!killed && exitCode === 0 && !quit) typical.interactive = (typical.interactive + ms) / 2;
  term.dispose();
  return { killed: killed && !timedOut && (signal === 9 || delivered), code: timedOut ? null : exitCode, stderr: raw.slice(-400), ms, problems, quit: quit && !killed };
}

/** The checks listed at the top of this file. */
function check(files, accepted, { finished, clean }) {
  const problems = [];
  let state = null;
  try {
    state = loadState(files.state);
  } catch (error) {
    return [`the state file does not load: ${error.message}`];
  }
  let text;
  try {
    text = existsSync(files.output) ? readFileSync(files.output, 'utf8') : undefined;
  } catch (error) {
    return [`the output cannot be read: ${error.message}`];
  }
  if (!state) {
    if (text !== undefined) problems.push('an output exists but no state was ever saved');
    if (accepted.size > 0) problems.push('the state file is gone after steps were accepted');
    return problems;
  }
  const doc = text === undefined ? { blocks: [], malformed: [], strays: [] } : parseOutput(text);
  if (doc.malformed.length > 0) problems.push(`damaged markers: ${doc.malformed.join('; ')}`);
  const order = doc.blocks.map((b) => b.step);
  if (order.some((s, i) => i > 0 && s <= order[i - 1])) problems.push(`blocks out of step order or duplicated: ${order.join(',')}`);
  const blocks = new Map(doc.blocks.map((b) => [b.step, b]));
  let inFlight = 0;
  for (const record of state.steps) {
    const block = blocks.get(record.number);
    if (record.status === 'accepted') {
      // An accepted step keeps no text in the state (it is in the output), only the hash of exactly what was accepted
      // (the reviewed text with its facts digest), saved before the block was written.
      if (!block) problems.push(`step ${record.number} is accepted but not in the output`);
      else if (!record.hash || block.hash !== record.hash) problems.push(`step ${record.number}'s block differs from the accepted text`);
      else if (block.handEdited) problems.push(`step ${record.number}'s block does not match its hash`);
      const before = accepted.get(record.number);
      if (before !== undefined && before !== record.hash) problems.push(`step ${record.number}'s accepted text changed after it was accepted`);
      accepted.set(record.number, record.hash);
    } else {
      if (accepted.has(record.number)) problems.push(`step ${record.number} was accepted before and is now ${record.status}`);
      if (block) {
        if (record.status === 'generated' && record.hash === block.hash && !block.handEdited && !finished) inFlight += 1;
        else problems.push(`step ${record.number} (${record.status}) has a block in the output`);
      }
    }
  }
  if (inFlight > 1) problems.push(`${inFlight} blocks written without their accept being saved (at most one write can be in flight)`);
  // The hash of our last write is what tells "another program changed the file" apart: outside the crash window it
  // must match the file, or the next accept would ask a false question.
  if (inFlight === 0 && text !== undefined && state.outputHash !== sha256(readFileSync(files.output))) {
    problems.push(`the state's outputHash does not match the output (${state.outputHash ? 'stale' : 'unset'})`);
  }
  for (const step of blocks.keys()) {
    if (!state.steps.some((r) => r.number === step)) problems.push(`a block for step ${step}, which is not in the session`);
  }
  if (finished) {
    const open = state.steps.filter((s) => s.status === 'pending' || s.status === 'generated').map((s) => s.number);
    if (open.length > 0) problems.push(`finished with steps ${open.join(',')} undecided`);
    // Only a run that exited by itself cleans up; one killed after its last step leaves its lock (stale, taken over).
    if (clean && existsSync(`${files.state}.lock`)) problems.push('the lock file is left after a finished run');
    for (const file of clean ? [files.output, files.state] : []) {
      const leftovers = readdirSync(path.dirname(file)).filter((n) => n.startsWith(`.${path.basename(file)}.tmp-`));
      if (leftovers.length > 0) problems.push(`temp files left after a finished run: ${leftovers.join(', ')}`);
    }
  }
  return problems;
}

/** `steps 1✓ 2● 3· 4✗, blocks 1,2`: accepted ✓, generated ●, pending ·, skipped ✗. */
/** Every step of the saved session is accepted or skipped. */
function sessionComplete(files) {
  try {
    const state = loadState(files.state);
    return !!state && state.steps.every((s) => s.status === 'accepted' || s.status === 'skipped');
  } catch {
    return false;
  }
}

function describe(files) {
  try {
    const state = loadState(files.state);
    const marks = { accepted: '✓', generated: '●', pending: '·', skipped: '✗' };
    const steps = state ? state.steps.map((s) => `${s.number}${marks[s.status]}`).join(' ') : 'no state';
    const blocks = existsSync(files.output) ? parseOutput(readFileSync(files.output, 'utf8')).blocks.map((b) => b.step).join(',') : 'no output';
    const hash = !existsSync(files.output) ? '' : state?.outputHash === sha256(readFileSync(files.output)) ? ', outputHash current' : ', outputHash differs';
    return `steps ${steps}, blocks ${blocks || 'none'}${hash}`;
  } catch (error) {
    return `unreadable: ${error.message}`;
  }
}

function parseArgs(argv) {
  const out = { runs: 60, seed: Date.now() % 1_000_000, steps: undefined, repo: undefined, verbose: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') out.runs = Number(argv[++i]);
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (a === '--steps') out.steps = argv[++i];
    else if (a === '--repo') out.repo = path.resolve(argv[++i]);
    else if (a === '--verbose') out.verbose = true;
    else if (a === '--keep') out.keep = true;
    else {
      console.error(`unknown option ${a}; usage: fault-injection.mjs [--runs N] [--seed N] [--steps LIST] [--repo DIR] [--verbose] [--keep]`);
      process.exit(2);
    }
  }
  if (!(out.runs > 0)) out.runs = 60;
  return out;
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A small seeded PRNG, so a failing seed can be replayed. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
