#!/usr/bin/env node
/**
 * Fault injection: kills the built wizard with SIGKILL at random moments — during analysis, between generating and
 * accepting, in the middle of writing PROJECT-CONTEXT.md or the state file, between the two, right after a restart's
 * backup — and resumes after every kill. Six kinds of scenario take turns, each on a fresh git copy of the example:
 *
 * - `yes` and `interactive`: one session, `--yes` or scripted key presses in a real pseudo-terminal;
 * - `steps-yes` and `steps-interactive`: runs alternate between two `--steps` selections, so new sessions start
 *   beside the blocks earlier ones accepted (interactive runs answer "resume the unfinished selection, or start the one asked for?" either way);
 * - `restart-yes` and `restart-interactive`: one run in the middle starts over (`--restart`, or `n` to the resume
 *   question), and may itself be killed anywhere, including between its backup and its state save.
 *
 * After every run, scripts/fault-injection-check.mjs checks the invariants (nothing accepted lost — except into a
 * restart's backup —, nothing duplicated, hashes as recorded, no stray locks); see that file. A resumed session that
 * reports accepted sections missing from the file is a failure too.
 *
 * Usage: npm run fault-injection -- [--runs 60] [--seed N] [--steps 1-10] [--kinds yes,steps-yes,...] [--repo DIR]
 * [--verbose] [--keep]. `--runs` counts delivered kills; `--repo` runs on a copy of another repository instead of
 * examples/kv-store. Exit status 1 when any check failed. Needs `npm run build` (the npm script does it).
 *
 * Mid-write kills use the test-only hook PROJECT_CONTEXT_TEST_DELAY_WRITE_MS (src/output/atomic.ts): each atomic write
 * pauses between its complete temp file and the rename, and this script kills the wizard when it sees the temp file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/kv-store');

const KINDS_ALL = ['yes', 'interactive', 'steps-yes', 'steps-interactive', 'restart-yes', 'restart-interactive'];
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
const { checkRun, newTracker, sha256 } = await import('./fault-injection-check.mjs');
const { readFactRecord } = await import(path.join(BUILD, 'dist/src/check/fact-record.js'));

const random = mulberry32(args.seed);
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (lo, hi) => lo + random() * (hi - lo);
const log = (line) => process.stdout.write(`${line}\n`);

const totals = { kills: 0, runs: 0, resumes: 0, headless: 0, interactive: 0, restarts: 0, failures: [], byMode: {}, byKind: {}, lost: 0, duplicated: 0 };
const started = Date.now();
log(`fault injection: ${args.runs} kills, seed ${args.seed}, kinds ${args.kinds.join(',')}${args.steps ? `, steps ${args.steps}` : ''}${args.repo ? `, on ${args.repo}` : ''}`);

/** Typical durations, learnt from runs that were not killed, to spread random kills over a whole run. */
const typical = { headless: 1500, interactive: 3500 };

