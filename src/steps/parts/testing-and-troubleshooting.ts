import type { ConfigFileFact } from '../../detectors/config-files/index.js';
import type { PackageManager } from '../../detectors/scripts/index.js';
import type { TestSetupFact } from '../../detectors/testing/index.js';
import type { TroubleshootingFact } from '../../detectors/troubleshooting/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, escaped, oneLine } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import { noneOr } from './claims.js';
import { unsetVarsBlocks } from './env-vars.js';
import { value } from './format.js';
import { runScript } from './run-commands.js';
import { byRole } from './roles.js';

/** Per package: framework, config, where tests live, and the commands to run them (all, or one file). */
export function testingSection(model: StepModel, pm: PackageManager, setups: readonly TestSetupFact[]): string {
  const { index } = model;
  const withTests = setups.filter((s) => s.data.testFileCount > 0 || s.data.configFiles.length > 0);
  if (withTests.length === 0) {
    const frameworks = [...new Set(setups.flatMap((s) => s.data.frameworks))];
    const tooling = frameworks.length ? `Test tooling is installed (${frameworks.join(', ')})` : '';
    return join(
      heading(3, 'Testing'),
      noneOr(
        model,
        'tests',
        tooling ? `${tooling} but no test files were found.` : 'No tests or test framework found.',
        tooling ? `${tooling}; test files exist outside the setups this step maps:` : 'Test files exist outside the test setups this step maps:',
      ),
    );
  }
  const rows = byRole(index, withTests, (s) => s.data.dir).map((s) => {
    const d = s.data;
    const where = d.locations.map((l) => `${cite(l.dir)} (${l.count}${subFolders(l.folders)}${l.colocated ? ', beside the code' : ''}${l.runner ? `, ${l.runner}` : ''})`).join(', ') || '—';
    if (d.runBy) {
      // Run from the root: its config covers this package, and paths are the root's.
      const root = d.runBy.script ? runScript(index, pm, d.runBy.package, 'test') : d.runBy.framework === 'Jest' ? 'npx jest' : 'npx vitest run';
      const configs = [...d.configFiles.map((f) => cite(f)), `${cite(d.runBy.config)} (root)`].join(', ');
      const one = d.sample && !(d.runBy.script && filtersPaths(d.runBy.script)) ? code(withArgs(root, d.sample)) : '—';
      return [oneLine(d.package || 'root'), d.frameworks.join(', '), configs, where, `${code(root)} at the root`, one];
    }
    const name = d.scriptName ?? 'test';
    const also = (d.otherScripts ?? []).slice(0, 2).map((k) => code(runScript(index, pm, d.package, k)));
    // A `test` script that runs the package's own node runners: where it says so.
    const by = d.scriptAt ? ` (${cite(d.scriptAt)})` : '';
    const run = d.script ? `${code(runScript(index, pm, d.package, name))}${by}${also.length ? `; also ${also.join(', ')}` : ''}` : '—';
    const sample = d.sample && (d.dir ? d.sample.slice(d.dir.length + 1) : d.sample);
    // A config only a script names: Jest is started with it directly, in the package's folder.
    const named = sample && d.sampleConfig ? `${d.dir ? `cd ${d.dir} && ` : ''}npx jest --config ${d.sampleConfig} ${sample}` : undefined;
    const oneFile = named ?? (sample && d.script ? oneFileCommand(runScript(index, pm, d.package, name), d.script, d.frameworks, d.dir, sample) : undefined);
    const one = oneFile ? code(oneFile) : '—';
    return [oneLine(d.package || 'root'), d.frameworks.join(', ') || '—', d.configFiles.map((f) => cite(f)).join(', ') || '—', where, run, one];
  });
  const root = setups.find((s) => s.data.dir === '' && s.data.script);
  return join(
    heading(3, 'Testing'),
    table(['Package', 'Framework', 'Config', 'Tests in (files)', 'Run', 'Run one file'], rows),
    // The script it is (`test-unit` is `npm run test-unit`, never `npm test`).
    root && index.packages.length > 1 && rootTestLine(runScript(index, pm, root.data.package, root.data.scriptName ?? 'test'), root.data.script!),
  );
}

/** `: e2e, integration, unit`, the folders a test folder's files are split into. */
export function subFolders(folders: readonly string[] | undefined): string {
  return folders?.length ? `: ${folders.map((f) => escaped(f)).join(', ')}` : '';
}

/** A root script that runs every workspace's own `test` script (turbo, nx, lerna, pnpm -r, npm/yarn workspaces). */
const RECURSIVE = /\b(turbo|nx)\s+(run|run-many|affected)\b|\blerna\s+run\b|\bpnpm\s+(-r|--recursive|--filter)\b|\s--workspaces?\b|\s-ws\b|\byarn\s+workspaces\s+(foreach|run)\b/;

/** "All packages" only when the root's script runs every package's tests; otherwise it is the root's own runner. */
function rootTestLine(command: string, script: string): string {
  return RECURSIVE.test(script) ? `All packages: ${code(command)} runs ${value(script)}.` : `At the root: ${code(command)} runs ${value(script)}.`;
}

