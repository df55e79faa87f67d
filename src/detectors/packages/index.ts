import type { Citation, Detector, Fact } from '../../facts.js';
import { allDependencies } from '../../scan/package-json.js';
import { packageKind, type PackageKind } from '../stack/kind.js';
import { isAuxiliary, packageRole, type PackageRole } from '../stack/role.js';
import { filesByPackage } from '../stack/package-files.js';
import { CDK_JSON_TOOL, configFiles, type ConfigFile } from './config-files.js';
import { keyDirectories, type KeyDirectory } from './directories.js';
import { cdkEntryFiles } from './cdk-entries.js';
import { entryPoints, type EntryPoint, type UnresolvedEntry } from './entry-points.js';
import { purposeOf, rootPackagesTable, type Purpose } from './purpose.js';

export type { ConfigFile, EntryPoint, KeyDirectory, PackageRole, Purpose, UnresolvedEntry };
export { cdkAppEntry } from './cdk-entries.js';

export interface PackageData {
  readonly name: string;
  /** The package.json `name` when `name` carries a folder to tell two packages of one name apart (`novel (root)`). */
  readonly manifestName?: string;
  /** Repo-relative folder, '' for the root. */
  readonly dir: string;
  readonly manifest: string;
  readonly isRoot: boolean;
  /** An example, test suite, fixture, benchmark or playground package rather than part of the product. */
  readonly auxiliary: boolean;
  /** Product, docs site, internal tooling, example, test app or benchmark, with the evidence. */
  readonly role: PackageRole;
  /** Named by the workspace declaration (or the root); false for a package.json folder outside the workspaces. */
  readonly declared: boolean;
  readonly version?: string;
  readonly private: boolean;
  readonly purpose?: Purpose;
  readonly kind?: PackageKind;
  /** Files of this package, not counting nested packages. */
  readonly fileCount: number;
  readonly entryPoints: readonly EntryPoint[];
  readonly unresolvedEntries: readonly UnresolvedEntry[];
  readonly directories: readonly KeyDirectory[];
  readonly configs: readonly ConfigFile[];
}

export type PackageFact = Fact<'packages.package', PackageData>;

/** Every package of the repository (the root first) with its purpose, entry points, folders and config files. */
export const packagesDetector: Detector = {
  id: 'packages',
  isEnabled: () => true,
  detect(index): PackageFact[] {
    const own = filesByPackage(index);
    const table = rootPackagesTable(index);
    // Root first, then by folder (a parent before its nested packages).
    const ordered = [...index.packages].sort((a, b) => Number(b.isRoot) - Number(a.isRoot) || a.dir.localeCompare(b.dir));
    return ordered.map((pkg) => {
      const files = own.get(pkg) ?? [];
      const kind = packageKind(pkg, index);
      const cdk = 'aws-cdk-lib' in allDependencies(pkg.manifest) || index.has(pkg.dir ? `${pkg.dir}/cdk.json` : 'cdk.json');
      const { found, unresolved } = entryPoints(index, pkg, files);
      const deps = new Set([...Object.keys(pkg.hoisted ?? {}), ...Object.keys(allDependencies(pkg.manifest))]);
      const nested = index.packages.filter((p) => p !== pkg && (pkg.dir === '' || p.dir.startsWith(`${pkg.dir}/`))).map((p) => ({ dir: p.dir, files: own.get(p)?.length ?? 0 }));
      const template = ['template.yaml', 'template.yml'].map((f) => (pkg.dir ? `${pkg.dir}/${f}` : f)).find((f) => index.has(f));
      const samTemplate = template !== undefined && /AWS::Serverless/.test(index.read(template) ?? '');
      const cdkEntries = cdk ? cdkEntryFiles(index, pkg, files) : [];
      const directories = keyDirectories(pkg.dir, files, { kind: kind?.id, cdk, deps, samTemplate, read: (f) => index.read(f), cdkEntries }, undefined, nested);
      if (kind?.id === 'lambda') {
        // Each Lambda handler file is an entry of its own; the folder that holds them is what a newcomer needs.
        for (const d of directories.filter((x) => x.role === 'Lambda handlers')) {
          found.push({ file: d.dir, role: `Lambda handler files (${d.files})`, isDir: true });
        }
      }
      const data: PackageData = {
        name: pkg.name,
        manifestName: typeof pkg.manifest.name === 'string' && pkg.manifest.name !== pkg.name ? pkg.manifest.name : undefined,
        dir: pkg.dir,
        manifest: pkg.manifestPath,
        isRoot: pkg.isRoot,
        auxiliary: isAuxiliary(pkg),
        role: packageRole(pkg, index),
        declared: pkg.declared,
        version: typeof pkg.manifest.version === 'string' ? pkg.manifest.version : undefined,
        private: pkg.manifest.private === true,
        purpose: purposeOf(index, pkg, table),
        kind,
        fileCount: files.length,
        entryPoints: found,
        unresolvedEntries: unresolved,
        directories,
        // A cdk.json without `app` holds only settings (the app is named with `cdk --app`, or the package is a library).
        configs: configFiles(pkg.dir, files, index.workspaceTool === 'pnpm').map((c) =>
          c.tool === CDK_JSON_TOOL && typeof index.readJson<{ app?: unknown }>(c.file)?.app !== 'string' ? { ...c, tool: 'AWS CDK settings and context (no app command)' } : c,
        ),
      };
      const at: Citation[] = [{ file: pkg.manifestPath }];
      return { kind: 'packages.package', id: pkg.dir || '.', data, at };
    });
  },
};
