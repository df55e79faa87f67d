/**
 * The one decision of which package manager the repository uses, read by the scripts detector (step 9's install and
 * run commands), the stack detector (step 1's "Package manager" line) and every step that names a script (through
 * `StepModel.packageManager`), so no two steps can disagree. Evidence in order: a lockfile and the `packageManager`
 * field (the field wins when both exist, as before), `pnpm-workspace.yaml`, then what the repository itself runs to
 * install — its CI, its root Dockerfile, its root README — when that one source names a single tool, then the
 * workspace commands of its root scripts (`yarn workspace client dev`). When nothing says, npm (and the wording says no
 * lockfile is committed).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { readmeOf } from '../readme/index.js';
import { jsonKeyLine } from '../../scan/json-keys.js';

export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

export const LOCKFILES: readonly [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** A line of the repository that runs an install with one tool: `RUN corepack enable pnpm && pnpm i`. */
export interface InstallEvidence {
  readonly file: string;
  readonly line: number;
  /** The command as written on that line (trimmed; redacted with the fact data it travels in). */
  readonly text: string;
  readonly source: 'ci' | 'dockerfile' | 'readme' | 'script';
}

export interface PackageManagerDecision {
  readonly tool: PackageManager;
  /** The committed lockfile of `tool`, if any. */
  readonly lockfile?: string;
  /** The first committed lockfile of any tool, with its tool (step 1 shows it when there is no field). */
  readonly anyLockfile?: readonly [string, PackageManager];
  /** `packageManager` field as written. */
  readonly declared?: string;
  readonly source: 'field' | 'lockfile' | 'pnpm-workspace' | 'install-command' | 'default';
  /** For `install-command`: the first line that shows it. */
  readonly evidence?: InstallEvidence;
}

const cache = new WeakMap<RepoIndex, PackageManagerDecision | null>();

/** undefined when the repository has neither a root package.json nor a lockfile (nothing to install at the root). */
export function decidePackageManager(index: RepoIndex): PackageManagerDecision | undefined {
  const cached = cache.get(index);
  if (cached !== undefined) return cached ?? undefined;
  const decision = decide(index);
  cache.set(index, decision ?? null);
  return decision;
}

function decide(index: RepoIndex): PackageManagerDecision | undefined {
  // A nested workspace root (`infrastructure/package.json` with `workspaces`) is where the repository installs.
  const base = index.workspaceRoot;
  const root = index.packages.find((p) => (base ? p.dir === base : p.isRoot));
  const at = (file: string) => (base ? `${base}/${file}` : file);
  const declared = typeof root?.manifest.packageManager === 'string' ? root.manifest.packageManager : undefined;
  const found = LOCKFILES.find(([file]) => index.has(at(file)));
  const anyLockfile = found ? ([at(found[0]), found[1]] as const) : undefined;
  const fromField = declared ? (/^(npm|yarn|pnpm|bun)@/.exec(declared)?.[1] as PackageManager | undefined) : undefined;
  const lockOf = (tool: PackageManager) => LOCKFILES.filter(([file, t]) => t === tool && index.has(at(file))).map(([file]) => at(file))[0];
  if (fromField) return { tool: fromField, lockfile: lockOf(fromField), anyLockfile, declared, source: 'field' };
  if (anyLockfile) return { tool: anyLockfile[1], lockfile: anyLockfile[0], anyLockfile, declared, source: 'lockfile' };
  if (!root || base) return base && root ? { tool: index.workspaceTool === 'pnpm' ? 'pnpm' : 'npm', declared, source: index.workspaceTool === 'pnpm' ? 'pnpm-workspace' : 'default' } : undefined;
  if (index.workspaceTool === 'pnpm') return { tool: 'pnpm', declared, source: 'pnpm-workspace' };
  // Folders with lockfiles of their own install there: their CI or Dockerfile lines say nothing about the root.
  const nestedLocks = index.packages.some((p) => !p.isRoot && LOCKFILES.some(([file]) => index.has(`${p.dir}/${file}`)));
  const evidence = nestedLocks ? undefined : installEvidence(index);
  if (evidence) return { tool: evidence.tool, declared, source: 'install-command', evidence: evidence.at };
  return { tool: 'npm', declared, source: 'default' };
}

const CI_FILE = /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml)$/;
const ROOT_DOCKERFILE = /^(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile)$/;

/**
 * The CI, then the root Dockerfiles, then the root README: the first source whose install lines all name one tool.
 * A source that names two (a README's "npm install or yarn") says nothing.
 */
