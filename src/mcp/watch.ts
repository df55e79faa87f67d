/**
 * Tells the MCP server whether anything in the repository may have changed since it last looked, without listing and
 * stat-ing every file on every call (that alone takes longer than an answer should). One non-recursive watch per
 * folder of the listed files: a new folder shows up as an event in its parent, and the next refresh watches it too.
 * Where watching fails (no inotify, too many folders), every call is treated as possibly changed.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const IGNORED = /(^|\/)(\.git|node_modules|\.project-context)(\/|$)/;

export class ChangeWatch {
  private watchers: FSWatcher[] = [];
  private changed = true;
  private working = false;

  constructor(
    private readonly root: string,
    /** Our own files (the output, the state): writing them is not a change of the repository. */
    private readonly own: readonly string[],
  ) {}

  /** Whether a refresh is needed; true until `watchFolders` succeeded, and whenever watching is not possible. */
  get dirty(): boolean {
    return this.changed || !this.working;
  }

  /** Called when a refresh starts: events from now on count for the next call. */
  reset(): void {
    this.changed = false;
  }

  /** Watches the folders holding `files` (repo-relative), replacing earlier watches. */
  watchFolders(files: readonly string[]): void {
    this.close();
    const dirs = new Set<string>(['']);
    for (const f of files) {
      for (let i = f.indexOf('/'); i !== -1; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
    }
    try {
      for (const dir of dirs) {
        if (IGNORED.test(dir)) continue;
        const watcher = watch(path.join(this.root, dir), { persistent: false }, (_event, name) => {
          const file = name ? path.join(this.root, dir, name.toString()) : undefined;
          if (file && (this.own.includes(file) || IGNORED.test(path.relative(this.root, file).split(path.sep).join('/')))) return;
          this.changed = true;
        });
        watcher.on('error', () => this.fail());
        this.watchers.push(watcher);
      }
      this.working = true;
    } catch {
      this.fail();
    }
  }

  private fail(): void {
    this.close();
    this.working = false;
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
