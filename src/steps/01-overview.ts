import path from 'node:path';
import { packagesDetector, type PackageFact } from '../detectors/packages/index.js';
import { isValueHeading, readmeDetector, type ReadmeFact } from '../detectors/readme/index.js';
import { summariseVision } from '../detectors/readme/vision.js';
import { headingsReadAsEnglish } from '../detectors/readme/heading-terms.js';
import { stackDetector } from '../detectors/stack/index.js';
import { bullets, heading, join, stepHeading } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { oneLine, urlPath } from '../markdown/text.js';
import type { RepoIndex } from '../scan/repo-index.js';
import { architecture } from './parts/overview-architecture.js';
import { literal, packageTree, prose, purposeLine, sentences } from './parts/overview-shared.js';
import { techStack } from './parts/overview-stack.js';
import { roleCounts } from './parts/roles.js';
import type { StepContext, StepDefinition } from './types.js';
import { pushTo } from '../collections.js';
import { workspaceToolOf } from '../detectors/shared/package-manager.js';

export const overviewStep: StepDefinition = {
  number: 1,
  title: 'Project Overview & Architecture',
  detectors: [readmeDetector, stackDetector, packagesDetector],
  claims: ['components'],
  build(model, context) {
    const { index, facts } = model;
    const readme = facts.of<ReadmeFact>('readme.summary')[0]?.data;
    const packages = facts.of<PackageFact>('packages.package').map((f) => f.data);
    const name = projectName(index, readme, packages);
    const markdown = join(
      `# ${prose(name)} — Project Context`,
      'The "where to find X" map of this repository for new engineers and AI assistants. Generated from the code by ' +
        'static analysis and reviewed section by section; every path below exists in the repository.',
      stepHeading(1, 'Project Overview & Architecture'),
      project(name, readme, packages),
      valueProposition(readme, context, index),
      architecture(model),
      techStack(facts),
      structure(index, packages),
    );
    return { markdown, facts: facts.all };
  },
};

type Readme = ReadmeFact['data'] | undefined;
type Pkg = PackageFact['data'];

/**
 * The README's own title when it reads like a name (`KV Store`; never a section heading such as `# Intro`, which the
 * README summary does not take as a title), else the root package name, else the folder name.
 */
function projectName(index: RepoIndex, readme: Readme, packages: readonly Pkg[]): string {
  const title = readme?.title?.text;
  const root = packages.find((p) => p.isRoot);
  if (title && title.length <= 60) return title;
  if (root && !/^root$/.test(root.name)) return root.manifestName ?? root.name;
  return path.basename(index.root);
}

function project(name: string, readme: Readme, packages: readonly Pkg[]): string {
  const root = packages.find((p) => p.isRoot);
  const items: string[] = [];
  const nameSource = readme?.title?.text === name ? cite(readme.file, readme.title.line) : root ? cite(root.manifest) : undefined;
  const rootName = root?.manifestName ?? root?.name;
  const pkgName = root && rootName !== name ? ` — package ${literal(rootName!)} in ${cite(root.manifest)}` : '';
  items.push(`**Name:** ${prose(name)}${nameSource ? ` (${nameSource})` : ''}${pkgName}`);
  const description = root?.purpose?.source === 'description' ? root.purpose : undefined;
  if (readme?.tagline) {
    items.push(`**Tagline:** ${sentences(readme.tagline.text, 2)} (${cite(readme.file, readme.tagline.line)})`);
  } else if (description) {
    items.push(`**Tagline:** ${prose(description.text)} (${cite(description.at!.file, description.at!.line)})`);
  }
  if (readme?.tagline && description && !sameText(description.text, readme.tagline.text)) {
    items.push(`**package.json description:** ${prose(description.text)} (${cite(description.at!.file, description.at!.line)})`);
  }
  if (!readme?.tagline && root?.purpose?.source === 'inferred') items.push(`**What it is:** ${purposeLine(root)}`);
  if (!readme) {
    items.push(
      root
        ? 'No README at the repository root: the name and description come from package.json only.'
        : 'No README and no package.json at the repository root: the name is the folder name.',
    );
  }
  if (readme && readme.sections.length > 0) {
    const list = readme.sections.slice(0, 12).map((s) => prose(s.text)).join(' · ');
    // A list cut short says so: the sections left out are not "absent from the README".
    const more = readme.sections.length > 12 ? ` (+${readme.sections.length - 12} more)` : '';
    items.push(`**README sections:** ${list}${more} (${cite(readme.file)})`);
  }
  return join(heading(3, 'Project'), bullets(items));
}

