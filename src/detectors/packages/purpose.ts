import type { Citation } from '../../facts.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { firstParagraph, inline, parseBlocks, readmeOf, type MdBlock } from '../readme/index.js';
import { firstSentence } from '../../markdown/text.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import { packageKind } from '../stack/kind.js';

/**
 * The first lines of READMEs that project generators write (create-next-app, Vite, create-react-app, Expo, TanStack,
 * Turborepo…, `cdk init`'s "This is a blank project for CDK development"): they describe the template, not the package.
 */
const TEMPLATE_TEXT =
  /bootstrapped with|this template (provides|should)|first, run the development server|open \[?https?:\/\/localhost|welcome to your new|created (with|using) (create-|`?npm create|the .* (cli|template))|this (is an?|project is an?) (\[?next\.js\]?|expo|vite|react|turborepo|astro|svelte|nuxt|remix|tanstack)[^.]*?(project|app|starter|template|example)\b|^(getting started|get started)\b|starter (kit|template) for|this is a blank project for|generated (by|with) |seasoned astronaut\?/i;

/**
 * A private package's description that describes the starter it was copied from (AstroWind's "A template to make your
 * website using Astro + Tailwind CSS."): the app kept the template's manifest, the words are not about the app. A
 * published template package is one, so only a private package's description is set aside.
 */
const TEMPLATE_DESCRIPTION = /^an? (?:[\w-]+ )?(?:template|starter(?: kit)?|boilerplate) (?:to|for) /i;

export interface Purpose {
  /** One line. */
  readonly text: string;
  /** `description` (package.json), `readme` (the package's README), `root-readme` (a packages table), `inferred`. */
  readonly source: 'description' | 'readme' | 'root-readme' | 'inferred';
  readonly at?: Citation;
  /** For inferred purposes: the evidence, finishing "inferred from …". */
  readonly because?: string;
}

/**
 * What a package is for, from the most explicit source available: its own description, its README, the root README's
 * table of packages, or — said as such — inferred from its dependencies and fields.
 */
export function purposeOf(index: RepoIndex, pkg: WorkspacePackage, rootTable: RootPackagesTable | undefined): Purpose | undefined {
  const description = pkg.manifest.description;
  const copied = typeof description === 'string' && pkg.manifest.private === true && (TEMPLATE_DESCRIPTION.test(description.trim()) || TEMPLATE_TEXT.test(description));
  if (typeof description === 'string' && description.trim() && !copied) {
    return { text: firstSentence(inline(description)), source: 'description', at: { file: pkg.manifestPath, line: jsonKeyLine(index, pkg.manifestPath, 'description') } };
  }
  const readme = readmeOf(index, pkg.dir);
  const paragraph = readme ? firstParagraph(index.read(readme) ?? '') : undefined;
  if (readme && paragraph && !TEMPLATE_TEXT.test(paragraph.text)) return { text: firstSentence(paragraph.text), source: 'readme', at: { file: readme, line: paragraph.line } };
  const row = rootTable?.rows.find((r) => r.keys.some((k) => k === pkg.name || (pkg.dir && (k === pkg.dir || k === `${pkg.dir}/`))));
  if (row && rootTable) return { text: firstSentence(row.purpose), source: 'root-readme', at: { file: rootTable.file, line: row.line } };
  const kind = packageKind(pkg, index);
  if (kind) return { text: kind.label, source: 'inferred', because: kind.because };
  return undefined;
}

export interface RootPackagesTable {
  readonly file: string;
  readonly rows: readonly { readonly keys: readonly string[]; readonly purpose: string; readonly line: number }[];
}

/** A table in the root README with a Purpose/Description column, keyed by its other cells (names, paths). */
export function rootPackagesTable(index: RepoIndex): RootPackagesTable | undefined {
  const file = readmeOf(index, '');
  const text = file ? index.read(file) : undefined;
  if (!file || text === undefined) return undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const block of parseBlocks(text).filter((b: MdBlock) => b.kind === 'table')) {
    const [head, ...body] = block.rows ?? [];
    const col = head?.findIndex((h) => /^(purpose|description|what|role|contents?)$/i.test(h.trim()));
    if (!head || col === undefined || col < 0) continue;
    const rows = body.map((cells, i) => ({
      keys: cells.filter((_, c) => c !== col).map((c) => c.trim().replace(/^\.?\//, '')),
      purpose: cells[col] ?? '',
      line: rowLine(lines, block.line, i + 1),
    }));
    return { file, rows: rows.filter((r) => r.purpose) };
  }
  return undefined;
}

/** Line of the n-th data row of a table starting at `start` (the separator row is skipped). */
function rowLine(lines: readonly string[], start: number, n: number): number {
  let seen = 0;
  for (let i = start - 1; i < lines.length; i++) {
    if (/^\s*\|?\s*:?-{2,}/.test(lines[i])) continue;
    if (seen === n) return i + 1;
    seen++;
  }
  return start;
}
