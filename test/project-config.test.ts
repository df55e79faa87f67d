/**
 * project-context.config.json at the analysed repository's root: `ignore` leaves files out of every step, `steps`
 * and `output` are defaults that flags override, `budget` is checked and carried to the steps. A key the tool does
 * not know or a value of the wrong shape stops the run with exit 2 and a sentence naming the key. The JSON Schema
 * shipped in the package (schema.json) is generated from the same definition.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';
import { ConfigError, parseProjectConfig, projectConfigJsonSchema } from '../src/config/project-config.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { stepBudget } from '../src/steps/budget/limits.js';
import { Analyzer } from '../src/wizard/analyzer.js';
import { resolveRunOptions } from '../src/wizard/run-options.js';
import { EXAMPLE, fixturePath, PROJECT_ROOT } from './helpers/fixture.js';
import { CLI } from './helpers/pty.js';
import { tempRepo } from './helpers/temp-repo.js';

const FIXTURE = fixturePath('config-ignore');

function problem(text: string): string {
  try {
    parseProjectConfig(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('checking the file', () => {
  it('accepts every key with good values', () => {
    expect(parseProjectConfig('{"ignore":["a/**"],"steps":[1,2],"output":"x.md","budget":{"lines":1000,"bytes":50000}}')).toEqual({
      ignore: ['a/**'],
      steps: [1, 2],
      output: 'x.md',
      budget: { lines: 1000, bytes: 50000 },
    });
    expect(parseProjectConfig('\uFEFF{"budget":"full"}')).toEqual({ budget: 'full' });
  });

  it('names an unknown key, inside budget too, and the keys it knows', () => {
    expect(problem('{"ignored":["a"]}')).toBe('project-context.config.json: unknown key "ignored" (known: "$schema", "ignore", "steps", "output", "budget").');
    expect(problem('{"budget":{"kilobytes":4}}')).toBe('project-context.config.json: unknown key "budget.kilobytes" (known: "lines", "bytes").');
  });

  it('names the key of a bad value, what it must be and what it is', () => {
    expect(problem('{"steps":[1,11]}')).toBe('project-context.config.json: "steps[1]" must be a whole number from 1 to 10; it is 11.');
    expect(problem('{"ignore":"legacy"}')).toContain('"ignore" must be a list of glob patterns');
    expect(problem('{"output":""}')).toContain('"output" must be a file path');
    expect(problem('{"budget":{"lines":0}}')).toBe('project-context.config.json: "budget.lines" must be a whole number of 200 or more (lines in the whole file); it is 0.');
    expect(problem('{"budget":{}}')).toContain('"budget" must be "full" or an object with "lines" and/or "bytes"');
    expect(problem('{"budget":"half"}')).toContain('"budget" must be "full" or an object');
    expect(problem('[1]')).toContain('must be a JSON object');
    expect(problem('{"steps": [1,}')).toContain('is not valid JSON');
  });
});

describe('schema.json', () => {
  it('is generated from the definition the tool checks with (UPDATE_GOLDEN=1 rewrites it)', () => {
    const file = path.join(PROJECT_ROOT, 'schema.json');
    const expected = `${JSON.stringify(projectConfigJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, expected);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    const schema = JSON.parse(expected);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'ignore', 'steps', 'output', 'budget']);
  });

  it('is in the package', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema.json');
  });
});

describe('the settings it gives a run', () => {
  it('steps, output, ignore and budget from the file; flags win', () => {
    const options = resolveRunOptions(parseCli([FIXTURE]));
    expect(options.steps).toEqual([1, 3]);
    expect(options.output).toBe(path.join(FIXTURE, 'docs/MAP.md'));
    expect(options.context.ignore).toEqual(['legacy/**', '**/*.generated.ts', '!legacy/keep.ts']);
    expect(options.context.budget).toEqual({ lines: 400 });
    const flags = resolveRunOptions(parseCli([FIXTURE, '--steps', '2', '--output', '/tmp/elsewhere.md']));
    expect(flags.steps).toEqual([2]);
    expect(flags.output).toBe('/tmp/elsewhere.md');
  });

  it('budget "full" is --detail full, and --detail budget wins over it', () => {
    const root = tempRepo({ 'project-context.config.json': '{"budget":"full"}' });
    expect(resolveRunOptions(parseCli([root])).context).toEqual({ detail: 'full' });
    expect(resolveRunOptions(parseCli([root, '--detail', 'budget'])).context).toEqual({});
  });

  it('budget { lines } scales every section\'s share of the file', async () => {
    const small = await (await Analyzer.open(EXAMPLE, { budget: { lines: 400 } })).section(2);
    const normal = await (await Analyzer.open(EXAMPLE, {})).section(2);
    const lines = (t: string) => t.trimEnd().split('\n').length;
    expect(stepBudget(2, { lines: 400 }).lines).toBe(45);
    expect(lines(small.markdown)).toBeLessThanOrEqual(45);
    expect(lines(normal.markdown)).toBeGreaterThan(45);
  });

  it('without a file: the defaults', () => {
    const root = tempRepo();
    const options = resolveRunOptions(parseCli([root]));
    expect(options.steps).toHaveLength(10);
    expect(options.output).toBe(path.join(root, 'PROJECT-CONTEXT.md'));
    expect(options.context).toEqual({});
  });
});

describe('ignore', () => {
  it('leaves matching files and folders out of the index; a !pattern takes one back', async () => {
    const index = await buildIndex(FIXTURE, { ignore: ['legacy/**', '**/*.generated.ts', '!legacy/keep.ts'] });
    expect(index.files.filter((f) => f.endsWith('.ts')).sort()).toEqual(['legacy/keep.ts', 'src/server.ts']);
    const all = await buildIndex(FIXTURE);
    expect(all.files).toContain('legacy/old-server.ts');
    expect(all.files).toContain('src/gen/api.generated.ts');
  });

  it('no step sees an ignored file, regenerated sections included: the legacy server is not in the API map', async () => {
    const analyzer = await Analyzer.open(FIXTURE, { ignore: ['legacy/**'] });
    for (const generated of [await analyzer.section(3), await analyzer.regenerate(3)]) {
      expect(generated.markdown).toContain('/health');
      expect(generated.markdown).not.toContain('/legacy/orders');
    }
    expect((await (await Analyzer.open(FIXTURE, {})).section(3)).markdown).toContain('/legacy/orders');
  });
});

describe('the CLI', () => {
  it('--yes writes the configured steps to the configured output', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pc-config-'));
    cpSync(FIXTURE, root, { recursive: true });
    execFileSync(process.execPath, [CLI, root, '--yes', '--state', path.join(root, '.state/state.json')], { stdio: 'pipe' });
    const text = readFileSync(path.join(root, 'docs/MAP.md'), 'utf8');
    expect(text).toContain('## 1. Project Overview');
    expect(text).toContain('/health');
    expect(text).not.toContain('/legacy/orders');
    expect(text).not.toContain('## 2.');
    expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
  });

  it('a bad file stops every mode with exit 2 naming the key', () => {
    const root = tempRepo({ 'project-context.config.json': '{"steps":[1],"outptu":"x.md"}' });
    for (const mode of [['--yes'], ['--check'], ['--json']]) {
      const run = spawnSync(process.execPath, [CLI, root, ...mode], { encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('unknown key "outptu"');
      expect(existsSync(path.join(root, 'PROJECT-CONTEXT.md'))).toBe(false);
    }
  });
});