function valueProposition(readme: Readme, context: StepContext, index: RepoIndex): string {
  const blocks: string[] = [];
  const value = readme?.value;
  if (readme && value) {
    const intro = value.paragraph && !sameText(value.paragraph.text, readme.tagline?.text ?? '')
      ? `${sentences(value.paragraph.text, 2, 480)} `
      : '';
    const from = value.heading
      ? `from "${prose(value.heading.text)}", ${cite(readme.file, value.heading.line)}`
      : `from the README's introduction, ${cite(readme.file, value.paragraph?.line)}`;
    // A section with nothing quotable (a table, code) is still pointed to.
    blocks.push(intro || value.bullets.length > 0 || !value.heading ? `${intro}(${from})` : `The README says what it offers under "${prose(value.heading.text)}" (${cite(readme.file, value.heading.line)}).`);
    if (value.bullets.length > 0) {
      const shown = value.bullets.slice(0, 6).map((b) => sentences(b, 1, 140));
      if (value.bullets.length > 6) shown.push(`… and ${value.bullets.length - 6} more in the README`);
      blocks.push(bullets(shown));
    }
  } else if (readme && !readme.sections.some((s) => isValueHeading(s.text)) && headingsReadAsEnglish([...readme.sections, ...[readme.title, readme.tagline].filter((t) => t !== undefined)])) {
    // The tagline and title count too: a Spanish README whose sections are all `###` has no level-2 heading to judge.
    // Said of what was read only: feature subsections further down (`### Bot store`) may well say what it is for.
    // An introduction of a table or a diagram has no paragraph to quote, but it is there: pointed to, not denied.
    const rest = readme.introAt
      ? `; its introduction ${readme.tagline ? 'goes on' : 'is'} at ${cite(readme.file, readme.introAt)} (not quoted here)`
      : `, and no introduction beyond the tagline above`;
    blocks.push(`The README has no "Why", "Features" or "Overview" section${rest}${readme.sections.length ? '; its sections are listed above' : ''}.`);
  }
  if (context.vision) blocks.push(vision(context.vision, index));
  if (blocks.length === 0) return '';
  return join(heading(3, 'Core value proposition'), ...blocks);
}

function vision(doc: NonNullable<StepContext['vision']>, index: RepoIndex): string {
  const summary = summariseVision(doc.text);
  const where = inRepo(index, doc.path) ?? urlPath(doc.path);
  const items = summary.sections.map((s) => {
    let text = s.first ? sentences(s.first, 1, 200) : '';
    if (s.items?.length) {
      const shown = s.items.slice(0, 3).map((i) => sentences(i, 1, 90).replace(/[.;:]$/, ''));
      text = `${shown.join(' · ')}${s.items.length > 3 ? ` (+${s.items.length - 3} more)` : ''}`;
    }
    const first = text ? ` — ${text}` : '';
    return `**${prose(s.heading.text)}**${first}`;
  });
  const title = summary.title ? ` "${prose(summary.title.text)}"` : '';
  if (items.length === 0) return join(heading(4, 'Vision'), `The product document${title} (${where}) has no sections to summarise.`);
  return join(heading(4, 'Vision'), `From the product document${title} (${where}), its sections and first lines:`, bullets(items));
}

/** The document cited as a repository path when it lies inside the analysed repository (relative to cwd or root). */
function inRepo(index: RepoIndex, file: string): string | undefined {
  for (const absolute of [path.resolve(file), path.resolve(index.root, file)]) {
    const rel = path.relative(index.root, absolute).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && index.has(rel)) return cite(rel);
  }
  return undefined;
}

