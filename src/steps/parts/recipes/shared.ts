/**
 * What every recipe shares: the product's own facts only (an example app's conventions are not the repository's),
 * the existing test of a file, and the shape of a recipe. A recipe is a numbered list of steps, each naming an
 * existing file to open or copy; nothing in it is a template or a guess.
 */
import type { TestSetupData, TestSetupFact } from '../../../detectors/testing/index.js';
import type { FactSet } from '../../../facts.js';
import { heading, join } from '../../../markdown/blocks.js';
import { cite } from '../../../markdown/cite.js';
import type { StepModel } from '../../../model/repo-model.js';
import type { RepoIndex } from '../../../scan/repo-index.js';
import { Owners } from '../../budget/owners.js';

export interface RecipeInput {
  readonly model: StepModel;
  readonly index: RepoIndex;
  readonly facts: FactSet;
  /** The file or folder belongs to the product (not an example, test, fixture, benchmark, docs site or tooling). */
  readonly product: (path: string) => boolean;
  readonly tests: TestFinder;
}

export function recipeInput(model: StepModel): RecipeInput {
  const owners = Owners.of(model.index);
  return {
    model,
    index: model.index,
    facts: model.facts,
    product: (path) => owners.of(path).tier === 0,
    tests: new TestFinder(model.index, model.facts.of<TestSetupFact>('testing.package').map((f) => f.data)),
  };
}

/** `#### title` and the numbered steps; '' without steps. */
export function recipe(title: string, steps: readonly (string | false | undefined)[]): string {
  const shown = steps.filter((s): s is string => typeof s === 'string' && s !== '');
  if (shown.length === 0) return '';
  return join(heading(4, title), shown.map((s, i) => `${i + 1}. ${s}`).join('\n'));
}

/** The value that occurs most often (the first in `items` order on a tie), with the items that have it. */
export function mostCommon<T, K>(items: readonly T[], key: (item: T) => K): { key: K; items: T[] } | undefined {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  let best: { key: K; items: T[] } | undefined;
  for (const [k, list] of groups) if (!best || list.length > best.items.length) best = { key: k, items: list };
  return best;
}

/** `/packages/api/src/handlers/` for a folder, `/x.ts:12` for a file and line. */
export function folder(dir: string): string {
  return cite(`${dir}/`);
}

/** The line number alone when the file was just named (`:126`), else the full citation. */
export function lineIn(file: string, line: number | undefined, named: string): string {
  return file === named && line ? `\`:${line}\`` : cite(file, line);
}

/**
 * `lineIn` along a sentence: a `:line` short form only right after a citation of the same file (the sentence starts
 * at `named`); any other file is cited in full and becomes the one a later short form refers to.
 */
export function lineCursor(named: string): (file: string, line: number | undefined) => string {
  let last = named;
  return (file, line) => {
    const text = lineIn(file, line, last);
    last = file;
    return text;
  };
}

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Where one runner's tests of a package live. */
interface TestPlace {
  readonly dir: string;
  readonly frameworks: readonly string[];
  readonly colocated: boolean;
  readonly folders?: readonly string[];
  readonly sample?: string;
}

/**
 * Finds the existing test of a source file: a test file of the same package that imports it (its import path ends
 * with the file's folder and name). Only what the test's text shows is said.
 */
export class TestFinder {
  private readonly byPackage = new Map<string, string[]>();

  constructor(
    private readonly index: RepoIndex,
    private readonly setups: readonly TestSetupData[],
  ) {}

