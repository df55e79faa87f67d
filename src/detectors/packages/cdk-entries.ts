/** The files a package's CDK app starts from: cdk.json's `app`, `cdk --app` scripts, `bin/` files that make the app. */
import type { WorkspacePackage } from '../../scan/package-json.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { join, sourceOf } from './built-source.js';

/** `new App()`, `new cdk.App({ … })`: the file that creates a CDK app. */
export const CREATES_CDK_APP = /\bnew\s+(?:[\w$]+\.)?App\s*\(/;

/** The file named in cdk.json's `app` command (`npx ts-node --prefer-ts-exts bin/app.ts`). */
export function cdkAppEntry(index: RepoIndex, dir: string): string | undefined {
  const config = index.readJson<{ app?: unknown }>(join(dir, 'cdk.json'));
  if (typeof config?.app !== 'string') return undefined;
  for (const token of config.app.split(/\s+/)) {
    const rel = token.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '');
    if (!/\.[cm]?[jt]s$/.test(rel)) continue;
    const file = join(dir, rel);
    if (index.has(file)) return file;
    const source = sourceOf(index, dir, rel);
    if (source) return source;
  }
  return undefined;
}

/**
 * The package's files a CDK app starts from: the file cdk.json's `app` names, files a package.json script hands to
 * `cdk --app '…'`, and `bin/` files that create the app themselves (`new cdk.App()`). `bin/` is called the CDK app
 * entry only when it holds one of these: in a construct library it holds build scripts.
 */
export function cdkEntryFiles(index: RepoIndex, pkg: WorkspacePackage, own: readonly string[]): string[] {
  const out = new Set<string>();
  const app = cdkAppEntry(index, pkg.dir);
  if (app) out.add(app);
  for (const file of cdkScriptApps(index, pkg)) out.add(file);
  const bin = join(pkg.dir, 'bin/');
  for (const file of own) if (file.startsWith(bin) && /^[^/]+\.[cm]?[jt]s$/.test(file.slice(bin.length)) && CREATES_CDK_APP.test(index.read(file) ?? '')) out.add(file);
  return [...out].sort();
}

/**
 * Files the package's scripts hand to the CDK CLI as the app: `cdk --app "ts-node test/integ.main.lit.ts"`,
 * `cdk -a 'npx ts-node bin/publish.ts' deploy` (a built `.js` → its source). Read from package.json text only.
 */
export function cdkScriptApps(index: RepoIndex, pkg: WorkspacePackage): string[] {
  const out = new Set<string>();
  const scripts = (pkg.manifest.scripts ?? {}) as Record<string, unknown>;
  for (const command of Object.values(scripts)) {
    if (typeof command !== 'string') continue;
    const m = /\bcdk\b[^;&|]*?\s(?:--app|-a)(?:=|\s+)(?:"([^"]*)"|'([^']*)'|([^\s"']+))/.exec(command);
    for (const token of (m ? (m[1] ?? m[2] ?? m[3]) : '').split(/\s+/)) {
      const rel = token.replace(/^\.\//, '');
      if (!/^[\w./-]+\.[cm]?[jt]sx?$/.test(rel) || rel.startsWith('../')) continue;
      const file = index.has(join(pkg.dir, rel)) ? join(pkg.dir, rel) : sourceOf(index, pkg.dir, rel);
      if (file) out.add(file);
    }
  }
  return [...out].sort();
}
