/**
 * PROJECT-CONTEXT.md is read on GitHub and linted in the repositories that commit it. Every section of every fixture,
 * and the whole file `--yes` writes for the example, pass markdownlint with the rules the README names as allowed
 * (line length, inline HTML, and duplicate headings only between siblings — `#### Entry points` under each package is
 * the map's shape). And nothing taken from a repository turns into formatting: a glob's stars, a leading underscore or
 * a cron schedule never become emphasis, strikethrough or HTML.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { marked, type Token } from 'marked';
import { lint } from 'markdownlint/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { Analysis } from '../src/analysis/run-detectors.js';
import { upsertBlock } from '../src/output/document.js';
import { buildIndex } from '../src/scan/repo-index.js';
import { generateSection } from '../src/steps/generate.js';
import { STEPS } from '../src/steps/registry.js';
import { EXAMPLE, PROJECT_ROOT } from './helpers/fixture.js';
import { MARKDOWNLINT_CONFIG } from './helpers/markdownlint.js';
import { CLI } from './helpers/pty.js';

const FIXTURES = readdirSync(path.join(PROJECT_ROOT, 'test/fixtures'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(PROJECT_ROOT, 'test/fixtures', d.name));

/** markdownlint's findings, each with the line it is about. */
async function findings(markdown: string): Promise<string[]> {
  const result = await lint({ strings: { doc: markdown }, config: MARKDOWNLINT_CONFIG });
  const lines = markdown.split('\n');
  return result.doc.map((e) => `${e.lineNumber}: ${e.ruleNames.join('/')} ${e.errorDetail ?? ''}\n    ${lines[e.lineNumber - 1]}`);
}

/** Formatting no section ever writes on purpose: single emphasis, strikethrough, inline HTML (markers are comments). */
function accidentalFormatting(markdown: string): string[] {
  const found: string[] = [];
  const visit = (tokens: readonly Token[] | undefined) => {
    for (const t of tokens ?? []) {
      if (t.type === 'em' || t.type === 'del' || (t.type === 'html' && !/^\s*<!--/.test(t.raw))) found.push(`${t.type}: ${t.raw}`);
      if ('tokens' in t) visit(t.tokens);
      if (t.type === 'list') t.items.forEach((i: Token & { tokens: Token[] }) => visit(i.tokens));
      if (t.type === 'table') {
        t.header.forEach((c: { tokens: Token[] }) => visit(c.tokens));
        t.rows.forEach((r: { tokens: Token[] }[]) => r.forEach((c) => visit(c.tokens)));
      }
    }
  };
  visit(marked.lexer(markdown));
  return found;
}

describe('every section lints clean with markdownlint', () => {
  for (const root of [EXAMPLE, ...FIXTURES]) {
    it(path.relative(PROJECT_ROOT, root), async () => {
      const analysis = new Analysis(await buildIndex(root));
      let doc = '';
      for (const step of STEPS) doc = upsertBlock(doc, step.number, generateSection(step.definition, analysis).markdown);
      expect(await findings(doc)).toEqual([]);
      expect(accidentalFormatting(doc)).toEqual([]);
    });
  }
});

describe('the file --yes writes for the example', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pc-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lints clean, digests and markers included', async () => {
    const output = path.join(dir, 'PROJECT-CONTEXT.md');
    execFileSync(process.execPath, [CLI, EXAMPLE, '--yes', '--output', output, '--state', path.join(dir, 'state/state.json')], { stdio: 'pipe' });
    const text = readFileSync(output, 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(1000);
    expect(await findings(text)).toEqual([]);
    // Without the allowances other than line length and inline HTML, only sibling-less duplicate headings remain.
    const strict = await lint({ strings: { doc: text }, config: { default: true, MD013: false, MD033: false } });
    expect([...new Set(strict.doc.map((e) => e.ruleNames[0]))]).toEqual(['MD024']);
  });
});
