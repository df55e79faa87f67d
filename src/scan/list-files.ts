import { execFileSync, spawn } from 'node:child_process';
import { findProgram, trustedPathVariable } from './find-program.js';

/** Folders never analysed, whatever the ignore files say. */
const ALWAYS_IGNORED = /(^|\/)(node_modules|\.git|\.project-context)(\/|$)/;

export interface FileListing {
  /** Repo-relative posix paths, sorted. */
  files: string[];
  readonly source: 'git' | 'glob';
  readonly gitHead: string | null;
}

/**
 * Lists the repository's files. Inside git this is `git ls-files` (milliseconds even on 20,000 files, and exactly
 * what the team sees); outside git, globby honouring .gitignore. Symbolic links are listed but never followed.
 */
export async function listFiles(root: string): Promise<FileListing> {
  const fromGit = await listWithGit(root);
  if (fromGit) return fromGit;
  // Loaded only outside git: most runs never pay for it.
  const { globby } = await import('globby');
  // `onlyFiles` would drop symbolic links (not followed, they are not files): list every entry but folders, as
  // `git ls-files` lists a link (a README linked to a package's README is the repository's README).
  const entries = await globby(['**/*'], {
    cwd: root,
    dot: true,
    gitignore: true,
    onlyFiles: false,
    markDirectories: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
    suppressErrors: true,
  });
  return { files: clean(entries.filter((entry) => !entry.endsWith('/'))), source: 'glob', gitHead: null };
}

/**
 * A repository's own `.git/config` is as untrusted as its files: `core.fsmonitor` names a program that git runs on
 * `ls-files`, so a repository unpacked with its .git folder could make us run its code. Overriding it on the command
 * line wins over every config file.
 */
const SAFE_GIT = ['-c', 'core.fsmonitor=false'];
const MAX_OUTPUT = 512 * 1024 * 1024;

/** Git by absolute path, found outside the repository (see find-program.ts), and the PATH it runs with; per root. */
const gitOf = new Map<string, { readonly program: string | undefined; readonly env: NodeJS.ProcessEnv }>();

function gitFor(root: string): { readonly program: string | undefined; readonly env: NodeJS.ProcessEnv } {
  let found = gitOf.get(root);
  if (!found) {
    const lookup = { untrusted: [root] };
    found = { program: findProgram('git', lookup), env: { ...process.env, PATH: trustedPathVariable(lookup) } };
    gitOf.set(root, found);
  }
  return found;
}

/** Runs a read-only git command in `root`; null when git is missing, fails, or this is not a repository. */
export function runGit(root: string, ...args: string[]): string | null {
  const { program, env } = gitFor(root);
  if (!program) return null;
  try {
    return execFileSync(program, [...SAFE_GIT, ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: MAX_OUTPUT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
}

/**
 * `runGit` without blocking: the listing of a large repository takes git a tenth of a second or more (it walks the
 * working tree for untracked files), and the CLI loads its analysis code meanwhile.
 */
function runGitAsync(root: string, ...args: string[]): Promise<string | null> {
  const { program, env } = gitFor(root);
  if (!program) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn(program, [...SAFE_GIT, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill();
      else chunks.push(chunk);
    });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 && size <= MAX_OUTPUT ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

async function listWithGit(root: string): Promise<FileListing | null> {
  const git = (...args: string[]): Promise<string | null> => runGitAsync(root, ...args);
  // Both questions at once: whether this is a work tree (and its HEAD), and the listing. A repository without a commit
  // fails the first (HEAD is unknown) and is asked again without HEAD; outside a repository the listing fails too.
  // One listing call for tracked (`H`), untracked (`?`) and deleted-but-still-tracked (`R`) files.
  // Our own state folder is never listed (ALWAYS_IGNORED), and git is kept out of it altogether: a `.gitignore` there
  // committed as a FIFO would make git wait forever for a writer.
  const [pair, listed] = await Promise.all([
    git('rev-parse', '--is-inside-work-tree', 'HEAD'),
    git('ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard', '--', '.', ':(exclude).project-context'),
  ]);
  const both = pair?.trim().split('\n');
  if (both ? both[0] !== 'true' : (await git('rev-parse', '--is-inside-work-tree'))?.trim() !== 'true') return null;
  if (listed === null) return null;
  const entries = listed.split('\0').filter((e) => e.length > 2);
  const deleted = new Set(entries.filter((e) => e.startsWith('R ')).map((e) => e.slice(2)));
  const files = entries.filter((e) => !e.startsWith('R ')).map((e) => e.slice(2)).filter((f) => !deleted.has(f));
  // Without a commit, a file named HEAD is echoed back as a path: only an object name is a head.
  const head = both && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(both[1] ?? '') ? both[1] : null;
  return { files: clean(files), source: 'git', gitHead: head };
}

function clean(files: string[]): string[] {
  return [...new Set(files.filter((f) => !ALWAYS_IGNORED.test(f)))].sort();
}