function installEvidence(index: RepoIndex): { tool: PackageManager; at: InstallEvidence } | undefined {
  const readme = readmeOf(index, '');
  const sources: [InstallEvidence['source'], string[]][] = [
    ['ci', index.files.filter((f) => CI_FILE.test(f))],
    ['dockerfile', index.files.filter((f) => ROOT_DOCKERFILE.test(f))],
    ['readme', readme ? [readme] : []],
  ];
  for (const [source, files] of sources) {
    const found: { tool: PackageManager; at: InstallEvidence }[] = [];
    for (const file of files) {
      const lines = (index.read(file) ?? '').split('\n');
      lines.forEach((line, i) => {
        for (const tool of installsWith(line, source)) found.push({ tool, at: { file, line: i + 1, text: line.trim().slice(0, 160), source } });
      });
    }
    const tools = new Set(found.map((f) => f.tool));
    if (tools.size === 1) return found[0];
  }
  return workspaceRunner(index);
}

/** A workspace command only one tool has: `yarn workspace client dev`, `pnpm --filter api build`, `pnpm -r test`. */
const WORKSPACE_RUN = /(?:^|[\s;&|(])(?:(yarn) workspaces? \S|(pnpm) (?:--filter|-F|-r\b|--recursive)|(bun) (?:--filter|-F)\b)/;

/** The root package.json's scripts, when all that run a workspace command use one tool. */
function workspaceRunner(index: RepoIndex): { tool: PackageManager; at: InstallEvidence } | undefined {
  const root = index.packages.find((p) => p.isRoot);
  const found: { tool: PackageManager; at: InstallEvidence }[] = [];
  for (const [name, command] of Object.entries(root?.manifest.scripts ?? {})) {
    const m = typeof command === 'string' ? WORKSPACE_RUN.exec(command) : null;
    if (!m || !root) continue;
    const tool = (m[1] ?? m[2] ?? m[3]) as PackageManager;
    found.push({ tool, at: { file: root.manifestPath, line: jsonKeyLine(index, root.manifestPath, 'scripts', name) ?? 1, text: `${name}: ${command}`.slice(0, 160), source: 'script' } });
  }
  return new Set(found.map((f) => f.tool)).size === 1 ? found[0] : undefined;
}

// A tool name where a command starts: line start, after a shell separator, a `$ ` prompt, a backtick or `run:`.
const START = String.raw`(?:^|[\s;&|(\`$]|run:)`;
const INSTALL = new RegExp(`${START}(npm|pnpm|yarn|bun)(?:\\s+(install|i|ci|add))?(?=$|[\\s;&|)\`])([^;&|\`\\n]*)`, 'g');
const COREPACK = /\bcorepack\s+(?:enable|prepare|use)\s+(pnpm|yarn)\b/;
const ACTION = /\b(pnpm\/action-setup|oven-sh\/setup-bun)\b|\bcache:\s*['"]?(npm|yarn|pnpm|bun)\b/;

/** The tools one line installs the project's dependencies with (never a global tool install or an added package). */
export function installsWith(line: string, source: InstallEvidence['source']): PackageManager[] {
  const text = line.replace(/^\s*#.*$/, '');
  if (!text.trim() || /\bcd\s|--prefix\b|--dir\b|--cwd\b|\s-C\s|working-directory/.test(text)) return [];
  const out = new Set<PackageManager>();
  const corepack = COREPACK.exec(text);
  if (corepack) out.add(corepack[1] as PackageManager);
  if (source === 'ci') {
    const action = ACTION.exec(text);
    if (action) out.add(action[1] === 'pnpm/action-setup' ? 'pnpm' : action[1] === 'oven-sh/setup-bun' ? 'bun' : (action[2] as PackageManager));
  }
  for (const m of text.matchAll(INSTALL)) {
    const [, tool, verb, rest] = m;
    const args = rest.trim().split(/\s+/).filter(Boolean);
    if (args.some((a) => a === '-g' || a === '--global')) {
      // `npm i -g pnpm`: the tool installed is the one the project uses.
      const pm = args.find((a) => /^(pnpm|yarn|bun)(@[\w.^~-]+)?$/.test(a));
      if (pm) out.add(pm.replace(/@.*/, '') as PackageManager);
      continue;
    }
    // `yarn` alone installs; `npm install lodash`, `pnpm add x` or `yarn dev` are something else.
    const bareYarn = tool === 'yarn' && !verb && args.length === 0;
    if (!bareYarn && (!verb || verb === 'add' || (verb === 'ci' && tool !== 'npm'))) continue;
    if (args.some((a) => !a.startsWith('-'))) continue;
    out.add(tool as PackageManager);
  }
  return [...out];
}

/**
 * The tool whose workspaces the `workspaces` field declares: npm, Yarn and Bun share the field, so the package
 * manager decides (a yarn repository without a lockfile is "yarn workspaces", not "npm workspaces").
 */
export function workspaceToolOf(index: RepoIndex): RepoIndex['workspaceTool'] {
  const tool = index.workspaceTool;
  if (tool !== 'npm') return tool;
  const pm = decidePackageManager(index)?.tool;
  return pm === 'yarn' || pm === 'bun' ? pm : tool;
}
