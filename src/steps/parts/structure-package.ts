import type { KeyDirectory, PackageFact } from '../../detectors/packages/index.js';
import { bullets, heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { escaped, oneLine } from '../../markdown/text.js';
import { literal, purposeLine } from './overview-shared.js';
import { roleCell } from './roles.js';
import { pushTo } from '../../collections.js';

type Pkg = PackageFact['data'];

export function purposeWithSource(p: Pkg): string {
  const at = p.purpose?.at;
  return at ? `${purposeLine(p)} (${cite(at.file, at.line)})` : purposeLine(p);
}

/** A package in full: purpose, manifest, key folders (table), entry points and configuration files. */
export function packageDetails(p: Pkg, level: 3 | 4): string {
  const facts: string[] = [`**Purpose:** ${purposeWithSource(p)}`];
  if (!p.isRoot) facts.push(`**Role:** ${roleCell(p.role)} (evidence: ${oneLine(p.role.because)})`);
  const meta = [`${p.fileCount} file${p.fileCount === 1 ? '' : 's'}`];
  if (p.version) meta.push(`version ${literal(p.version)}`);
  if (p.private) meta.push('private');
  facts.push(`**Manifest:** ${cite(p.manifest)} (${meta.join(', ')})`);
  if (p.kind && p.purpose?.source !== 'inferred') facts.push(`**Kind:** ${oneLine(p.kind.label)} (from ${oneLine(p.kind.because)})`);
  const dirs = p.directories;
  return join(
    bullets(facts),
    dirs.length ? join(heading(level, 'Key directories'), table(['Folder', 'Files', 'What it holds'], dirs.map(dirRow))) : '',
    entrySection(p, level),
    p.configs.length ? join(heading(level, 'Configuration files'), bullets(configRows(p.configs).map(([f, t]) => `${f} — ${t}`))) : '',
  );
}

export function dirRow(d: KeyDirectory): string[] {
  return [cite(`${d.dir}/`), String(d.files), describe(d)];
}

/** From the folder's name when it says something, plus its subfolders and file names — never invented. */
function describe(d: KeyDirectory): string {
  const parts: string[] = [];
  if (d.role) parts.push(d.role);
  if (d.subfolders.length > 0) {
    const shown = d.subfolders.slice(0, 8).join(', ');
    parts.push(`folders: ${shown}${d.subfolders.length > 8 ? `, +${d.subfolders.length - 8} more` : ''}`);
  }
  if (d.sample.length > 0) {
    const more = d.direct - d.sample.length;
    parts.push(`${d.subfolders.length > 0 ? 'files: ' : ''}${d.sample.join(', ')}${more > 0 ? ` (+${more} more)` : ''}`);
  }
  if (parts.length === 0 && d.extension) parts.push(`${d.extension} files`);
  // The count includes the packages nested in the folder: say which, so it adds up with their own rows.
  const pkgs = d.packages ?? [];
  const nested = pkgs.length > 0 ? `includes package${pkgs.length === 1 ? '' : 's'} ${pkgs.slice(0, 3).map((p) => cite(`${p}/`)).join(', ')}${pkgs.length > 3 ? ` (+${pkgs.length - 3} more)` : ''}` : '';
  return [escaped(parts.join(' — ')), nested].filter(Boolean).join(' — ');
}

/** `rollup.config.ts` → rollup; unbuild's config is `build.config.ts`. */
function bundlerName(config: string): string {
  const stem = config.replace(/^.*\//, '').split('.')[0];
  return stem === 'build' ? 'unbuild' : stem;
}

/** `built by \`/libs/db/project.json:10\``: the build target that names the entry (an Nx project's), '' without one. */
function builtByText(e: Pkg['entryPoints'][number]): string {
  return e.builtBy ? `${e.builtTo ? 'built by' : 'declared in'} ${cite(e.builtBy.file, e.builtBy.line)}` : '';
}

export function entrySection(p: Pkg, level: 3 | 4): string {
  const lines = p.entryPoints.map((e) => {
    const by = e.builtBy ? ` (${builtByText(e)})` : '';
    const built = (e.builtTo ? ` → ${literal(e.builtTo)}` : '') + by;
    return `${cite(e.isDir ? `${e.file}/` : e.file)} — ${oneLine(e.role)}${built}`;
  });
  for (const u of p.unresolvedEntries) {
    // `"main": "expo-router/entry"` names a module of a dependency, not a file of this package.
    const dependency = /^(@[\w.-]+\/)?[\w.-]+(\/[\w.-]+)*$/.test(u.declared) && !u.declared.startsWith('.') && !/\.(c|m)?[jt]sx?$|\.d\.ts$|^(dist|lib|build|out)\//.test(u.declared);
    // Build output only when a build makes that path; otherwise the field points at a file that is not there.
    // A bundler config builds it from something: say which config rather than "no matching source file".
    const bundler = u.bundler ? `built by ${bundlerName(u.bundler)} (${cite(u.bundler)}); its source is not resolved here` : undefined;
    const what = dependency ? 'a module of a dependency, not a file of this package' : bundler ? bundler : u.built !== false ? 'build output; no matching source file in the repository' : 'package.json points at it, but it does not exist; no matching source file in the repository';
    lines.push(`${literal(u.declared)} — ${oneLine(u.role)} (${what})`);
  }
  return lines.length ? join(heading(level, 'Entry points'), bullets(lines)) : '';
}

/** Said once per section rather than on every entry point it applies to. */
export function builtNote(packages: readonly Pkg[]): string {
  return packages.some((p) => p.entryPoints.some((e) => e.builtTo))
    ? 'In entry points, `→` marks what package.json declares: build output that is not in the repository, so the source file it is built from is listed.'
    : '';
}

/** Config files, with runs of one tool in one folder (a dozen CI workflows) folded into a single row. */
export function configRows(configs: Pkg['configs']): string[][] {
  const groups = new Map<string, Pkg['configs'][number][]>();
  for (const c of configs) {
    const key = `${c.file.slice(0, c.file.lastIndexOf('/') + 1)}\u0000${c.tool}`;
    pushTo(groups, key, c);
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

/** A package in four lines, for monorepos with many packages: the same facts without tables. */
export function compactDetails(p: Pkg): string {
  const lines = [`**Purpose:** ${purposeWithSource(p)} — ${cite(p.manifest)}, ${p.fileCount} file${p.fileCount === 1 ? '' : 's'}`];
  const dirs = p.directories.filter((d) => d.depth === 1);
  if (dirs.length) lines.push(`**Folders:** ${list(dirs.map((d) => `${cite(`${d.dir}/`)} (${d.files}${d.role ? `, ${oneLine(d.role)}` : ''})`), 8)}`);
  // An Nx project without a package.json declares its entry in a project.json target: that line stays cited here too.
  const entry = (e: Pkg['entryPoints'][number]) => `${cite(e.isDir ? `${e.file}/` : e.file)} (${oneLine(e.role)}${e.builtBy ? `; ${builtByText(e)}` : ''})`;
  if (p.entryPoints.length) lines.push(`**Entry points:** ${list(p.entryPoints.map(entry), 4)}`);
  if (p.configs.length) lines.push(`**Config:** ${list(configRows(p.configs).map(([f]) => f), 8)}`);
  return bullets(lines);
}

function list(items: readonly string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join(', ')}, +${items.length - max} more` : items.join(', ');
}
