/**
 * How long the map may be. PROJECT-CONTEXT.md is read whole by people and by AI assistants, so by default the file
 * fits 4,000 lines and 200 KB on any repository: each step has its own share (below), and what does not fit is
 * summarised by `fitSection` (fit.ts), never silently cut.
 */

export interface Budget {
  readonly lines: number;
  readonly bytes: number;
}

/** The whole file, markers included; what the step budgets below add up to, with room for the marker lines. */
export const FILE_BUDGET: Budget = { lines: 4000, bytes: 200 * 1024 };

/**
 * Each step's share. Fixed rather than borrowed from steps that need less, so a section does not change with the
 * sections around it (`--steps 5` writes what a full run writes). Steps that hold the long lists of a big monorepo
 * (packages, APIs, data, frontends, configuration) get the larger shares. They add up to 3,900 lines and 195 KB; the
 * 20 marker lines and the blank lines between blocks stay within the file budget.
 */
export const STEP_BUDGETS: Readonly<Record<number, Budget>> = {
  1: { lines: 300, bytes: 14 * 1024 },
  2: { lines: 450, bytes: 24 * 1024 },
  3: { lines: 450, bytes: 24 * 1024 },
  4: { lines: 400, bytes: 20 * 1024 },
  5: { lines: 500, bytes: 26 * 1024 },
  6: { lines: 350, bytes: 18 * 1024 },
  7: { lines: 300, bytes: 14 * 1024 },
  8: { lines: 450, bytes: 22 * 1024 },
  9: { lines: 450, bytes: 20 * 1024 },
  10: { lines: 250, bytes: 13 * 1024 },
};

/** `--detail`: `budget` (the default) fits each section in its share; `full` writes everything. */
export type Detail = 'budget' | 'full';

export const DETAIL_VALUES: readonly Detail[] = ['budget', 'full'];

export function stepBudget(step: number): Budget {
  return STEP_BUDGETS[step] ?? { lines: 400, bytes: 20 * 1024 };
}

/** Lines and UTF-8 bytes of a text as written (each line with its line break). */
export function measure(text: string): Budget {
  if (text === '') return { lines: 0, bytes: 0 };
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (text.endsWith('\n')) lines--;
  return { lines, bytes: Buffer.byteLength(text, 'utf8') + (text.endsWith('\n') ? 0 : 1) };
}

export function within(size: Budget, budget: Budget): boolean {
  return size.lines <= budget.lines && size.bytes <= budget.bytes;
}

export function describeBudget(budget: Budget): string {
  return `${budget.lines.toLocaleString('en-US')} lines, ${Math.round(budget.bytes / 1024)} KB`;
}