/** What the repository's docs already say about problems, then what a fresh setup needs (env vars, Node version). */
export function troubleshootingSection(model: StepModel, docs: readonly TroubleshootingFact[], configs: readonly ConfigFileFact[]): string {
  const blocks: string[] = [];
  const sorted = [...docs].sort((a, b) => (a.data.file < b.data.file ? -1 : a.data.file > b.data.file ? 1 : a.data.line - b.data.line));
  // A FAQ of decisions already made is no fix for a problem: named once, as what it is, not listed as troubleshooting.
  const problems = sorted.filter((d) => !d.data.decisions);
  const decisions = sorted.filter((d) => d.data.decisions);
  for (const d of problems) {
    const entries = d.data.entries.map((e) => `${oneLine(e.text)} (${cite(d.data.file, e.line)})`);
    blocks.push(join(`**${oneLine(d.data.heading)}** — ${cite(d.data.file, d.data.line)}${entries.length ? ':' : ''}`, bullets(entries)));
  }
  if (problems.length === 0) blocks.push(decisions.length ? 'The README and docs have no troubleshooting section.' : 'The README and docs have no troubleshooting or FAQ section.');
  if (decisions.length) {
    const shown = decisions.slice(0, 3).map((d) => cite(d.data.file, d.data.line)).join(', ');
    blocks.push(`FAQ sections that record design decisions rather than problems: ${shown}${decisions.length > 3 ? ` (+${decisions.length - 3} more)` : ''}.`);
  }
  const unset = unsetVarsBlocks(model);
  if (unset) blocks.push(unset);
  const node = configs.filter((c) => c.data.category === 'node-version');
  if (node.length) blocks.push(`**Node version:** use ${node.map((c) => `${c.data.items.map(oneLine).join(', ')} from ${cite(c.data.file)}`).join('; ')}; a different major version is a common cause of install and build errors.`);
  return join(heading(3, 'Troubleshooting'), ...blocks);
}

/** Runner options that take the next word as their value (`--config jest.e2e.json`), so it is no path filter. */
const VALUED = new Set(['--config', '-c', '--maxWorkers', '-w', '--testNamePattern', '-t', '--selectProjects', '--shard', '--testTimeout', '--reporters', '--reporter', '-R', '--outputFile', '--coverageDirectory', '--rootDir', '--root', '--dir', '--project', '--environment', '--env', '--pool', '--require', '-r', '--timeout', '--grep', '-g', '--spec', '--ignore', '--exclude', '--extension', '--mode']);

/**
 * A test script whose runner already gets a path filter (`jest --testPathPattern=apps/api/src`, `vitest run src/`,
 * `mocha test/unit`): Jest joins the patterns with `|` and Vitest and Mocha run the union, so one more file named after
 * it still runs all of those tests (jestjs.io/docs/cli#jest-regexfortestfiles). No "one file" command is offered then.
 */
function filtersPaths(script: string): boolean {
  for (const m of script.matchAll(/(?:^|[\s/])(jest|vitest|mocha|ava)(?=\s|$)([^&|;]*)/g)) {
    const words = m[2].trim().split(/\s+/).filter(Boolean);
    if (m[1] === 'vitest' && /^(run|watch|dev)$/.test(words[0] ?? '')) words.shift();
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (/^--testPathPatterns?(=|$)/.test(w)) return true;
      if (w.startsWith('-')) {
        if (!w.includes('=') && VALUED.has(w)) i++;
        continue;
      }
      return true;
    }
  }
  return false;
}

/** Scripts whose extra arguments would reach only their last command, or another script, not the test runner. */
const CHAINED = /&&|\|\||;|\b(npm|yarn|pnpm|bun)\s+(run\s+)?[\w:-]+|\brun-[sp]\b|npm-run-all|concurrently/;
const ELSEWHERE = /(^|\s)(--dir|--prefix|-C|--cwd|--config|-c|--root|--rootDir)(\s|=)|\bcd\s/;
const DIRECT: Readonly<Record<string, string>> = { Jest: 'npx jest', Vitest: 'npx vitest run', Mocha: 'npx mocha' };

/**
 * A script run given one more argument: npm needs `--` before it, while pnpm and yarn (berry) hand a `--` on to the
 * script literally (`vitest run -- x.test.ts` then runs every test), so for them the file follows the script name.
 * The tool is the one the command runs (`cd web && npm test` inside a pnpm repository is npm's).
 */
/** A build output folder as a command argument: `./dist`, `dist/**\/*.test.js`, `build/`. */
const BUILT_FOLDER = /\s(?:\.\/)?(?:dist|build|out|\.build)(?:\/|\s|$)/;

function withArgs(run: string, file: string): string {
  const last = run.split('&&').pop()!.trim();
  return /^(pnpm|yarn)\s/.test(last) ? `${run} ${file}` : `${run} -- ${file}`;
}

/**
 * `npm test -- file` (`pnpm test file`) when the test script is the runner itself; when it chains commands or calls other scripts the file
 * would go to the last of them, so the runner is named directly, in the package's folder.
 */
function oneFileCommand(run: string, script: string, frameworks: readonly string[], dir: string, sample: string): string | undefined {
  // `node --test ./dist`: the script runs compiled output, where a source file passed along is neither found nor alone.
  if (BUILT_FOLDER.test(script) && !BUILT_FOLDER.test(` ${sample}`)) return undefined;
  if (!CHAINED.test(script)) return filtersPaths(script) ? undefined : withArgs(run, sample);
  const direct = frameworks.map((f) => DIRECT[f]).find(Boolean);
  // `pnpm --dir ../.. exec vitest run --config vitest.config.ts apps/mobile`: run elsewhere or with a config named,
  // the runner started in the package's folder would not be the same run.
  if (!direct || ELSEWHERE.test(script)) return undefined;
  return `${dir ? `cd ${dir} && ` : ''}${direct} ${sample}`;
}
