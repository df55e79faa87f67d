import { packagesDetector, type KeyDirectory, type PackageFact } from '../detectors/packages/index.js';
import { bullets, heading, join, stepHeading, table } from '../markdown/blocks.js';
import { cite } from '../markdown/cite.js';
import { oneLine } from '../markdown/text.js';
import { literal, prose } from './parts/overview-shared.js';
import { builtNote, compactDetails, configRows, dirRow, entrySection, packageDetails, purposeWithSource } from './parts/structure-package.js';
import { byRole, roleCell, roleCounts } from './parts/roles.js';
import type { StepDefinition } from './types.js';

type Pkg = PackageFact['data'];

export const directoryStructureStep: StepDefinition = {
  number: 2,
  title: 'Directory Structure',
  detectors: [packagesDetector],
  units: { 3: ['package', 'packages'] },
  keepTables: [/^\| Package \| Path \| Role \|/],
  build(model, context) {
    const { index, facts } = model;
    const packages = facts.of<PackageFact>('packages.package').map((f) => f.data);
    const root = packages.find((p) => p.isRoot);
    const members = packages.filter((p) => !p.isRoot);
    // Product packages first, then the docs and tooling around them; examples, tests and benchmarks listed apart.
    let product = byRole(index, members.filter((p) => !p.auxiliary), (p) => p.dir);
    let aux = byRole(index, members.filter((p) => p.auxiliary), (p) => p.dir);
    const title = stepHeading(2, 'Directory Structure');
    // No root package and nothing but examples (four templates under examples/): they are all the repository holds,
    // so they are mapped as its packages. Emptying the step said their package.json files could not be read.
    const onlyAux = !root && product.length === 0 && aux.length > 0;
    if (onlyAux) [product, aux] = [aux, []];
    if (product.length === 0) {
      // No workspace packages of its own (at most examples and tests): the root is the one package.
      const body = root
        ? join(
            `A single-package repository: everything below belongs to \`${oneLine(root.name)}\` (${cite(root.manifest)}).`,
            builtNote([root]),
            packageDetails(root, 3),
            auxSection(aux),
          )
        : (model.none('package-json', 'No package.json found: the repository has no JavaScript/TypeScript package to map.') ??
          'The package.json files of this repository could not be read (see the notes at the end of the run).');
      return { markdown: join(title, body), facts: facts.all };
    }
    // Full details for a handful of packages; four lines each for a few dozen; one table row each beyond that.
    const mode = product.length <= 15 ? 'full' : product.length <= 40 ? 'compact' : 'table';
    const markdown = join(
      title,
      heading(3, 'Packages'),
      onlyAux
        ? `No package.json at the root: every package of the repository sits in an example, test or benchmark folder (roles: ${roleCounts(members.map((p) => p.role))}), so they are mapped here as its packages.`
        : `Roles: ${roleCounts(members.map((p) => p.role))}. Every step lists product packages first.`,
      mode === 'table' ? overviewTable(product) : packagesTable(product),
      mode === 'table' ? `${product.length} packages: too many to detail each here; the table lists each one's main entry point.` : '',
      builtNote(product),
      ...product
        .filter((p) => mode !== 'table' || focused(p.dir, context.focus))
        // The heading names the folder already: a name the index qualified with it (`web (apps/copy)`) drops it here.
        .map((p) => join(heading(3, `${prose(p.name.endsWith(` (${p.dir})`) ? p.name.slice(0, -(p.dir.length + 3)) : p.name)} — ${prose(p.dir)}`), mode === 'full' || focused(p.dir, context.focus) ? packageDetails(p, 4) : compactDetails(p))),
      auxSection(aux),
      root ? rootSection(root, index.workspaceTool !== null) : '',
    );
    return { markdown, facts: facts.all };
  },
};

/** `--focus` names this package, a folder inside it, or a folder that holds it: it gets its full details. */
function focused(dir: string, focus: string | undefined): boolean {
  if (focus === undefined || dir === '') return false;
  return dir === focus || dir.startsWith(`${focus}/`) || focus.startsWith(`${dir}/`);
}

function auxSection(aux: readonly Pkg[]): string {
  if (aux.length === 0) return '';
  const intro = `${aux.length} package${aux.length === 1 ? '' : 's'} that support the product rather than ship in it (${roleCounts(aux.map((p) => p.role))}), listed without details:`;
  return join(heading(3, 'Examples, tests and fixtures'), intro, packagesTable(aux));
}

/**
 * The map's index of packages. Its product rows are never left out to fit the budget (see `keepTables` below), so
 * every package that ships is named with its folder on any repository.
 */
function packagesTable(members: readonly Pkg[]): string {
  const rows = members.map((p) => [literal(p.name), cite(p.dir), roleCell(p.role), purposeWithSource(p)]);
  return table(['Package', 'Path', 'Role', 'Purpose'], rows);
}

function overviewTable(members: readonly Pkg[]): string {
  const rows = members.map((p) => {
    const entry = p.entryPoints[0];
    const where = entry ? `${cite(entry.isDir ? `${entry.file}/` : entry.file)} (${oneLine(entry.role)})` : '—';
    return [literal(p.name), cite(p.dir), roleCell(p.role), purposeWithSource(p), where, String(p.fileCount)];
  });
  return table(['Package', 'Path', 'Role', 'Purpose', 'Main entry', 'Files'], rows);
}

function rootSection(root: Pkg, workspaces: boolean): string {
  const dirs = root.directories.filter((d) => d.depth === 1);
  const configs = root.configs;
  const intro = workspaces
    ? `The root package ${literal(root.manifestName ?? root.name)} (${cite(root.manifest)}) holds the workspace setup and shared tooling.`
    : `The root package ${literal(root.manifestName ?? root.name)} (${cite(root.manifest)}) is a package of its own${root.purpose ? ` — ${purposeWithSource(root)}` : ''}: no workspaces are declared, and the folders above only have package.json files of their own.`;
  return join(
    heading(3, 'Root-level configuration and tooling'),
    intro,
    configs.length ? table(['File', 'Configures'], configRows(configs)) : 'No configuration files at the root.',
    dirs.length ? join(heading(4, 'Other top-level folders'), table(['Folder', 'Files', 'What it holds'], dirs.map(dirRow))) : '',
    entrySection(root, 4),
  );
}
