/**
 * No quadratic pass over a file's lines (issue 18, case 7: 110,000 npm scripts took 229 s, as the scripts detector
 * counted the lines before each script from offset 0, and the wizard ignored Ctrl+C meanwhile). Each hostile input
 * below is analysed at two sizes, n and 4n: linear work grows about 4 times, a quadratic pass 16 times. The shortest CPU
 * time of several runs is compared, so other processes on the machine do not decide the result.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analysis } from '../../src/analysis/run-detectors.js';
import { ciDetector } from '../../src/detectors/ci/index.js';
import { databaseRuntimeDetector } from '../../src/detectors/database-runtime/index.js';
import { readmeDetector } from '../../src/detectors/readme/index.js';
import { scriptsDetector, type ScriptFact } from '../../src/detectors/scripts/index.js';
import { stackDetector } from '../../src/detectors/stack/index.js';
import { jsonKeyOffsets } from '../../src/scan/json-keys.js';
import { LineIndex } from '../../src/scan/line-index.js';
import { buildIndex, type RepoIndex } from '../../src/scan/repo-index.js';
import { generateSection } from '../../src/steps/generate.js';
import { STEPS } from '../../src/steps/registry.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-quadratic-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function repoWith(files: Record<string, string>): Promise<RepoIndex> {
  return buildIndex(folderWith(files));
}

/**
 * A package.json with `n` scripts (named in base 36) and `n / 100` dependencies, one per line, under the 1.5 MB read
 * limit; every `migrateEvery`-th script runs migrations (the database step cites those).
 */
function manifest(n: number, migrateEvery = 0): string {
  const command = (i: number) => (migrateEvery > 0 && i % migrateEvery === 0 ? 'dbmate up' : 'a');
  const scripts = Array.from({ length: n }, (_, i) => `"${i.toString(36)}":"${command(i)}"`).join(',\n');
  const deps = Array.from({ length: n / 100 }, (_, i) => `"d${i}":"1"`).join(',\n');
  return `{"name":"big","description":"Big.","dependencies":{\n${deps},\n"react":"18"},\n"scripts":{\n${scripts}}}\n`;
}

/** CPU time of a run in milliseconds: other processes on the machine stretch wall time, not this. */
function timed(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Work at 4n over work at n, each the shortest of several runs: about 4 when linear, 16 when quadratic.
 */
async function growth(files: (n: number) => Record<string, string>, n: number, work: (index: RepoIndex) => void): Promise<number> {
  const small = folderWith(files(n));
  const large = folderWith(files(4 * n));
  // Each run on a fresh index: an index memoises what it parsed, so a second run on the same one measures a lookup.
  const run = async (dir: string): Promise<number> => {
    const index = await buildIndex(dir);
    return timed(() => work(index));
  };
  await run(small); // warm the code paths up before timing
  let base = Infinity;
  for (let i = 0; i < 5; i++) base = Math.min(base, await run(small));
  base = Math.max(base, 5); // below a few milliseconds, timer noise decides
  let best = await run(large);
  // More runs only while the result is unclear: below 6 it is linear, from 12 on quadratic (minutes per run).
  for (let i = 1; i < 5 && best / base >= 6 && best / base < 12; i++) best = Math.min(best, await run(large));
  if (process.env.SHOW_GROWTH) console.log(`growth ×${(best / base).toFixed(1)} (${base.toFixed(0)} ms at n, ${best.toFixed(0)} ms at 4n)`);
  return best / base;
}

describe('no quadratic pass over a file', { timeout: 120_000 }, () => {
  it('110,000 npm scripts are analysed in seconds, each cited at its own line', async () => {
    const text = manifest(110_000);
    expect(text.length).toBeLessThan(1_500_000);
    const index = await repoWith({ 'package.json': text });
    const started = performance.now();
    const analysis = new Analysis(index);
    for (const step of STEPS) if (step.definition) generateSection(step.definition, analysis);
    // Every step of the wizard, on one machine shared with other test runs: the quadratic version took 229 s.
    expect(performance.now() - started).toBeLessThan(30_000);
    // The work, counted: the manifest is read through the index, and each script's line is one lookup in the file's
    // line index (a binary search), not a count of the line breaks before it.
    const calls = { read: 0, lineAt: 0 };
    const counted = new Proxy(index, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === 'read' || key === 'lineAt') {
          return (...args: unknown[]) => {
            calls[key] += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const scripts = scriptsDetector.detect(counted).filter((f): f is ScriptFact => f.kind === 'scripts.script');
    expect(calls.read).toBeLessThanOrEqual(1);
    expect(calls.lineAt).toBe(110_000);
    expect(scripts).toHaveLength(110_000);
    const name = (109_999).toString(36);
    const last = scripts.find((s) => s.data.name === name);
    expect(last?.data.line).toBe(text.split('\n').findIndex((l) => l.startsWith(`"${name}"`)) + 1);
  });

  it('scripts and dependencies of package.json: linear', async () => {
    expect(await growth((n) => ({ 'package.json': manifest(n, 10) }), 25_000, (index) => {
      scriptsDetector.detect(index);
      stackDetector.detect(index);
      databaseRuntimeDetector.detect(index);
    })).toBeLessThan(9);
  });

  it('a README of thousands of paragraphs and an HTML block of thousands of headings: linear', async () => {
    const readme = (n: number) => {
      const paragraphs = Array.from({ length: n }, (_, i) => `Paragraph ${i} says something.`).join('\n\n');
      const html = Array.from({ length: n / 4 }, (_, i) => `<h3>Part ${i}</h3>`).join('\n');
      return { 'package.json': '{"name":"r"}', 'README.md': `# Big\n\nA big readme.\n\n<div>\n${html}\n</div>\n\n${paragraphs}\n` };
    };
    expect(await growth(readme, 10_000, (index) => readmeDetector.detect(index))).toBeLessThan(9);
  });

  it('a CI file with thousands of variables and steps: linear', async () => {
    const workflow = (n: number) => {
      let yml = 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n';
      for (let i = 0; i < n; i++) yml += `      V${i}: x\n`;
      yml += '    steps:\n';
      for (let i = 0; i < n / 4; i++) yml += `      - run: echo ${i}\n`;
      return { 'package.json': '{}', '.github/workflows/ci.yml': yml };
    };
    expect(await growth(workflow, 10_000, (index) => ciDetector.detect(index))).toBeLessThan(9);
  });

  it('the shared helpers find lines and keys right', () => {
    const lines = new LineIndex('a\nbc\n\nd');
    expect([0, 1, 2, 3, 4, 5, 6, 99].map((o) => lines.lineAt(o))).toEqual([1, 1, 2, 2, 2, 3, 4, 4]);
    const keys = jsonKeyOffsets('{"a":{"b":1,"c":[{"d":"\\"x"}]},"e\\u0041":"a:b","b":2}');
    expect([...keys.keys()]).toEqual(['a', 'a\u0000b', 'a\u0000c', 'a\u0000c\u0000[]\u0000d', 'eA', 'b']);
  });
});