function structure(index: RepoIndex, packages: readonly Pkg[]): string {
  const members = packages.filter((p) => !p.isRoot);
  if (members.every((p) => p.auxiliary)) {
    const root = packages.find((p) => p.isRoot);
    const what = root ? `one package, ${literal(root.name)} (${cite(root.manifest)})` : 'no package.json at the root';
    const aux = members.length ? `, plus ${members.length} example or test package${members.length === 1 ? '' : 's'}` : '';
    // Without a root package the repository is no single package: its examples (templates) are all it holds.
    const body = root || members.length === 0 ? `A single-package repository: ${what}${aux}. Step 2 maps its folders.` : withoutRoot(index, members.length);
    return join(heading(3, 'Repository structure'), body, members.length ? packageTree(index, members) : '');
  }
  const tool = index.workspaceTool ? `${workspaceToolOf(index)} workspaces` : 'nested package.json files (no workspace declaration)';
  // A nested workspace root (`infrastructure/package.json`) is named: an install there links the members.
  const nestedRoot = index.workspaceRoot ? `, rooted at ${cite(index.workspaceRoot)}` : '';
  const patterns = index.workspacePatterns.length ? ` (${index.workspacePatterns.map(literal).join(', ')}${nestedRoot})` : '';
  // A package.json folder no workspace glob names is mapped too, but the package manager does not link it.
  const linked = index.workspaceTool ? members.filter((p) => p.declared && p.dir !== index.workspaceRoot) : members;
  // An Nx project defined by its project.json alone is no package.json folder: named apart, with its manifest.
  const nxOnly = members.filter((p) => !linked.includes(p) && /(^|\/)project\.json$/.test(p.manifest));
  const others = members.filter((p) => !linked.includes(p) && !nxOnly.includes(p) && !(index.workspaceRoot && p.dir === index.workspaceRoot));
  const nx = nxOnly.length ? `, plus ${nxOnly.length} Nx project${nxOnly.length === 1 ? '' : 's'} with a project.json and no package.json (${nxOnly.slice(0, 3).map((p) => cite(p.manifest)).join(', ')}${nxOnly.length > 3 ? ', …' : ''})` : '';
  let intro = `${linked.length} package${linked.length === 1 ? '' : 's'} via ${tool}${patterns}${otherFolders(others)}${nx}:`;
  if (!index.workspaceTool && members.length > 20) {
    intro = `${members.length} package.json files and no workspace declaration: this looks like a collection of independent projects, and the architecture above is the union of what they use.`;
  }
  const roles = `**Package roles:** ${roleCounts(members.map((p) => p.role))}; step 2 gives each package's evidence. Every step lists product packages first; examples, tests and benchmarks are summarised first when a section runs out of room.`;
  return join(heading(3, 'Monorepo structure'), intro, roles, packageTree(index, members));
}

/** `No package.json at the root: 40 packages, all in example, test or benchmark folders, in 4 workspace roots …`. */
function withoutRoot(index: RepoIndex, count: number): string {
  const roots = index.workspaceRoots.length > 1 ? index.workspaceRoots.map((r) => r.root) : index.workspaceRoot ? [index.workspaceRoot] : [];
  const inRoots = roots.length
    ? `, in ${roots.length === 1 ? 'one workspace root' : `${roots.length} workspace roots, each installed on its own`} (${roots.map((r) => cite(r)).join(', ')})`
    : '';
  return `No package.json at the root: ${count} package${count === 1 ? '' : 's'}, all in example, test or benchmark folders${inRoots}. Step 2 maps them.`;
}

/** `, plus 40 other package.json folders … (38 under /examples, 2 under /packages)`: mapped, but not workspace members. */
function otherFolders(others: readonly Pkg[]): string {
  if (others.length === 0) return '';
  const byTop = new Map<string, Pkg[]>();
  for (const p of others) pushTo(byTop, p.dir.split('/')[0], p);
  const groups = [...byTop].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const shown = groups.slice(0, 3).map(([top, list]) => (list.length === 1 ? cite(list[0].dir) : `${list.length} under ${cite(top)}`));
  const rest = groups.length > 3 ? `, ${groups.slice(3).reduce((n, [, list]) => n + list.length, 0)} elsewhere` : '';
  const noun = others.length === 1 ? 'package.json folder' : 'package.json folders';
  return `, plus ${others.length} other ${noun} outside the workspace globs (${shown.join(', ')}${rest})`;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => oneLine(s).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const [x, y] = [norm(a), norm(b)];
  if (x === '' || y === '') return false;
  return x === y || y.startsWith(x) || x.startsWith(y);
}