for (let scenario = 1; totals.kills < args.runs; scenario++) {
  // In turn, so even a short run covers every kind.
  await runScenario(scenario, args.kinds[(scenario - 1) % args.kinds.length]);
}

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const modes = Object.entries(totals.byMode).map(([m, n]) => `${m} ${n}`).join(', ');
const kinds = Object.entries(totals.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
log('');
log(`${totals.runs} runs: ${totals.kills} killed with SIGKILL (${modes}), ${totals.resumes} resumes; ` +
  `${totals.headless} --yes runs, ${totals.interactive} interactive runs, ${totals.restarts} restarts; kills by scenario: ${kinds}; ${seconds} s`);
log(`${totals.lost} lost blocks, ${totals.duplicated} duplicated blocks`);
log(`${totals.failures.length} failures`);
for (const f of totals.failures) log(`  FAIL ${f}`);
rmSync(BUILD, { recursive: true, force: true });
process.exit(totals.failures.length > 0 ? 1 : 0);

// ---------------------------------------------------------------------------------------------------------------

async function runScenario(n, kind) {
  const repo = makeRepo();
  const files = { output: path.join(repo, 'PROJECT-CONTEXT.md'), record: path.join(repo, 'PROJECT-CONTEXT.facts.json'), state: path.join(repo, '.project-context/state.json') };
  const editor = makeEditor(repo);
  const tracker = newTracker();
  const interactive = kind.endsWith('interactive');
  const selections = kind.startsWith('steps') ? twoSelections() : [undefined];
  const restartRound = kind.startsWith('restart') ? 2 + Math.floor(random() * 2) : 0;
  let killsLeft = (kind.startsWith('restart') ? 2 : 1) + Math.floor(random() * 3);
  const used = new Set();
  try {
    for (let round = 1; ; round++) {
      const restart = round === restartRound;
      const selection = round === 1 ? selections[0] : pick(selections);
      used.add(selection);
      const modes = restart ? ['random', 'state-write', 'after-backup', 'after-backup', 'output-write'] : ['random', 'random', 'output-write', 'state-write', 'record-write', 'between-writes'];
      const mode = killsLeft > 0 && totals.kills < args.runs ? pick(modes) : 'none';
      const run = { repo, files, mode, selection, restart, editor, mayRestart: kind === 'restart-interactive' && round >= restartRound };
      const label = `scenario ${n} ${kind} run ${round}${selection ? ` --steps ${selection}` : ''}${restart ? ' --restart' : ''} (${mode === 'none' ? 'to the end' : `kill: ${mode}`})`;
      const result = interactive ? await interactiveRun(run) : await headlessRun(run);
      totals.runs += 1;
      totals[interactive ? 'interactive' : 'headless'] += 1;
      if (round > 1) totals.resumes += 1;
      if (restart || result.restarted) {
        tracker.restarted = true;
        totals.restarts += 1;
      }
      if (result.killed) {
        totals.kills += 1;
        killsLeft -= 1;
        totals.byMode[mode] = (totals.byMode[mode] ?? 0) + 1;
        totals.byKind[kind] = (totals.byKind[kind] ?? 0) + 1;
      }
      const sessionDone = (!result.killed && result.code === 0 && !result.quit) || (result.killed && sessionComplete(files));
      const found = checkRun({ parseOutput, loadState, readFactRecord }, files, tracker, { finished: sessionDone, clean: sessionDone && !result.killed });
      const problems = [...result.problems.map((message) => ({ kind: 'other', message })), ...found];
      if (/(was|were) accepted, but (its|their) sections? (is|are) (no longer|gone)/.test(result.stderr)) {
        problems.push({ kind: 'lost', message: `the run found accepted sections missing from the file: ${result.stderr.match(/[^\n]*accepted, but[^\n]*/)?.[0]}` });
      }
      if (!result.killed && result.code !== null && result.code !== 0) problems.push({ kind: 'other', message: `exit code ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}` });
      if (round > 14) problems.push({ kind: 'other', message: 'the scenario did not finish after 14 runs' });
      for (const p of problems) {
        if (p.kind === 'lost') totals.lost += 1;
        if (p.kind === 'duplicated') totals.duplicated += 1;
      }
      if (args.verbose || problems.length > 0) {
        const how = result.killed ? `killed after ${result.ms} ms` : `exit ${result.code} after ${result.ms} ms${result.quit ? ' (quit)' : ''}`;
        log(`${label}: ${how}; ${describe(files)}${problems.length ? ' — FAILED' : ''}`);
      }
      for (const p of problems) {
        totals.failures.push(`${label}: ${p.message}`);
        log(`  FAIL ${p.message}`);
      }
      // Done once a run finished by itself after every selection and the restart had their turn.
      const done = !result.killed && sessionDone && used.size === selections.length && round >= restartRound;
      if (done && !args.verbose) log(`scenario ${n} ${kind}: ${round} runs, ${problems.length ? 'FAILED' : `finished; ${describe(files)}`}`);
      if (problems.length > 0 || done) return;
    }
  } finally {
    if (!args.keep) rmSync(repo, { recursive: true, force: true });
    rmSync(editor, { force: true });
  }
}

/** Two different non-empty `--steps` selections of the steps in play, e.g. "1,3,4" and "2,3". */
function twoSelections() {
  const all = args.steps ? expandSteps(args.steps) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const subset = () => {
    const chosen = all.filter(() => random() < 0.5);
    return chosen.length > 0 ? chosen : [pick(all)];
  };
  const a = subset();
  let b = subset();
  for (let i = 0; i < 5 && b.join() === a.join(); i++) b = subset();
  return [a.join(','), b.join(',')];
}

function expandSteps(list) {
  return [...new Set(list.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
  }))].sort((x, y) => x - y);
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

function cliArgs({ repo, selection, restart }) {
  const steps = selection ?? args.steps;
  return [CLI, repo, ...(steps ? ['--steps', steps] : []), ...(restart ? ['--restart'] : [])];
}

function envFor(mode) {
  const env = { ...process.env };
  delete env.CI;
  delete env.VISUAL;
  delete env.GITHUB_ACTIONS;
  if (mode === 'output-write' || mode === 'state-write' || mode === 'record-write' || mode === 'between-writes' || mode === 'after-backup') env.PROJECT_CONTEXT_TEST_DELAY_WRITE_MS = '40';
  return env;
}

/**
 * Watches for the temp files of atomic writes by process `pid` and calls `kill` when the mode's moment comes:
 * the k-th output write, the k-th state write, the k-th write of the fact record, or the first state write after an
 * output write (the moment between "block written" and "accepted saved").
 */
