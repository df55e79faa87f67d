import { beforeAll, describe, expect, it } from 'vitest';
import { fitSection } from '../src/steps/budget/fit.js';
import { FILE_BUDGET, measure, STEP_BUDGETS, stepBudget, within } from '../src/steps/budget/limits.js';
import { Analysis } from '../src/analysis/run-detectors.js';
import { generateSection } from '../src/steps/generate.js';
import type { StepDefinition } from '../src/steps/types.js';
import { buildIndex, type RepoIndex } from '../src/scan/repo-index.js';
import { missingCitations } from '../src/steps/verify-citations.js';
import { tempRepo } from './helpers/temp-repo.js';

const EXAMPLES = Array.from({ length: 40 }, (_, i) => `ex-${String(i).padStart(2, '0')}`);

let index: RepoIndex;

beforeAll(async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*', 'examples/*', 'e2e/*'] }),
    'packages/api/package.json': JSON.stringify({ name: '@m/api', version: '1.0.0', main: 'dist/index.js' }),
    'packages/api/src/index.ts': 'export {};\n',
    'packages/web/package.json': JSON.stringify({ name: '@m/web', private: true, dependencies: { react: '18', vite: '5' } }),
    'packages/web/src/main.tsx': 'export {};\n',
    'packages/web/vite.config.ts': 'export default {};\n',
    'e2e/smoke/package.json': JSON.stringify({ name: 'smoke', private: true }),
    'e2e/smoke/vite.config.ts': 'export default {};\n',
  };
  for (const ex of EXAMPLES) {
    files[`examples/${ex}/package.json`] = JSON.stringify({ name: ex, private: true });
    files[`examples/${ex}/vite.config.ts`] = 'export default {};\n';
  }
  index = await buildIndex(tempRepo(files));
});

/** One app section per package, each with a routes table, like step 5 writes them. */
function appSections(dirs: readonly string[], routes = 12): string {
  return dirs
    .map((dir) => {
      const rows = Array.from({ length: routes }, (_, i) => `| \`GET /r${i}\` | \`/${dir}/package.json\` |`);
      return [`### ${dir.split('/').pop()} — React + Vite`, '', `- **Config:** \`/${dir}/vite.config.ts\``, '', '#### Routes', '', '| Route | File |', '|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

describe('fitting a section in its budget', () => {
  it('leaves a section that fits byte for byte as it is', () => {
    const md = `## 5. Frontend Applications\n\n${appSections(['packages/web'])}\n`;
    expect(fitSection(md, { budget: { lines: 500, bytes: 50_000 }, index }).markdown).toBe(md);
  });

  it('summarises examples and tests first, by folder, and keeps the product in full', () => {
    const dirs = ['packages/web', 'e2e/smoke', ...EXAMPLES.map((e) => `examples/${e}`)];
    const md = `## 5. Frontend Applications\n\nIntro.\n\n${appSections(dirs)}\n`;
    const budget = { lines: 120, bytes: 8_000 };
    const fitted = fitSection(md, { budget, index, units: { 3: ['app', 'apps'] } });
    expect(within(measure(fitted.markdown), budget)).toBe(true);
    // The product app keeps its routes table whole.
    expect(fitted.markdown).toContain('### web — React + Vite');
    expect(fitted.markdown).toContain('| `GET /r11` | `/packages/web/package.json` |');
    // The long tail is one line per folder, saying how many, what they are and where, with examples to open.
    expect(fitted.markdown).toMatch(/- \d+ example apps under `\/examples\/` \(React \+ Vite\), one `vite\.config\.ts` each — e\.g\. `\/examples\/ex-\d\d\/`/);
    expect(fitted.markdown).toMatch(/### \d+ more apps, in brief/);
    // Every summary says how to see what it left out.
    expect(fitted.markdown).toContain('`project-context --detail full` writes everything');
    expect(fitted.markdown).toMatch(/`project-context --focus (e2e\/smoke|examples\/ex-\d\d)` maps one package or folder in full/);
    expect(fitted.leftOut.sections).toBeGreaterThan(30);
    expect(missingCitations(fitted.markdown, index)).toEqual([]);
  });

  it('drops the rows of examples from a shared table before any product row, and says whose they were', () => {
    const rows = [
      '| `API_URL` | `/packages/api/src/index.ts` |',
      ...EXAMPLES.map((e) => `| \`${e.toUpperCase().replace('-', '_')}\` | \`/examples/${e}/vite.config.ts\` |`),
    ];
    const md = ['## 8. Configuration', '', '### Environment variables', '', '| Name | Read in |', '|---|---|', ...rows].join('\n');
    const fitted = fitSection(md, { budget: { lines: 20, bytes: 4_000 }, index });
    expect(fitted.markdown).toContain('| `API_URL` | `/packages/api/src/index.ts` |');
    expect(fitted.markdown).toContain('… 40 more rows not shown (40 from example code in `/examples/`)');
    expect(within(measure(fitted.markdown), { lines: 20, bytes: 4_000 })).toBe(true);
  });

  it('never leaves out the product rows of an index table, whatever the budget', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| \`@m/p${i}\` | \`/packages/api\` | product |`);
    const other = Array.from({ length: 200 }, (_, i) => `| \`/packages/api/src/index.ts\` | file ${i} |`);
    const md = ['## 2. Directory Structure', '', '### Packages', '', '| Package | Path | Role |', '|---|---|---|', ...rows, '', '### Other', '', '| File | What |', '|---|---|', ...other].join('\n');
    const budget = { lines: 90, bytes: 8_000 };
    const fitted = fitSection(md, { budget, index, keepTables: [/^\| Package \| Path \| Role \|/] });
    for (let i = 0; i < 60; i++) expect(fitted.markdown).toContain(`| \`@m/p${i}\` |`);
    expect(fitted.markdown).toContain('| `/packages/api/src/index.ts` | file 0 |');
    expect(fitted.markdown).toMatch(/… \d+ more rows not shown \(\d+ in `\/packages\/api\/`\)\./);
    expect(within(measure(fitted.markdown), budget)).toBe(true);
  });

  it('maps the focused package in full and summarises the others, even when everything would fit', () => {
    const dirs = ['packages/web', 'packages/api', 'examples/ex-00'];
    const md = `## 5. Frontend Applications\n\n${appSections(dirs, 3)}\n`;
    const fitted = fitSection(md, { budget: { lines: 10_000, bytes: 1_000_000 }, index, focus: 'packages/web', units: { 3: ['app', 'apps'] } });
    expect(fitted.markdown).toContain('| `GET /r2` | `/packages/web/package.json` |');
    expect(fitted.markdown).not.toContain('`/packages/api/package.json` |');
    expect(fitted.markdown).toContain('### 2 more apps, in brief');
  });

  it('cuts what no summary can shrink at the budget, closing an open code block and saying so', () => {
    const md = ['## 1. Overview', '', '```text', ...Array.from({ length: 400 }, (_, i) => `line ${i}`), '```'].join('\n');
    const budget = { lines: 50, bytes: 10_000 };
    const fitted = fitSection(md, { budget, index });
    expect(within(measure(fitted.markdown), budget)).toBe(true);
    expect(fitted.markdown).toMatch(/line \d+\n```\n\n\(… The rest of this section did not fit the map's budget; `project-context --detail full` writes it\.\)\n$/);
  });
});

describe('every step goes through the budget', () => {
  const big: StepDefinition = {
    number: 7,
    title: 'SDKs',
    detectors: [],
    build: () => ({ markdown: `## 7. SDKs\n\n${Array.from({ length: 900 }, (_, i) => `- item ${i} of \`/packages/api/src/index.ts\``).join('\n')}\n`, facts: [] }),
  };

  it('fits a section in its step\'s share unless --detail full', () => {
    const fitted = generateSection(big, new Analysis(index));
    expect(within(measure(fitted.markdown), stepBudget(7))).toBe(true);
    expect(fitted.markdown).toContain('more items not shown');
    const full = generateSection(big, new Analysis(index), { detail: 'full' });
    expect(full.markdown.split('\n').length).toBeGreaterThan(900);
  });

  it('keeps the step budgets within the file budget, with room for the marker lines', () => {
    const steps = Object.values(STEP_BUDGETS);
    expect(steps).toHaveLength(10);
    const lines = steps.reduce((n, b) => n + b.lines, 0);
    const bytes = steps.reduce((n, b) => n + b.bytes, 0);
    // Two marker lines and a blank line per block, each marker under 60 bytes.
    expect(lines + 3 * 10).toBeLessThanOrEqual(FILE_BUDGET.lines);
    expect(bytes + 10 * 2 * 60).toBeLessThanOrEqual(FILE_BUDGET.bytes);
  });
});
