import { globListMatcher } from './glob.js';
import { get, parseYaml, strings } from './yaml.js';
import type { PackageJson, WorkspacePackage } from './package-json.js';

export type WorkspaceTool = 'npm' | 'yarn' | 'pnpm' | 'lerna' | null;

export interface WorkspaceLayout {
  readonly tool: WorkspaceTool;
  readonly patterns: readonly string[];
  readonly packages: readonly WorkspacePackage[];
}

type ReadJson = (path: string) => PackageJson | undefined;
type ReadText = (path: string) => string | undefined;

/** Folders whose package.json files are test data or build output, not packages of the repository. */
const NOT_A_PACKAGE = /(^|\/)(fixtures?|__fixtures__|__mocks__|test-data|testdata|dist|build|out|\.next|\.astro|cdk\.out)\//;

/**
 * Finds the packages of the repository from npm/yarn `workspaces`, pnpm-workspace.yaml or lerna.json, matched against
 * the listed files. Without a workspace declaration, nested package.json files outside test data count as packages.
 */
export function findWorkspaces(files: readonly string[], readJson: ReadJson, readText: ReadText): WorkspaceLayout {
  const rootManifest = readJson('package.json');
  const { tool, patterns } = declaredPatterns(rootManifest, readJson, readText);
  const manifests = files.filter((f) => f.endsWith('package.json') && (f === 'package.json' || f.endsWith('/package.json')));
  const nested = manifests.filter((f) => f !== 'package.json');

  let members: string[];
  if (patterns.length > 0) {
    const member = globListMatcher(patterns);
    members = nested.filter((f) => member(f.slice(0, -'/package.json'.length)));
  } else {
    members = nested.filter((f) => !NOT_A_PACKAGE.test(f));
  }

  const packages: WorkspacePackage[] = [];
  if (rootManifest || files.includes('package.json')) {
    packages.push(toPackage('package.json', rootManifest ?? {}, true));
  }
  for (const path of members.sort()) {
    const manifest = readJson(path);
    if (manifest) packages.push(toPackage(path, manifest, false));
  }
  return { tool, patterns, packages };
}

function declaredPatterns(
  root: PackageJson | undefined,
  readJson: ReadJson,
  readText: ReadText,
): { tool: WorkspaceTool; patterns: string[] } {
  const pnpm = readText('pnpm-workspace.yaml') ?? readText('pnpm-workspace.yml');
  if (pnpm !== undefined) return { tool: 'pnpm', patterns: parsePnpmPackages(pnpm) };
  const ws = root?.workspaces;
  const list = Array.isArray(ws) ? ws : Array.isArray(ws?.packages) ? ws.packages : [];
  if (list.length > 0) {
    const yarn = readText('yarn.lock') !== undefined || /^yarn@/.test(root?.packageManager ?? '');
    return { tool: yarn ? 'yarn' : 'npm', patterns: list.filter((p) => typeof p === 'string') };
  }
  const lerna = readJson('lerna.json') as { packages?: unknown } | undefined;
  if (lerna) {
    const pk = Array.isArray(lerna.packages) ? lerna.packages.filter((p) => typeof p === 'string') : ['packages/*'];
    return { tool: 'lerna', patterns: pk };
  }
  return { tool: null, patterns: [] };
}

/** The `packages:` list of pnpm-workspace.yaml (what parses of it, when it has a syntax error). */
export function parsePnpmPackages(yaml: string): string[] {
  return strings(get(parseYaml(yaml).root, 'packages')).filter(Boolean);
}

function toPackage(manifestPath: string, manifest: PackageJson, isRoot: boolean): WorkspacePackage {
  const dir = isRoot ? '' : manifestPath.slice(0, -'/package.json'.length);
  const folderName = dir.split('/').pop() || 'root';
  const name = typeof manifest.name === 'string' && manifest.name ? manifest.name : folderName;
  return { name, dir, manifestPath, manifest, isRoot };
}
