/**
 * Where the repository shows that a package goes to a registry. A package.json without `"private": true` proves
 * nothing: a monorepo's workspace packages, consumed as `workspace:*`, and a Lambda's bundle leave it out too. So a
 * package is "published" only with evidence: its `publishConfig`, a publish command of its own, or a repository-level
 * publish path that covers it (a changesets config, a root script or a CI step running `npm publish`,
 * `changeset publish`, `semantic-release`, `jsr publish`, …). Found by cheap text checks, once per index.
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';

/**
 * A command that publishes to a registry. `npm run publish:docs` runs a script (scanned on its own) and `vsce publish`
 * goes elsewhere, so the word must follow a package manager or a release tool.
 */
const PUBLISH_COMMAND = /\b(?:npm|pnpm|yarn|bun)\b(?:\s+(?!run\b)[^\s&|;'"]+)*?\s+publish(?=$|[\s'"&|;])|\b(?:changeset|lerna|jsr|deno)\s+publish\b|\bsemantic-release\b|\brelease-it\b|\bnx\s+release\b/;
/** A publish command that covers every non-private workspace package. */
const ALL_PACKAGES = /\b(?:changeset|lerna)\s+publish\b|\bmulti-semantic-release\b|\bnx\s+release\b|\s(?:-r|--recursive|-ws|--workspaces)\b|\bworkspaces\s+foreach\b/;
/** `--filter x`, `-F x`, `-w x`, `--workspace=x` (npm's and pnpm's ways to name one package). */
const NAMED = /(?:--filter|-F|-w|--workspace)(?:=|\s+)['"]?([@\w./*-]+)/g;
/** npm lifecycle scripts that only run when the package is packed or published. */
const PUBLISH_HOOK = /^(prepublishOnly|postpublish|prepack)$/;

/** What one publish path covers: every workspace package, the packages named or in the folders given, or one folder's package. */
interface PublishPath {
  readonly says: string;
  readonly all: boolean;
  readonly names: readonly string[];
  readonly dirs: readonly string[];
}

const cache = new WeakMap<RepoIndex, PublishPath[]>();

/**
 * The evidence that `pkg` is published (`its \`publishConfig\``, `` `changeset publish` in /package.json ``), or
 * undefined. Callers decide first what rules a package out whatever the evidence (private, function code).
 */
export function publishEvidence(pkg: WorkspacePackage, index?: RepoIndex): string | undefined {
  const m = pkg.manifest as Record<string, unknown>;
  if (m.publishConfig !== undefined) return 'its `publishConfig`';
  const own = ownPublishScript(m);
  if (own) return own;
  if (!index) return undefined;
  const path = publishPaths(index).find((p) => covers(p, pkg, index));
  return path?.says;
}

function ownPublishScript(m: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries((m.scripts ?? {}) as Record<string, unknown>)) {
    if (PUBLISH_HOOK.test(k)) return `its \`${k}\` script`;
    if (typeof v === 'string' && PUBLISH_COMMAND.test(v)) return `its \`${k}\` script (\`${v.match(PUBLISH_COMMAND)![0].trim()}\`)`;
  }
  return undefined;
}

function covers(p: PublishPath, pkg: WorkspacePackage, index: RepoIndex): boolean {
  if (pkg.isRoot) return p.dirs.includes('');
  if (p.names.some((n) => n === pkg.name || (n.endsWith('*') && pkg.name.startsWith(n.slice(0, -1))))) return true;
  if (p.dirs.some((d) => d !== '' && (d === pkg.dir || d === `./${pkg.dir}`))) return true;
  return p.all && index.workspaceTool !== null;
}

/** Every publish path of the repository: release configs, root scripts and CI steps. */
export function publishPaths(index: RepoIndex): readonly PublishPath[] {
  let out = cache.get(index);
  if (out) return out;
  out = [];
  if (index.has('.changeset/config.json')) {
    let ignore: string[] = [];
    try {
      const config = JSON.parse(index.read('.changeset/config.json') ?? '{}') as { ignore?: unknown };
      if (Array.isArray(config.ignore)) ignore = config.ignore.filter((x): x is string => typeof x === 'string');
    } catch {
      // An unreadable config still says changesets releases the workspace.
    }
    out.push({ says: 'the changesets config `/.changeset/config.json`', all: ignore.length === 0, names: [], dirs: [] });
    if (ignore.length > 0) {
      const names = index.packages.map((p) => p.name).filter((n) => !ignore.includes(n));
      out.push({ says: 'the changesets config `/.changeset/config.json`', all: false, names, dirs: [] });
    }
  }
  for (const file of ['release-please-config.json']) {
    if (!index.has(file)) continue;
    try {
      const config = JSON.parse(index.read(file) ?? '{}') as { packages?: Record<string, unknown> };
      const dirs = Object.keys(config.packages ?? {}).map((d) => (d === '.' ? '' : d.replace(/^\.\//, '').replace(/\/$/, '')));
      out.push({ says: `\`/${file}\``, all: false, names: [], dirs });
    } catch {
      // Nothing to name.
    }
  }
  const root = index.packages.find((p) => p.isRoot);
  for (const [k, v] of Object.entries(((root?.manifest as Record<string, unknown> | undefined)?.scripts ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string' || !PUBLISH_COMMAND.test(v)) continue;
    out.push(scoped(v, `\`${v.match(PUBLISH_COMMAND)![0].trim()}\` in the root \`${k}\` script`));
  }
  for (const file of index.files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$|^\.gitlab-ci\.ya?ml$/.test(f))) {
    const lines = (index.read(file) ?? '').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*#/.test(line) || !PUBLISH_COMMAND.test(line)) return;
      const says = `\`${line.match(PUBLISH_COMMAND)![0].trim()}\` in \`/${file}:${i + 1}\``;
      out!.push(scoped(line, says, workingDirectory(lines, i)));
    });
  }
  cache.set(index, out);
  return out;
}

/** What a command covers: every workspace package, the ones it names, the folder it `cd`s into, or where it runs. */
function scoped(command: string, says: string, dir = ''): PublishPath {
  // Flags count only in the publish command itself (`rm -r dist && npm publish` publishes one package).
  const at = command.search(PUBLISH_COMMAND);
  const own = command.slice(at).split(/&&|\|\||;/)[0];
  const names = [...own.matchAll(NAMED)].map((m) => m[1]);
  const cd = command.slice(0, at).match(/\bcd\s+['"]?([\w@./-]+)[^&;]*(?:&&|;)\s*$/)?.[1]?.replace(/^\.\//, '').replace(/\/$/, '');
  if (ALL_PACKAGES.test(own)) return { says, all: true, names, dirs: [] };
  if (names.length > 0) return { says, all: false, names, dirs: names };
  return { says, all: false, names: [], dirs: [cd ?? dir] };
}

/** The `working-directory:` of the CI step holding line `i` ('' when the step runs at the root). */
function workingDirectory(lines: readonly string[], i: number): string {
  const at = (j: number) => lines[j].match(/^\s*-?\s*working-directory:\s*['"]?([\w@./-]+)/)?.[1]?.replace(/^\.\//, '').replace(/\/$/, '');
  let start = i;
  while (start > 0 && start > i - 15 && !/^\s*-\s/.test(lines[start])) start--;
  const indent = lines[start].search(/\S/);
  for (let j = start; j < lines.length && j < i + 15; j++) {
    if (j > start && /^\s*-\s/.test(lines[j]) && lines[j].search(/\S/) <= indent) break;
    const wd = at(j);
    if (wd) return wd;
  }
  return '';
}