function watchWrites(files, pid, mode, kill) {
  const k = mode === 'output-write' ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 12);
  const seen = { output: new Set(), state: new Set(), record: new Set() };
  const tag = new RegExp(`\\.tmp-${pid}[.-]`);
  // A restart's backup goes to the session folder (beside the state file).
  const backups = () => {
    let n = 0;
    for (const dir of new Set([path.dirname(files.output), path.dirname(files.state)])) {
      try {
        n += readdirSync(dir).filter((name) => name.startsWith(`${path.basename(files.output)}.bak-`)).length;
      } catch {
        /* no such folder yet */
      }
    }
    return n;
  };
  const backupsBefore = backups();
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
    scan(files.record, seen.record);
    const hit =
      (mode === 'output-write' && seen.output.size >= k) ||
      (mode === 'state-write' && seen.state.size >= k) ||
      (mode === 'between-writes' && seen.output.size > 0 && seen.state.size > stateBefore && outputBefore > 0) ||
      (mode === 'record-write' && seen.record.size >= Math.min(k, 3)) ||
      // A restart's backup is made, its new state is being saved (paused by the hook), the old file not yet removed.
      (mode === 'after-backup' && backups() > backupsBefore);
    if (hit) {
      clearInterval(timer);
      kill();
    }
  }, 2);
  return () => clearInterval(timer);
}

function headlessRun(run) {
  const { files, mode } = run;
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [...cliArgs(run), '--yes'], { env: envFor(mode), stdio: ['ignore', 'pipe', 'pipe'] });
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

async function interactiveRun(run) {
  const { files, mode, editor } = run;
  const { spawn: spawnPty } = await import('@lydell/node-pty');
  const { default: xterm } = await import('@xterm/headless');
  const cols = 110;
  const rows = 34;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const t0 = Date.now();
  const env = { ...envFor(mode), TERM: 'xterm-256color', EDITOR: editor };
  const pty = spawnPty(process.execPath, cliArgs(run), { name: 'xterm-256color', cols, rows, cwd: ROOT, env });
  let raw = '';
  let exit;
  let killed = false;
  /** The SIGKILL reached a live process (node-pty does not always report the signal in its exit event). */
  let delivered = false;
  let quit = false;
  let restarted = false;
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
    const flat = s.replace(/\s+/g, '');
    if (!answeredResume && /Resumeatstep\d+.*\(Y\/n\)/.test(flat)) {
      answeredResume = true;
      // In a restart scenario, "n" sometimes: start over (the output is backed up and removed).
      if (run.mayRestart && !run.restart && random() < 0.3) {
        restarted = true;
        pty.write('n\r');
      } else pty.write('\r');
      continue;
    }
    // Another --steps selection is unfinished: resume it, or start this one beside the file as it is.
    if (!answeredResume && /Anunfinishedsessionforsteps[\d,]+stoppedatstep\d+\..*Startthestepsaskedfornowinstead/.test(flat)) {
      answeredResume = true;
      // A list: Enter resumes the other selection, down and Enter starts this one.
      pty.write(random() < 0.5 ? '\r' : '\x1b[B\r');
      continue;
    }
    // The same selection again after it finished: the first choice reviews the skipped steps (or every step) again.
    if (!answeredResume && /Thissessionisfinished:.*Whatnow\?/.test(flat)) {
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
  return { killed: killed && !timedOut && (signal === 9 || delivered), code: timedOut ? null : exitCode, stderr: plainText(raw), ms, problems, quit: quit && !killed, restarted };
}

/** What the terminal received, without escape sequences, for the checks on what the wizard said. */
function plainText(raw) {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b./g, '');
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
  const out = { runs: 60, seed: Date.now() % 1_000_000, steps: undefined, kinds: KINDS_ALL, repo: undefined, verbose: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') out.runs = Number(argv[++i]);
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (a === '--steps') out.steps = argv[++i];
    else if (a === '--kinds') out.kinds = argv[++i].split(',').filter((k) => KINDS_ALL.includes(k));
    else if (a === '--repo') out.repo = path.resolve(argv[++i]);
    else if (a === '--verbose') out.verbose = true;
    else if (a === '--keep') out.keep = true;
    else {
      console.error(`unknown option ${a}; usage: fault-injection.mjs [--runs N] [--seed N] [--steps LIST] [--kinds ${KINDS_ALL.join(',')}] [--repo DIR] [--verbose] [--keep]`);
      process.exit(2);
    }
  }
  if (!(out.runs > 0)) out.runs = 60;
  if (out.kinds.length === 0) out.kinds = KINDS_ALL;
  return out;
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
