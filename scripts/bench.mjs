#!/usr/bin/env node
// `npm run bench`: builds, generates synthetic monorepos (about 1,000, 5,000 and 20,000 files, committed to git, and a
// 2,000-file full-stack one: CDK, Lambda, Next.js, Express), runs the built CLI with --yes on each and on
// examples/kv-store, and prints wall time, time until step 1's section
// is ready, peak RSS, CPU time and time per step; then how time grows with file count; then the interactive path
// (first screen in a pseudo-terminal, PgDn repaint on a 2,000-line section).
//
//   node scripts/bench.mjs [--sizes 1000,5000,20000] [--runs 3] [--fresh] [--no-interactive | --no-yes] [--json FILE]
//                          [--no-fullstack] [--repo DIR]...   (real repositories to measure too, e.g. a fetched monorepo)
//   `--sizes none --no-fullstack --no-interactive --repo DIR` measures and judges only DIR.
//
// Every step of a repository of at most 2,000 files must be ready within a second (STEP_BUDGET): it is judged on every
// repository measured that is that small (the full-stack synthetic one, the 1,000-file one, kv-store, and each --repo),
// and a slower step is flagged below the table, with its CPU time (steadier than wall time on a shared machine).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo } from './bench/generate.mjs';
import { FULLSTACK_FILES, generateFullStack } from './bench/generate-fullstack.mjs';
import { measureRepaint, measureSession, measureTerminal } from './bench/interactive.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, process.env.BENCH_CLI ?? 'bin/cli.js');
const BASE = path.join(os.tmpdir(), 'project-context-bench');

const TARGETS = { wallMs20k: 6000, rssMb20k: 400, firstStepMs: 1000, pgdnMs: 50 };
/** No single step may take longer than this on a repository of up to `maxFiles` files. */
const STEP_BUDGET = { ms: 1000, maxFiles: FULLSTACK_FILES };

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const flag = (name) => process.argv.includes(`--${name}`);
const sizes = option('sizes', '1000,5000,20000').split(',').map(Number).filter((n) => n > 0);
const realRepos = process.argv.flatMap((a, i) => (a === '--repo' && process.argv[i + 1] ? [process.argv[i + 1]] : []));
const runs = Number(option('runs', '3'));

if (!existsSync(CLI)) {
  console.error('dist/bin/cli.js is missing: run `npm run bench` (it builds first).');
  process.exit(1);
}

/** One `--yes` run on a fresh output and state; returns wall time and what the CLI's timing channel reported. */
function runOnce(repo) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pc-bench-run-'));
  const timings = path.join(tmp, 'timings.jsonl');
  // The state in a `.project-context` folder, as by default: the per-file cache is written as in a real first run.
  const args = [CLI, repo, '--yes', '--output', path.join(tmp, 'out.md'), '--state', path.join(tmp, '.project-context', 'state.json')];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, PROJECT_CONTEXT_TIMINGS: timings }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`the CLI exited ${code} on ${repo}:\n${stderr}`));
      const events = readFileSync(timings, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      rmSync(tmp, { recursive: true, force: true });
      const exit = events.find((e) => e.event === 'exit');
      const steps = Object.fromEntries(events.filter((e) => e.event === 'step').map((e) => [e.step, e.stepMs]));
      const stepsCpu = Object.fromEntries(events.filter((e) => e.event === 'step').map((e) => [e.step, e.stepCpuMs]));
      // The analysis thread's own CPU (Linux only): process CPU minus V8's compiler and collector threads.
      const stepsThread = Object.fromEntries(events.filter((e) => e.event === 'step').map((e) => [e.step, e.stepThreadCpuMs ?? NaN]));
      resolve({
        wallMs,
        files: events.find((e) => e.event === 'index-built')?.files ?? 0,
        indexMs: events.find((e) => e.event === 'index-built')?.ms ?? NaN,
        step1Ms: events.find((e) => e.event === 'step' && e.step === 1)?.ms ?? NaN,
        peakRssMb: exit.maxRssKb / 1024,
        cpuMs: exit.cpuMs,
        steps,
        stepsCpu,
        stepsThread,
      });
    });
  });
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
};

async function measure(label, repo) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await runOnce(repo));
  const stepNumbers = Object.keys(all[0].steps).map(Number);
  return {
    label,
    files: all[0].files,
    wallMs: median(all.map((r) => r.wallMs)),
    wallMinMs: Math.min(...all.map((r) => r.wallMs)),
    wallMaxMs: Math.max(...all.map((r) => r.wallMs)),
    indexMs: median(all.map((r) => r.indexMs)),
    step1Ms: median(all.map((r) => r.step1Ms)),
    peakRssMb: median(all.map((r) => r.peakRssMb)),
    cpuMs: median(all.map((r) => r.cpuMs)),
    steps: Object.fromEntries(stepNumbers.map((n) => [n, median(all.map((r) => r.steps[n]))])),
    stepsCpu: Object.fromEntries(stepNumbers.map((n) => [n, median(all.map((r) => r.stepsCpu[n]))])),
    stepsThread: Object.fromEntries(stepNumbers.map((n) => [n, median(all.map((r) => r.stepsThread[n]))])),
  };
}

