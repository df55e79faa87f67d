/**
 * The install step of the development workflow for each repository layout: one workspace root in a folder, several
 * roots side by side, nested packages with lockfiles of their own, and the package.json folders a root install leaves
 * out (with the scripts that install them).
 */
import type { PackageManager, PackageManagerFact, ScriptFact } from '../../detectors/scripts/index.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';
import type { StepModel } from '../../model/repo-model.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { jsonKeyLine } from '../../scan/json-keys.js';
import { rootMembers } from '../../scan/workspaces.js';
import { workspaceToolOf } from '../../detectors/shared/package-manager.js';
import { folderInstalls } from './folder-installs.js';
import { lockfileDriftNote } from './lockfile-drift-note.js';
import { value } from './format.js';
import { folderPackageManager, installCommand, runScript } from './run-commands.js';

/**
 * Nested packages that commit their own lockfile, when the root has no workspaces and no lockfile of its own: each of
 * them installs in its folder, and `npm install` at the root would install none of them.
 */
export function perFolderInstalls(model: StepModel): { dir: string; command: string; lockfile?: string }[] {
  const { index } = model;
  const root = index.packages.find((p) => p.isRoot);
  if (!root || index.workspaceTool !== null || index.packages.length < 2) return [];
  if (FOLDER_LOCKFILE_NAMES.some((f) => index.has(f))) return [];
  const withLock = index.packages.filter((p) => !p.isRoot).map((p) => ({ p, own: folderPackageManager(index, p) }));
  if (!withLock.some((x) => x.own.lockfile)) return [];
  return withLock.map(({ p, own }) => ({ dir: p.dir, command: installCommand(own.tool ?? 'npm', own.lockfile !== undefined), lockfile: own.lockfile }));
}

/**
 * Package.json folders the root install leaves out — those outside the workspace globs, or every nested one when there
 * are no workspaces — and how each installs.
 */
export function outsideWorkspaces(index: RepoIndex, pm: PackageManager, scripts: readonly ScriptFact[]): string {
  const all = index.packages.filter((p) => !p.isRoot && (index.workspaceTool === null || !p.declared));
  // An Nx project (project.json, root nx.json) without a lockfile of its own is built by Nx with the root install's
  // node_modules: "each installs in its folder" was wrong for the libraries of an Nx workspace.
  const nx = all.filter((p) => p.nxProject && !folderPackageManager(index, p).lockfile);
  const outside = all.filter((p) => !nx.includes(p));
  const installs = folderInstalls(index, scripts);
  const others = outside.filter((p) => !installs.has(p.dir));
  const nxNote = nx.length ? ` ${nxProjectsNote(nx)}` : '';
  const where = index.workspaceTool === null ? 'nested (no workspaces)' : 'outside the workspaces';
  const byScript = outside.flatMap((p) => installs.get(p.dir) ?? []);
  // A folder a script installs is named with that script, never as "not installed".
  const said = byScript.map((x) => x.hook
    ? ` ${code(x.dir)} (${where}) is installed by it too: the ${code(x.script.name)} script of ${x.script.dir ? code(x.script.dir) : 'the root'} runs ${value(x.script.command)} (${cite(x.script.manifest, x.script.line)}).`
    : ` ${code(x.dir)} (${where}) installs with ${code(runScript(index, pm, x.script.package, x.script.name))}: ${value(x.script.command)} (${cite(x.script.manifest, x.script.line)}).`).join('');
  if (others.length === 0) return said + nxNote;
  const first = others[0];
  const own = folderPackageManager(index, first);
  const example = code(`cd ${first.dir} && ${installCommand(own.tool ?? 'npm', own.lockfile !== undefined)}`);
  const locks = others.filter((p) => folderPackageManager(index, p).lockfile).length;
  const lockNote = others.length === 1
    ? own.lockfile ? `, lockfile ${cite(own.lockfile)}` : ''
    : locks ? `, ${locks === others.length ? 'each' : `${locks} of them`} with a lockfile of its own` : '';
  const noun = others.length === 1 ? `package.json folder ${where} is` : `${others.length} package.json folders ${where} are`;
  const other = byScript.length ? ' other' : '';
  return `${said} The${other} ${noun} not installed by it: each installs in its folder (${example}${others.length > 1 ? ', …' : ''}${lockNote}).${nxNote}`;
}

