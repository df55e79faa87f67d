import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { STEP_COUNT } from '../steps/titles.js';
import { DETAIL_VALUES, type Detail } from '../steps/budget/limits.js';

export interface CliOptions {
  readonly dir: string;
  readonly yes: boolean;
  readonly output?: string;
  readonly state?: string;
  readonly restart: boolean;
  /** Selected step numbers in order; every step when the flag is absent. */
  readonly steps: readonly number[];
  readonly stepsGiven: boolean;
  readonly vision?: string;
  /** `--detail full`: no size budget. */
  readonly detail: Detail;
  /** `--focus PATH`: one package or folder in full, the others summarised. */
  readonly focus?: string;
  readonly editor?: string;
  readonly help: boolean;
  readonly version: boolean;
  /** Print every step's facts as JSON; no prompts, no writes. */
  readonly json: boolean;
  /** Compare PROJECT-CONTEXT.md with the code; exit 3 when it drifted. */
  readonly check: boolean;
  /** With --check: show what regenerating each drifted section would change. */
  readonly diff: boolean;
  /** `project-context config [key] [value]`: show or change user settings. */
  readonly config?: readonly string[];
  /** `project-context mcp [dir]`: serve the map to AI assistants over stdio. */
  readonly mcp: boolean;
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        yes: { type: 'boolean', short: 'y', default: false },
        output: { type: 'string', short: 'o' },
        state: { type: 'string' },
        restart: { type: 'boolean', default: false },
        steps: { type: 'string' },
        vision: { type: 'string' },
        detail: { type: 'string' },
        focus: { type: 'string' },
        editor: { type: 'string' },
        json: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(plainArgError(error));
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'config') {
    return { ...defaults(), config: positionals.slice(1), help: values.help ?? false };
  }
  if (positionals[0] === 'mcp') {
    if (values.yes || values.check || values.json || values.restart || values.steps !== undefined) {
      throw new UsageError('project-context mcp takes a folder and --output only: it serves every step and never writes.');
    }
    if (positionals.length > 2) throw new UsageError(`Expected one folder after mcp, got ${positionals.length - 1}: ${positionals.slice(1).join(' ')}.`);
    return { ...defaults(), mcp: true, dir: positionals[1] ?? '.', output: nonEmpty(values.output, '--output'), state: nonEmpty(values.state, '--state'), vision: nonEmpty(values.vision, '--vision'), help: values.help ?? false };
  }
  if (values.diff && !values.check) throw new UsageError('--diff goes with --check: project-context --check --diff.');
  if (values.yes && values.check) throw new UsageError('--check only reads; it cannot be combined with --yes.');
  if (values.restart && (values.check || values.json)) throw new UsageError('--restart starts a wizard session; --check and --json only read.');
  if (positionals.length > 1) {
    throw new UsageError(`Expected one folder, got ${positionals.length}: ${positionals.join(' ')}.`);
  }
  return {
    dir: positionals[0] ?? '.',
    yes: values.yes ?? false,
    output: nonEmpty(values.output, '--output'),
    state: nonEmpty(values.state, '--state'),
    restart: values.restart ?? false,
    steps: values.steps === undefined ? allSteps() : parseStepList(values.steps),
    stepsGiven: values.steps !== undefined,
    vision: nonEmpty(values.vision, '--vision'),
    detail: parseDetail(values.detail),
    focus: nonEmpty(values.focus, '--focus'),
    editor: nonEmpty(values.editor, '--editor'),
    help: values.help ?? false,
    version: values.version ?? false,
    json: values.json ?? false,
    check: values.check ?? false,
    mcp: false,
    diff: values.diff ?? false,
  };
}

function defaults(): CliOptions {
  return { dir: '.', yes: false, restart: false, steps: allSteps(), stepsGiven: false, detail: 'budget', help: false, version: false, json: false, check: false, diff: false, mcp: false };
}

function parseDetail(value: string | undefined): Detail {
  if (value === undefined) return 'budget';
  const v = value.trim().toLowerCase();
  if ((DETAIL_VALUES as readonly string[]).includes(v)) return v as Detail;
  throw new UsageError(`--detail takes ${DETAIL_VALUES.join(' or ')}; "${value}" is neither.`);
}

function allSteps(): number[] {
  return Array.from({ length: STEP_COUNT }, (_, i) => i + 1);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return value;
}

/** `1,2`, `3-5`, `1,3-5,10` → sorted unique step numbers within 1..STEP_COUNT. */
export function parseStepList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = part.match(/^(\d+)\s*-\s*(\d+)$/);
    const single = part.match(/^\d+$/);
    if (!range && !single) {
      throw new UsageError(`--steps takes numbers and ranges like 1,2 or 3-5; "${part}" is neither.`);
    }
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : [Number(part), Number(part)];
    if (from > to) throw new UsageError(`--steps range ${part} goes backwards; write ${to}-${from}.`);
    for (let n = from; n <= to; n++) {
      if (n < 1 || n > STEP_COUNT) throw new UsageError(`There is no step ${n}; steps are 1 to ${STEP_COUNT}.`);
      out.add(n);
    }
  }
  if (out.size === 0) throw new UsageError('--steps needs at least one step number.');
  return [...out].sort((a, b) => a - b);
}

function plainArgError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = message.match(/Unknown option '([^']+)'/);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = message.match(/Option '([^']+?)(?: <value>)?' argument missing/);
  if (missing) return `${missing[1].replace(/^-\w, /, '')} needs a value.`;
  return message.replace(/\. To specify.*$/s, '.');
}