const fmtS = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '–');
const fmtMs = (ms) => (Number.isFinite(ms) ? String(Math.round(ms)) : '–');

function table(results) {
  const stepNumbers = [...new Set(results.flatMap((r) => Object.keys(r.steps).map(Number)))].sort((a, b) => a - b);
  const head = ['repository', 'files', 'wall s', 'wall min–max', 'CPU s', 'index ms', 'step 1 ready ms', 'peak RSS MB', ...stepNumbers.map((n) => `step ${n} ms`)];
  const rows = results.map((r) => [r.label, r.files.toLocaleString('en-US'), fmtS(r.wallMs), `${fmtS(r.wallMinMs)}–${fmtS(r.wallMaxMs)}`, fmtS(r.cpuMs), fmtMs(r.indexMs), fmtMs(r.step1Ms), fmtMs(r.peakRssMb), ...stepNumbers.map((n) => fmtMs(r.steps[n]))]);
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/**
 * Steps over the per-step budget on repositories small enough for it to apply. A step is judged by the lower of its
 * wall and CPU time: on an idle machine wall time is what the user waits (CPU can exceed it, the collector runs on a
 * second core); on a loaded one other processes inflate wall time and CPU time is the closer estimate. Both are shown.
 */
function slowSteps(results) {
  const lines = [];
  for (const r of results.filter((x) => x.files <= STEP_BUDGET.maxFiles)) {
    for (const [n, ms] of Object.entries(r.steps)) {
      const cpu = r.stepsCpu[n];
      const judged = Number.isFinite(cpu) ? Math.min(ms, cpu) : ms;
      const thread = r.stepsThread?.[n];
      const own = Number.isFinite(thread) ? `, ${fmtMs(thread)} ms on the analysis thread` : '';
      if (judged > STEP_BUDGET.ms) lines.push(`  SLOW: ${r.label} (${r.files.toLocaleString('en-US')} files) step ${n}: ${fmtMs(ms)} ms wall, ${fmtMs(cpu)} ms CPU${own} (budget ${STEP_BUDGET.ms} ms)`);
    }
  }
  const checked = results.filter((x) => x.files <= STEP_BUDGET.maxFiles).map((x) => `${x.label} (${x.files.toLocaleString('en-US')} files)`).join(', ');
  const unjudged = results.filter((x) => x.files > STEP_BUDGET.maxFiles && !x.label.startsWith('synthetic')).map((x) => `${x.label} (${x.files.toLocaleString('en-US')} files)`);
  const over = unjudged.length > 0 ? `\n  not judged, over ${STEP_BUDGET.maxFiles.toLocaleString('en-US')} files: ${unjudged.join(', ')}` : '';
  if (checked === '') return over.trim();
  return lines.length > 0
    ? `Per-step budget (≤ ${STEP_BUDGET.ms} ms up to ${STEP_BUDGET.maxFiles.toLocaleString('en-US')} files), judged on ${checked}:\n${lines.join('\n')}${over}`
    : `Per-step budget: every step within ${STEP_BUDGET.ms} ms on ${checked}.${over}`;
}

function growth(results) {
  // The size series only: the full-stack repository has another shape.
  const synthetic = results.filter((r) => /^synthetic \d/.test(r.label)).sort((a, b) => a.files - b.files);
  if (synthetic.length < 2) return '';
  const [small, big] = [synthetic[0], synthetic.at(-1)];
  const fileRatio = big.files / small.files;
  const lines = [
    `Growth ${small.files.toLocaleString('en-US')} → ${big.files.toLocaleString('en-US')} files (×${fileRatio.toFixed(1)}):`,
    `  wall ×${(big.wallMs / small.wallMs).toFixed(1)}, CPU ×${(big.cpuMs / small.cpuMs).toFixed(1)}, peak RSS ×${(big.peakRssMb / small.peakRssMb).toFixed(1)}`,
  ];
  for (let i = 1; i < synthetic.length; i++) {
    const [a, b] = [synthetic[i - 1], synthetic[i]];
    const perK = ((b.cpuMs - a.cpuMs) / (b.files - a.files)) * 1000;
    lines.push(`  marginal cost ${a.files.toLocaleString('en-US')} → ${b.files.toLocaleString('en-US')}: ${perK.toFixed(0)} ms CPU per 1,000 files`);
  }
  const linear = big.cpuMs / small.cpuMs <= fileRatio * 1.1;
  lines.push(`  at most linear: ${linear ? 'yes' : 'NO'} (CPU ratio ${(big.cpuMs / small.cpuMs).toFixed(1)} vs file ratio ${fileRatio.toFixed(1)})`);
  return lines.join('\n');
}

async function main() {
  console.log(`project-context benchmark — node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${runs} runs`);
  const repos = [];
  for (const size of flag('no-yes') ? [] : sizes) {
    const started = performance.now();
    const dir = generateMonorepo(BASE, size, { fresh: flag('fresh') });
    console.log(`  synthetic ${size}: ${dir} (${fmtS(performance.now() - started)} s to prepare)`);
    repos.push([`synthetic ${size.toLocaleString('en-US')}`, dir]);
  }
  if (!flag('no-yes') && !flag('no-fullstack')) {
    const started = performance.now();
    const dir = generateFullStack(BASE, { fresh: flag('fresh') });
    console.log(`  synthetic full-stack: ${dir} (${fmtS(performance.now() - started)} s to prepare)`);
    repos.push([`synthetic full-stack ${FULLSTACK_FILES.toLocaleString('en-US')}`, dir]);
  }
  if (!flag('no-yes')) repos.push(['examples/kv-store', path.join(ROOT, 'examples/kv-store')]);
  for (const dir of flag('no-yes') ? [] : realRepos) repos.push([path.basename(path.resolve(dir)), path.resolve(dir)]);
  const results = [];
  for (const [label, dir] of repos) {
    results.push(await measure(label, dir));
    process.stdout.write('.');
  }
  if (results.length > 0) {
    console.log('\n');
    console.log(table(results));
    console.log(`\n${growth(results)}`);
    console.log(`\n${slowSteps(results)}`);
  }

  let interactive;
  if (!flag('no-interactive')) {
    const repo2k = generateMonorepo(BASE, 2000, { fresh: flag('fresh') });
    const terminal = [];
    for (let i = 0; i < runs; i++) terminal.push(await measureTerminal(CLI, repo2k));
    const repaint = await measureRepaint(DIST);
    interactive = {
      firstPaintMs: median(terminal.map((t) => t.firstPaintMs)),
      firstStepMs: median(terminal.map((t) => t.firstStepMs)),
      terminalPgdnMs: median(terminal.map((t) => t.pgdnMs)),
      nextStepMs: median(terminal.map((t) => t.nextStepMs)),
      thirdStepMs: median(terminal.map((t) => t.thirdStepMs)),
      repaint,
    };
    console.log('\nInteractive (2,000-file synthetic repository, 110×34 pseudo-terminal):');
    console.log(`  process start → first screen: ${fmtMs(interactive.firstPaintMs)} ms`);
    console.log(`  process start → "Step 1 of" on screen: ${fmtMs(interactive.firstStepMs)} ms (target ≤ ${TARGETS.firstStepMs})`);
    console.log(`  PgDn → screen changed, in the terminal: ${fmtMs(interactive.terminalPgdnMs)} ms`);
    console.log(`  accept step 1 → step 2 on screen: ${fmtMs(interactive.nextStepMs)} ms; accept step 2 → step 3: ${fmtMs(interactive.thirdStepMs)} ms (2 s of reading each)`);
    console.log(`  2,000-line section (${repaint.rows} rows): first render ${fmtMs(repaint.firstRenderMs)} ms, PgDn repaint median ${repaint.medianMs.toFixed(1)} ms, max ${repaint.maxMs.toFixed(1)} ms (target ≤ ${TARGETS.pgdnMs}); CPU per repaint median ${repaint.cpuMedianMs.toFixed(1)} ms, max ${repaint.cpuMaxMs.toFixed(1)} ms`);
    // A whole session on the biggest repository: the memory target holds for the interactive run too, and no
    // accepted section stays on screen while the next one is written or analysed.
    const biggest = Math.max(2000, ...sizes);
    const session = await measureSession(CLI, generateMonorepo(BASE, biggest, { fresh: false }));
    interactive.session = { files: biggest, ...session };
    const gone = Math.max(...session.accepts.map((a) => a.goneMs));
    const next = Math.max(...session.accepts.map((a) => a.nextMs));
    console.log(`\nInteractive session on the ${biggest.toLocaleString('en-US')}-file repository, all ${session.accepts.length} steps accepted after 1 s of reading each:`);
    console.log(`  accepted section off the screen: slowest ${fmtMs(gone)} ms; next step on screen: slowest ${fmtMs(next)} ms (${session.accepts.map((a) => fmtMs(a.nextMs)).join(', ')})`);
    console.log(`  peak RSS ${fmtMs(session.peakRssMb)} MB (target ≤ ${TARGETS.rssMb20k})`);
  }

  const big = results.find((r) => r.label === `synthetic ${Math.max(...sizes).toLocaleString('en-US')}`);
  if (big && big.files >= 15000) {
    console.log(`\nTargets: 20k wall ${fmtS(big.wallMs)} s (≤ 6), peak RSS ${fmtMs(big.peakRssMb)} MB (≤ 400)`);
  }
  console.log(`\nLoad average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes inflate wall times; CPU time is steadier).`);
  const out = option('json', undefined);
  if (out) writeFileSync(out, JSON.stringify({ node: process.version, runs, results, interactive }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
