/**
 * The repository model as the MCP server needs it: built on the first call, then kept while the repository is
 * unchanged. A folder watch says when something may have changed; then a fingerprint (the file list and every file's
 * size and mtime) says whether it did, and the index is rebuilt from the previous one, so only changed files are read
 * and parsed again.
 */
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { FactSet, type Fact } from '../facts.js';
import { listFiles } from '../scan/list-files.js';
import type { GeneratedSection } from '../steps/generate.js';
import { STEPS } from '../steps/registry.js';
import type { StepContext } from '../steps/types.js';
import { Analyzer } from '../wizard/analyzer.js';
import { entriesOf, type Entry } from './entries.js';
import { ChangeWatch } from './watch.js';

export class LiveModel {
  private analyzer: Analyzer | undefined;
  private fingerprint = '';
  private entries: Entry[] | undefined;
  /** One refresh at a time: calls that arrive together share it. */
  private refreshing: Promise<Analyzer> | undefined;

  private readonly watch: ChangeWatch;

  constructor(
    readonly root: string,
    private readonly context: StepContext,
    private readonly exclude: readonly string[],
  ) {
    this.watch = new ChangeWatch(root, exclude.map((p) => path.resolve(p)));
  }

  /** The analyzer for the repository as it is now. */
  private current(): Promise<Analyzer> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<Analyzer> {
    // A change made just before this call is already queued by the kernel, but its watch event may come after the
    // request in the same turn of the event loop: let the loop deliver it first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.analyzer && !this.watch.dirty) return this.analyzer;
    this.watch.reset();
    const print = await fingerprintOf(this.root, this.exclude);
    if (this.analyzer && print === this.fingerprint) return this.analyzer;
    if (!this.analyzer) this.analyzer = await Analyzer.open(this.root, this.context, { exclude: this.exclude });
    else await this.analyzer.regenerate(1);
    this.fingerprint = print;
    this.entries = undefined;
    this.watch.watchFolders(this.analyzer.repoIndex.files);
    return this.analyzer;
  }

  close(): void {
    this.watch.close();
  }

  async section(step: number): Promise<GeneratedSection> {
    return (await this.current()).section(step);
  }

  /** Every entry of every step's facts, built once per state of the repository. */
  async allEntries(): Promise<Entry[]> {
    const analyzer = await this.current();
    if (!this.entries) {
      const facts: Fact[] = [];
      const seen = new Set<string>();
      for (const step of STEPS) {
        for (const f of (await analyzer.section(step.number)).facts) {
          const key = `${f.kind}\u0000${f.id}`;
          if (!seen.has(key)) {
            seen.add(key);
            facts.push(f);
          }
        }
      }
      this.entries = entriesOf(new FactSet(facts), analyzer.repoIndex);
    }
    return this.entries;
  }
}

/** The file list with each file's size and mtime, hashed: equal prints mean nothing the analysis reads changed. */
async function fingerprintOf(root: string, exclude: readonly string[]): Promise<string> {
  const listing = await listFiles(root);
  const skip = new Set(exclude.map((p) => path.relative(root, path.resolve(p)).split(path.sep).join('/')));
  const hash = createHash('sha1');
  hash.update(listing.gitHead ?? '');
  for (const file of listing.files) {
    if (skip.has(file)) continue;
    let stamp = '-';
    try {
      const st = lstatSync(path.join(root, file));
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // deleted since it was listed: the stamp says so
    }
    hash.update(`${file}\u0000${stamp}\n`);
  }
  return hash.digest('hex');
}
