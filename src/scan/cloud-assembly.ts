/**
 * CDK cloud assemblies: the folders `cdk synth` writes (`cdk.out/` by default, any name with `--output`). Each holds a
 * `cdk.out` marker file and a `manifest.json` beside CloudFormation templates and `asset.<hash>/` folders of bundled
 * Lambda code: generated copies of the application, often megabytes per asset. Some teams commit several of them
 * (`cdk.out.deploy/`, `cdk.out-staging/`); read as source they repeated every environment variable, route and
 * import of the real code and took minutes to parse. They are left out of the index, and named in the reading notes.
 */

/** Folders of the listing that are cloud assemblies, outermost only (an assembly nests its stages' assemblies). */
export function cloudAssemblyDirs(files: readonly string[]): string[] {
  const listed = new Set(files);
  const dirs: string[] = [];
  for (const file of files) {
    // The marker is a file named `cdk.out`; one at the root would make the whole repository generated: never so.
    if (!file.endsWith('/cdk.out')) continue;
    const dir = file.slice(0, -'/cdk.out'.length);
    if (listed.has(`${dir}/manifest.json`)) dirs.push(dir);
  }
  dirs.sort();
  return dirs.filter((dir, i) => !dirs.slice(0, i).some((outer) => dir.startsWith(`${outer}/`)));
}

/** The files under none of `dirs` (sorted folders, as `cloudAssemblyDirs` returns them). */
export function outside(files: readonly string[], dirs: readonly string[]): string[] {
  if (dirs.length === 0) return [...files];
  const prefixes = dirs.map((d) => `${d}/`);
  return files.filter((f) => !prefixes.some((p) => f.startsWith(p)));
}
