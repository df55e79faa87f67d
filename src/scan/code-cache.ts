/**
 * Loads ts-morph's compiler (13 MB of JavaScript in three CommonJS files) with a V8 code cache, so that each run does
 * not compile it again: 0.26 s → 0.15 s of start-up, on the analysis thread's path to step 1. Node 22 has this built
 * in (`module.enableCompileCache`); Node 20 does not.
 *
 * The files are the installed ones, loaded into Node's module cache exactly as `require` would, only compiled with
 * `cachedData`; `require('ts-morph')` then finds them. The cache lives in the user's own cache folder (never a shared
 * temp folder: a planted cache would be code we run), one file per source file, keyed by its size and mtime and by
 * the V8 version. V8 rejects a stale or damaged cache itself; it is then rewritten. Any failure falls back to a plain
 * `require`. `PROJECT_CONTEXT_CODE_CACHE=0` turns it off.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { makeDirs } from '../output/atomic.js';
import { readRegularFile } from '../output/path-policy.js';

interface ModuleInternals {
  _cache: Record<string, unknown>;
  _nodeModulePaths(dir: string): string[];
  wrap(source: string): string;
}

type CjsModule = { filename: string; paths: string[]; exports: unknown; loaded: boolean };

/** Where the compiled code is kept: the platform's per-user cache folder. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string | undefined {
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA
      : platform === 'darwin'
        ? home && path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : home && path.join(home, '.cache');
  return base ? path.join(base, 'project-context', `v8-${process.versions.v8}-${process.arch}`) : undefined;
}

/** The folder, created private; undefined unless it is a real folder of ours. */
function ownFolder(dir: string): string | undefined {
  makeDirs(dir, 0o700);
  const st = lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) return undefined;
  return dir;
}

/** The compiled code saved for one file, under the path policy (a regular file, capped); undefined when unusable. */
function readCache(file: string): Buffer | undefined {
  try {
    return readRegularFile(file, { what: 'The code cache', fix: 'remove it', maxBytes: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Compiles and runs one CommonJS file into Node's module cache, with the V8 code cache at `cacheDir`. */
function loadCommonJs(file: string, cacheDir: string): void {
  const internals = Module as unknown as ModuleInternals;
  if (internals._cache[file]) return;
  const source = readFileSync(file, 'utf8');
  const st = statSync(file);
  const cacheFile = path.join(cacheDir, `${path.basename(file)}-${st.size}-${Math.floor(st.mtimeMs)}.bin`);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(internals.wrap(source), { filename: file, cachedData });
  const mod = new (Module as unknown as new (id: string) => CjsModule)(file);
  mod.filename = file;
  mod.paths = internals._nodeModulePaths(path.dirname(file));
  // In the cache before it runs, as `require` does, so a cycle back to it finds it.
  internals._cache[file] = mod;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
  } catch (error) {
    delete internals._cache[file];
    throw error;
  }
  if (!cachedData || script.cachedDataRejected) {
    try {
      const temp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: 'wx' });
      renameSync(temp, cacheFile);
      removeOlderCaches(cacheDir, path.basename(file), path.basename(cacheFile));
    } catch {
      /* a read-only or full disk: the next run compiles again */
    }
  }
}

/**
 * A reinstall changes the files' mtime and so the key: caches of earlier installs (megabytes each) would pile up. The
 * newest other one is kept, so two installs used in turn (a global one and a clone) do not evict each other.
 */
function removeOlderCaches(cacheDir: string, source: string, current: string): void {
  const prefix = `${source}-`;
  const others = readdirSync(cacheDir)
    .filter((name) => name !== current && name.startsWith(prefix) && /-\d+-\d+\.bin$/.test(name))
    .map((name) => ({ name, mtime: statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of others.slice(1)) rmSync(path.join(cacheDir, name), { force: true });
}

/**
 * Preloads ts-morph and the compiler it bundles with the code cache. Call before `require('ts-morph')`; `from` is a
 * file whose `require` resolves ts-morph (the caller's `import.meta.url`).
 */
export function preloadTsMorph(from: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.PROJECT_CONTEXT_CODE_CACHE === '0') return;
  const internals = Module as unknown as ModuleInternals;
  const loaded: string[] = [];
  try {
    const dir = codeCacheDir(env);
    const cacheDir = dir && ownFolder(dir);
    if (!cacheDir) return;
    const morph = createRequire(from).resolve('ts-morph');
    const common = createRequire(morph).resolve('@ts-morph/common');
    // Dependencies first, so each file's own `require` of the next finds it loaded.
    for (const file of [path.join(path.dirname(common), 'typescript.js'), common, morph]) {
      if (!existsSync(file)) return;
      loadCommonJs(file, cacheDir);
      loaded.push(file);
    }
  } catch {
    // Anything unexpected: leave no half-loaded module behind; the plain `require` that follows loads them all.
    for (const file of loaded) delete internals._cache[file];
  }
}

/** ts-morph itself, required from the caller's module (`from`: its `import.meta.url`), never from the repository. */
export function requireTsMorph(from: string): unknown {
  return createRequire(from)('ts-morph');
}
