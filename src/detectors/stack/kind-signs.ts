/** Kind signs read from a manifest and the files beside it: a `main` that is code, a Sanity Studio, smart contracts. */
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { PackageKind } from './kind.js';

/**
 * A `main` that names code a consumer could import. The Sanity template writes `"main": "package.json"`, and a `main`
 * naming a data or docs file (`README.md`, `config.yaml`) is no more a library entry point.
 */
export function codeEntry(main: unknown): string | undefined {
  if (typeof main !== 'string' || !main.trim()) return undefined;
  const file = main.trim().replace(/^\.\//, '');
  if (file === 'package.json' || /\.(json|md|mdx|txt|ya?ml|toml|lock|html?)$/i.test(file)) return undefined;
  return main;
}

/**
 * A Sanity Studio (`sanity init`): the `sanity` dependency with its config file beside the manifest or scripts running
 * the `sanity` CLI. An app (the CMS's editing UI), not a library, whatever its `main` says. The evidence, or undefined.
 */
export function sanityStudio(pkg: WorkspacePackage, hasSanity: boolean): string | undefined {
  if (!hasSanity) return undefined;
  const config = (pkg.markers ?? []).find((m) => /^sanity\.config\./.test(m));
  if (config) return `its ${config}`;
  const script = Object.entries(pkg.manifest.scripts ?? {}).find(([, cmd]) => typeof cmd === 'string' && /(^|&&\s*|\s)sanity\s+(dev|start|build|deploy)\b/.test(cmd));
  return script ? `its \`${script[0]}\` script runs \`${String(script[1]).trim()}\`` : undefined;
}

/**
 * A Solidity smart-contract package: its development framework (Hardhat, Truffle, Foundry's `foundry.toml`) or the
 * OpenZeppelin contracts it builds on. Deployed to a chain, not installed from a registry.
 */
export function smartContracts(pkg: WorkspacePackage, deps: Record<string, string>, from: (...names: string[]) => string): PackageKind | undefined {
  const tools: [string, string | undefined][] = [
    ['Hardhat', ['hardhat', ...Object.keys(deps).sort().filter((d) => d.startsWith('@nomicfoundation/'))].find((d) => d in deps)],
    ['Truffle', ['truffle', '@truffle/core'].find((d) => d in deps)],
  ];
  const [tool, dep] = tools.find(([, d]) => d !== undefined) ?? [];
  const openzeppelin = ['@openzeppelin/contracts', '@openzeppelin/contracts-upgradeable'].find((d) => d in deps);
  const foundry = (pkg.markers ?? []).includes('foundry.toml');
  if (!dep && !openzeppelin && !foundry) return undefined;
  const names = [dep, openzeppelin].filter((d): d is string => d !== undefined);
  const because = [names.length > 0 && from(...names), foundry && 'its foundry.toml'].filter(Boolean).join('; ');
  return { id: 'smart-contracts', label: `Smart contracts (Solidity${tool ? `, ${tool}` : foundry ? ', Foundry' : ''})`, because };
}

/** An Astro package with a `main`/`exports`/`module` entry and no `src/pages/` (or `pages/`) folder: components to import. */
export function astroComponentLibrary(pkg: WorkspacePackage, hasPrefix: (prefix: string) => boolean): boolean {
  const entry = Boolean(pkg.manifest.main || pkg.manifest.exports || pkg.manifest.module);
  return entry && !hasPrefix('src/pages/') && !hasPrefix('pages/');
}
