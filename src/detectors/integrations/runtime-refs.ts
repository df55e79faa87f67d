/**
 * Packages loaded by name at run time rather than imported: a Node preload in a command (`node -r ts-node/register`,
 * `--import tsx`, `--loader ts-node/esm`) in package.json scripts or nodemon's `exec`, and a pino transport
 * (`transport: { target: 'pino-pretty' }`), which pino loads in a worker thread. Such a dependency is used, though no
 * source file imports it ("not imported in source" would send a reader to remove it).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { packageName } from './package-name.js';

/** Programs whose `-r`/`--require`/`--import`/`--loader` flags preload a package. */
const RUNNER = /^(?:node|nodemon|ts-node|ts-node-dev|tsx|mocha|nyc|c8|ava)$/;
const PRELOAD = /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader)(?:\s+|=)['"]?([@a-z0-9][\w.@/-]*)/gi;
const PINO_TARGET = /\btargets?\s*:\s*['"]([@a-z0-9][\w.@/-]*)['"]/g;
const SOURCE = /\.[cm]?[jt]sx?$/;

/** The packages one shell command preloads, segment by segment (`a && node -r x b`), only after a Node runner. */
export function preloadedPackages(command: string): string[] {
  const out: string[] = [];
  for (const segment of command.split(/&&|\|\||[;|]/)) {
    const words = segment.trim().split(/\s+/).filter((w) => !/^\w+=/.test(w) && w !== 'npx' && w !== 'cross-env');
    if (!RUNNER.test(words[0] ?? '')) continue;
    for (const m of segment.matchAll(PRELOAD)) if (!m[1].startsWith('.')) out.push(packageName(m[1]));
  }
  return out;
}

/** Package name → the files that load it by name at run time (repo-relative, sorted). */
export function runtimeReferences(index: RepoIndex): Map<string, string[]> {
  const refs = new Map<string, Set<string>>();
  const add = (name: string, file: string) => {
    let set = refs.get(name);
    if (!set) refs.set(name, (set = new Set()));
    set.add(file);
  };
  for (const pkg of index.packages) {
    for (const command of Object.values(pkg.manifest.scripts ?? {})) {
      if (typeof command === 'string') for (const name of preloadedPackages(command)) add(name, pkg.manifestPath);
    }
  }
  for (const file of index.files) {
    if (/(^|\/)nodemon\.json$/.test(file)) {
      const config = index.readJson<{ exec?: unknown; execMap?: unknown }>(file);
      const commands = [config?.exec, ...Object.values(config?.execMap && typeof config.execMap === 'object' ? config.execMap : {})];
      // nodemon runs `exec` itself: a bare flag list (`-r ts-node/register src/index.ts`) is a node command too.
      for (const c of commands) if (typeof c === 'string') for (const name of preloadedPackages(/^\s*-/.test(c) ? `node ${c}` : c)) add(name, file);
      continue;
    }
    if (!SOURCE.test(file) || file.includes('node_modules/')) continue;
    const text = index.read(file);
    if (!text || !text.includes('pino') || !text.includes('target')) continue;
    for (const m of text.matchAll(PINO_TARGET)) if (!m[1].startsWith('.')) add(packageName(m[1]), file);
  }
  return new Map([...refs].map(([k, v]) => [k, [...v].sort()]));
}