/** `The 12 Nx projects that are no workspace members (…) need no install of their own: …`, with the first project.json. */
function nxProjectsNote(nx: readonly WorkspacePackage[]): string {
  const shown = nx.slice(0, 3).map((p) => code(p.dir)).join(', ') + (nx.length > 3 ? ', …' : '');
  const noun = nx.length === 1 ? 'Nx project that is no workspace member' : `${nx.length} Nx projects that are no workspace members`;
  return `The ${noun} (${shown}) ${nx.length === 1 ? 'needs' : 'need'} no install of ${nx.length === 1 ? 'its' : 'their'} own: Nx builds them with the root install's dependencies (${cite(nx[0].nxProject!.file)}, ${cite('nx.json')}).`;
}

/**
 * A workspace root in a folder (`infrastructure/package.json` with `workspaces`): one install there links its members;
 * the package.json folders outside it install on their own.
 */
export function nestedRootInstall(index: RepoIndex, pm: PackageManagerFact['data'], scripts: readonly ScriptFact[]): string {
  const manifest = `${index.workspaceRoot}/package.json`;
  const declaredAt = index.workspaceTool === 'pnpm' ? index.files.find((f) => f === `${index.workspaceRoot}/pnpm-workspace.yaml` || f === `${index.workspaceRoot}/pnpm-workspace.yml`) : manifest;
  const line = declaredAt === manifest ? jsonKeyLine(index, manifest, 'workspaces') : undefined;
  const members = index.packages.filter((p) => p.declared && !p.isRoot && p.dir !== index.workspaceRoot).length;
  const lock = pm.lockfile ? `lockfile ${cite(pm.lockfile)}${lockfileDriftNote(pm)}` : 'no lockfile committed';
  const globs = index.workspacePatterns.map((p) => code(p)).join(', ');
  const where = declaredAt ? ` (${cite(declaredAt, line)})` : '';
  return `**Install:** ${code(`cd ${index.workspaceRoot} && ${pm.install}`)} — the ${workspaceToolOf(index)} workspace root${where} links ${members} package${members === 1 ? '' : 's'} (${globs}; ${lock}).${outsideWorkspaces(index, pm.tool, scripts)}`;
}

const FOLDER_LOCKFILE_NAMES = ['pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb', 'package-lock.json', 'npm-shrinkwrap.json'];

export function perFolderInstallStep(model: StepModel, scripts: readonly ScriptFact[]): string {
  const installs = perFolderInstalls(model).map((x) => `${code(`cd ${x.dir} && ${x.command}`)}${x.lockfile ? ` (${cite(x.lockfile)})` : ' (no lockfile)'}`);
  const hook = scripts.find((s) => s.data.dir === '' && /^(prepare|postinstall|install)$/.test(s.data.name));
  const rootHook = hook ? ` A root ${code('npm install')} only runs its ${code(hook.data.name)} script: ${value(hook.data.command)} (${cite(hook.data.manifest, hook.data.line)}).` : '';
  return `**Install:** per package, each with the package manager of its own lockfile (the root has no workspaces and no lockfile): ${installs.join(', ')}.${rootHook}`;
}

/**
 * Several folders that each declare a workspace (templates side by side under examples/): each is installed in its
 * folder, which links its own members; an install in one member folder would fetch its siblings from the registry.
 */
export function workspaceRootsInstall(index: RepoIndex, pm: PackageManagerFact['data'], scripts: readonly ScriptFact[]): string {
  const parts = index.workspaceRoots.map((r) => {
    const pkg = index.packages.find((p) => p.dir === r.root);
    const own = pkg ? folderPackageManager(index, pkg) : {};
    const manifest = `${r.root}/package.json`;
    const declaredAt = r.tool === 'pnpm' ? index.files.find((f) => f === `${r.root}/pnpm-workspace.yaml` || f === `${r.root}/pnpm-workspace.yml`) : manifest;
    const line = declaredAt === manifest ? jsonKeyLine(index, manifest, 'workspaces') : undefined;
    const members = rootMembers(r, index.packages).length;
    const lock = own.lockfile ? `lockfile ${cite(own.lockfile)}` : 'no lockfile committed';
    const where = declaredAt ? `${cite(declaredAt, line)}, ` : '';
    return `${code(`cd ${r.root} && ${installCommand(own.tool ?? (r.tool === 'lerna' ? pm.tool : r.tool), own.lockfile !== undefined)}`)} (${where}links ${members} package${members === 1 ? '' : 's'}: ${r.patterns.map((p) => code(p)).join(', ')}; ${lock})`;
  });
  return `**Install:** ${index.workspaceRoots.length} workspace roots, each installed in its own folder: ${parts.join('; ')}.${outsideWorkspaces(index, pm.tool, scripts)}`;
}
