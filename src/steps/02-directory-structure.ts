import { packagesDetector, type KeyDirectory, type PackageFact } from '../detectors/packages/index.js';
import { bullets, heading, join, stepHeading, table } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { code, oneLine } from '../markdown/text.js';
import { purposeLine } from './parts/overview-shared.js';
import type { StepDefinition } from './types.js';

type Pkg = PackageFact['data'];

export const directoryStructureStep: StepDefinition = {
  number: 2,
  title: 'Directory Structure',
  detectors: [packagesDetector],
  build(index, facts) {
    const packages = facts.of<PackageFact>('packages.package').map((f) => f.data);
    const root = packages.find((p) => p.isRoot);
    const members = packages.filter((p) => !p.isRoot);
    const product = members.filter((p) => !p.auxiliary);
    const aux = members.filter((p) => p.auxiliary);
    const title = stepHeading(2, 'Directory Structure');
    if (product.length === 0) {
      // No workspace packages of its own (at most examples and tests): the root is the one package.
      const body = root
        ? join(
            `A single-package repository: everything below belongs to \`${oneLine(root.name)}\` (${cite(root.manifest)}).`,
            builtNote([root]),
            packageDetails(root, 3),
            auxSection(aux),
          )
        : 'No package.json found: the repository has no JavaScript/TypeScript package to map.';
      return { markdown: join(title, body), facts: facts.all };
    }
    const compact = product.length > 30;
    const markdown = join(
      title,
      heading(3, 'Packages'),
      packagesTable(product),
      compact ? `${product.length} packages: each is summarised briefly below (folders at the first level only).` : '',
      builtNote(product),
      ...product.map((p) => join(heading(3, `${oneLine(p.name)} — ${p.dir}`), packageDetails(p, 4, compact))),
      auxSection(aux),
      root ? rootSection(root) : '',
    );
    return { markdown, facts: facts.all };
  },
};

function auxSection(aux: readonly Pkg[]): string {
  if (aux.length === 0) return '';
  const intro = `${aux.length} package${aux.length === 1 ? '' : 's'} that support the product rather than ship in it, listed without details:`;
  return join(heading(3, 'Examples, tests and fixtures'), intro, packagesTable(aux));
}

function packagesTable(members: readonly Pkg[]): string {
  const rows = members.map((p) => [code(p.name), cite(p.dir), purposeWithSource(p)]);
  return table(['Package', 'Path', 'Purpose'], rows);
}

function purposeWithSource(p: Pkg): string {
  const at = p.purpose?.at;
  return at ? `${purposeLine(p)} (${cite(at.file, at.line)})` : purposeLine(p);
}

function packageDetails(p: Pkg, level: 3 | 4, compact = false): string {
  const facts: string[] = [`**Purpose:** ${purposeWithSource(p)}`];
  const meta = [`${p.fileCount} file${p.fileCount === 1 ? '' : 's'}`];
  if (p.version) meta.push(`version ${code(p.version)}`);
  if (p.private) meta.push('private');
  facts.push(`**Manifest:** ${cite(p.manifest)} (${meta.join(', ')})`);
  if (p.kind && p.purpose?.source !== 'inferred') facts.push(`**Kind:** ${oneLine(p.kind.label)} (from ${oneLine(p.kind.because)})`);
  const dirs = compact ? p.directories.filter((d) => d.depth === 1) : p.directories;
  return join(
    bullets(facts),
    dirs.length ? join(heading(level, 'Key directories'), table(['Folder', 'Files', 'What it holds'], dirs.map(dirRow))) : '',
    entrySection(p, level),
    p.configs.length ? join(heading(level, 'Configuration files'), bullets(configRows(p.configs).map(([f, t]) => `${f} — ${t}`))) : '',
  );
}

function dirRow(d: KeyDirectory): string[] {
  return [cite(`${d.dir}/`), String(d.files), describe(d)];
}

/** From the folder's name when it says something, plus its subfolders and file names — never invented. */
function describe(d: KeyDirectory): string {
  const parts: string[] = [];
  if (d.role) parts.push(d.role);
  if (d.subfolders.length > 0) {
    const shown = d.subfolders.slice(0, 8).join(', ');
    parts.push(`${d.role ? 'in ' : 'folders: '}${shown}${d.subfolders.length > 8 ? `, +${d.subfolders.length - 8} more` : ''}`);
  }
  if (d.sample.length > 0) {
    const more = d.direct - d.sample.length;
    parts.push(`${d.subfolders.length > 0 ? 'files: ' : ''}${d.sample.join(', ')}${more > 0 ? ` (+${more} more)` : ''}`);
  }
  if (parts.length === 0 && d.extension) parts.push(`${d.extension} files`);
  return oneLine(parts.join(' — '));
}

function entrySection(p: Pkg, level: 3 | 4): string {
  const lines = p.entryPoints.map((e) => {
    const built = e.builtTo ? ` → ${code(e.builtTo)}` : '';
    return `${cite(e.isDir ? `${e.file}/` : e.file)} — ${oneLine(e.role)}${built}`;
  });
  for (const u of p.unresolvedEntries) {
    lines.push(`${code(u.declared)} — ${oneLine(u.role)} (build output; no matching source file in the repository)`);
  }
  return lines.length ? join(heading(level, 'Entry points'), bullets(lines)) : '';
}

/** Said once per section rather than on every entry point it applies to. */
function builtNote(packages: readonly Pkg[]): string {
  return packages.some((p) => p.entryPoints.some((e) => e.builtTo))
    ? 'In entry points, `→` marks what package.json declares: build output that is not in the repository, so the source file it is built from is listed.'
    : '';
}

/** Config files, with runs of one tool in one folder (a dozen CI workflows) folded into a single row. */
function configRows(configs: Pkg['configs']): string[][] {
  const groups = new Map<string, Pkg['configs'][number][]>();
  for (const c of configs) {
    const key = `${c.file.slice(0, c.file.lastIndexOf('/') + 1)}\u0000${c.tool}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rows: string[][] = [];
  for (const list of groups.values()) {
    if (list.length <= 4) {
      for (const c of list) rows.push([cite(c.file), oneLine(c.tool)]);
      continue;
    }
    const dir = list[0].file.slice(0, list[0].file.lastIndexOf('/') + 1);
    const names = list.map((c) => c.file.slice(dir.length));
    rows.push([cite(dir), `${oneLine(list[0].tool)} ×${list.length}: ${oneLine(names.slice(0, 6).join(', '))}${names.length > 6 ? ', …' : ''}`]);
  }
  return rows.sort((a, b) => a[0].localeCompare(b[0]));
}

function rootSection(root: Pkg): string {
  const dirs = root.directories.filter((d) => d.depth === 1);
  const configs = root.configs;
  const intro = `The root package ${code(root.name)} (${cite(root.manifest)}) holds the workspace setup and shared tooling.`;
  return join(
    heading(3, 'Root-level configuration and tooling'),
    intro,
    configs.length ? table(['File', 'Configures'], configRows(configs)) : 'No configuration files at the root.',
    dirs.length ? join(heading(4, 'Other top-level folders'), table(['Folder', 'Files', 'What it holds'], dirs.map(dirRow))) : '',
    entrySection(root, 4),
  );
}