  /** The test file that imports `file`, if any. */
  testOf(file: string): string | undefined {
    const pkg = this.index.packageOf(file);
    const dir = pkg?.dir ?? '';
    let tests = this.byPackage.get(dir);
    if (!tests) this.byPackage.set(dir, (tests = this.index.filesUnder(dir).filter((f) => TEST_FILE.test(f) && this.index.packageOf(f)?.dir === dir)));
    const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, '');
    const parent = file.split('/').slice(-2, -1)[0] ?? '';
    const tail = base === 'index' ? parent : `${parent}/${base}`;
    const path = `['"][^'"\\n]*(^|/)${escape(tail)}(\\.[cm]?[jt]sx?)?['"]`;
    const imports = new RegExp(path);
    // A test that mocks the module (`vi.mock('../users.repository')`) tests what uses it, not the module itself.
    const mocks = new RegExp(`\\b(?:vi|jest)\\.(?:mock|doMock|unstable_mockModule)\\(\\s*${path}`);
    // The test named after the module (`users.repository.test.ts`) first, then the others in order.
    const named = (t: string) => t.slice(t.lastIndexOf('/') + 1).replace(/\.(test|spec)\.[cm]?[jt]sx?$/, '') === base;
    const ordered = [...tests.filter(named), ...tests.filter((t) => !named(t))];
    // Reading at most 300 test files of one package keeps this cheap on a big monorepo.
    for (const t of ordered.slice(0, 300)) {
      const text = this.index.read(t);
      if (text && text.includes(base) && imports.test(text) && !mocks.test(text)) return t;
    }
    return undefined;
  }

  /**
   * Where the package of `file` keeps its tests, per runner, from step 9's testing facts: the unit runner's tests
   * (beside the code, or a test folder) and each end-to-end tool's (`runner`: Cypress, Playwright) apart, so no folder
   * is said to hold another tool's tests.
   */
  setupOf(file: string): TestPlace[] {
    const pkg = this.index.packageOf(file)?.dir ?? '';
    const setup = this.setups.find((s) => s.dir === pkg);
    if (!setup) return [];
    const tools = new Set(setup.locations.flatMap((l) => (l.runner ? [l.runner] : [])));
    const unit = setup.frameworks.filter((f) => !tools.has(f));
    const out: TestPlace[] = [];
    for (const tool of [undefined, ...[...tools].sort()]) {
      const where = setup.locations.filter((l) => l.runner === tool).sort((a, b) => b.count - a.count)[0];
      if (!where) continue;
      const sample = setup.sample && !tool && setup.sample.startsWith(`${where.dir}/`) ? setup.sample : undefined;
      const folders = !where.within && where.folders ? { folders: where.folders } : {};
      out.push({ dir: where.within ?? where.dir, frameworks: tool ? [tool] : unit.length ? unit : setup.frameworks, colocated: where.colocated, ...folders, ...(sample ? { sample } : {}) });
    }
    return out;
  }

  /** The test step of a recipe: the existing test to copy, or where the package's tests live. */
  step(file: string, what: string): string {
    const test = this.testOf(file);
    if (test) return `**Test:** ${cite(test)} tests ${cite(file)}; add the new ${what}'s test beside it in ${folder(test.slice(0, test.lastIndexOf('/')))}.`;
    const setups = this.setupOf(file);
    if (setups.length === 1) {
      const [setup] = setups;
      const tools = setup.frameworks.length ? ` (${setup.frameworks.join(', ')})` : '';
      return `**Test:** this package's tests ${where(setup)}${tools}${as(setup)}.`;
    }
    const parts = setups.map((s, i) => `${i === 0 ? "this package's" : 'its'} ${s.frameworks.join(', ') || 'other'} tests ${where(s)}${as(s)}`);
    return parts.length ? `**Test:** ${parts.join('; ')}.` : '';
  }
}

/** `live in /test/`, `live in /test/e2e/ and /test/unit/` (the folders it is split into), or `sit beside the code under /app/`. */
function where(setup: TestPlace): string {
  if (setup.colocated) return `sit beside the code under ${folder(setup.dir)}`;
  const dirs = setup.folders?.map((f) => folder(`${setup.dir}/${f}`)) ?? [folder(setup.dir)];
  return `live in ${dirs.length > 1 ? `${dirs.slice(0, -1).join(', ')} and ${dirs[dirs.length - 1]}` : dirs[0]}`;
}

/** `, as /app/utils.test.ts`: an existing one to copy. */
function as(setup: { sample?: string }): string {
  return setup.sample ? `, as ${cite(setup.sample)}` : '';
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
