/**
 * Per-file results kept across runs, in the state folder (`.project-context/file-cache.json`): a resumed session or a
 * second run reads every file again (cheap) but parses only the files whose content changed.
 *
 * Correctness rules, each tested in test/file-cache.test.ts:
 * - An entry is used only for the same file path and the same content (a hash of the text, not size or mtime, so an
 *   edit within one second or a `git checkout` that restores old times cannot fool it).
 * - The whole cache is dropped when the tool changes: another version, or another build of the analysis code (the
 *   sizes and times of the compiled detector and scanner modules), or another cache format.
 * - Each extractor names itself and its own version in the namespace (`env.reads@1`); values are plain JSON.
 * - The file outlives the run, so a value that quotes repository text (commands, env values) is redacted by its
 *   extractor before it is returned (`redactData`/`redactFacts`, as the facts will be): the secret canary reads it.
 * - A cache that is missing, unreadable, corrupt or written by another tool is an empty cache; one that cannot be
 *   saved only makes the next run slower. Nothing here ever fails a run.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../output/atomic.js';
import { readRegularFile, type PolicyOptions } from '../output/path-policy.js';
import { PACKAGE_NAME } from '../package-name.js';

export const FILE_CACHE_FORMAT = 1;

/** The cache of a 20,000-file monorepo is tens of megabytes; a file far bigger is not ours and is not read. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
const POLICY: PolicyOptions = { what: 'The file cache', fix: 'remove it' };

interface CacheFileJson {
  readonly format: number;
  readonly tool: string;
  /** namespace → file → [content hash, value] */
  readonly entries: Record<string, Record<string, [string, unknown]>>;
}

export function contentHash(text: string): string {
  return oneShotHash('sha1', text, 'hex').slice(0, 20);
}

export class FileCache {
  private dirty = false;

  private constructor(
    readonly file: string | undefined,
    readonly tool: string,
    private readonly entries: Map<string, Map<string, [string, unknown]>>,
  ) {}

  /** An empty cache that is never saved (tests, `--json`, `--check`). */
  static memory(): FileCache {
    return new FileCache(undefined, toolFingerprint(), new Map());
  }

  /**
   * The cache saved at `file` if it was written by this very tool, else an empty one that will replace it. Under the
   * path policy (path-policy.ts): a link, FIFO, device or folder there (a committed `file-cache.json` pointing at
   * /dev/zero) is neither read nor replaced; the run goes on without a cache.
   */
  static load(file: string, tool = toolFingerprint()): FileCache {
    const entries = new Map<string, Map<string, [string, unknown]>>();
    let bytes: Buffer | undefined;
    try {
      bytes = readRegularFile(file, { ...POLICY, maxBytes: MAX_CACHE_BYTES });
    } catch {
      return new FileCache(undefined, tool, entries);
    }
    try {
      if (bytes === undefined) throw new Error('no cache yet');
      const json = JSON.parse(bytes.toString('utf8')) as CacheFileJson;
      if (json.format === FILE_CACHE_FORMAT && json.tool === tool && json.entries && typeof json.entries === 'object') {
        for (const [ns, files] of Object.entries(json.entries)) entries.set(ns, new Map(Object.entries(files)));
      }
    } catch {
      // missing or unreadable: start empty
    }
    return new FileCache(file, tool, entries);
  }

  get(namespace: string, file: string, hash: string): unknown {
    const entry = this.entries.get(namespace)?.get(file);
    return entry && entry[0] === hash ? entry[1] : undefined;
  }

  has(namespace: string, file: string, hash: string): boolean {
    return this.entries.get(namespace)?.get(file)?.[0] === hash;
  }

  set(namespace: string, file: string, hash: string, value: unknown): void {
    let files = this.entries.get(namespace);
    if (!files) this.entries.set(namespace, (files = new Map()));
    files.set(file, [hash, value]);
    this.dirty = true;
  }

  /** Keeps only the given files (the repository's current listing), so deleted files do not accumulate. */
  retain(files: ReadonlySet<string>): void {
    for (const byFile of this.entries.values()) {
      for (const f of byFile.keys()) {
        if (!files.has(f)) {
          byFile.delete(f);
          this.dirty = true;
        }
      }
    }
  }

  /** Writes the cache if anything changed (atomically, only over a regular file). Never throws. */
  save(): void {
    if (!this.file || !this.dirty) return;
    const json: CacheFileJson = {
      format: FILE_CACHE_FORMAT,
      tool: this.tool,
      entries: Object.fromEntries([...this.entries].map(([ns, files]) => [ns, Object.fromEntries(files)])),
    };
    try {
      writeFileAtomic(this.file, JSON.stringify(json), { policy: POLICY });
      this.dirty = false;
    } catch {
      // a read-only or full disk, or not a regular file: the next run is only slower
    }
  }
}

let fingerprint: string | undefined;

/** The tool's version and the build of its analysis code: the compiled scanner and detector modules' sizes and times. */
export function toolFingerprint(): string {
  if (fingerprint) return fingerprint;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1').update(packageVersion(here));
  for (const dir of [here, path.join(here, '..', 'detectors'), path.join(here, '..', 'steps')]) {
    for (const file of listModules(dir)) {
      const st = statSync(file);
      hash.update(`${path.relative(here, file)}\0${st.size}\0${st.mtimeMs}\n`);
    }
  }
  fingerprint = hash.digest('hex').slice(0, 20);
  return fingerprint;
}

function listModules(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.[jt]sx?$/.test(e.name))
      .map((e) => path.join(e.parentPath ?? e.path, e.name))
      .sort();
  } catch {
    return [];
  }
}

function packageVersion(here: string): string {
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(here, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // the layout differs between src/ and dist/src/
    }
  }
  return 'unknown';
}
