import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CliOptions } from '../cli/args.js';
import { UserFacingError } from '../errors.js';
import type { StepContext } from '../steps/types.js';
import { readRegularFile } from '../output/path-policy.js';
import { checkRunPaths } from './run-paths.js';

export interface RunOptions {
  readonly root: string;
  readonly output: string;
  readonly stateFile: string;
  /** Selected steps, in order. */
  readonly steps: readonly number[];
  readonly restart: boolean;
  readonly context: StepContext;
  readonly editorFlag?: string;
}

const MAX_VISION_BYTES = 512 * 1024;

/** Turns flags into checked absolute paths, with a plain sentence for each way they can be wrong. */
export function resolveRunOptions(cli: CliOptions, cwd = process.cwd()): RunOptions {
  const root = path.resolve(cwd, cli.dir);
  if (!existsSync(root)) throw new UserFacingError(`There is no folder at ${root}.`, 'Check the path, or run project-context inside the repository.');
  if (!statSync(root).isDirectory()) {
    throw new UserFacingError(`${root} is a file; project-context needs the repository's folder.`, `Try: project-context ${path.dirname(root)}`);
  }
  const output = cli.output ? path.resolve(cwd, cli.output) : path.join(root, 'PROJECT-CONTEXT.md');
  if (existsSync(output) && statSync(output).isDirectory()) {
    throw new UserFacingError(`The output ${output} is a folder.`, 'Give --output a file name, e.g. --output docs/PROJECT-CONTEXT.md.');
  }
  const stateFile = cli.state ? path.resolve(cwd, cli.state) : path.join(root, '.project-context', 'state.json');
  if (!cli.state) refuseLinks(stateFile);
  checkRunPaths(root, output, stateFile);
  return {
    root,
    output,
    stateFile,
    steps: cli.steps,
    restart: cli.restart,
    context: {
      ...(cli.vision ? { vision: readVision(cli.vision, root, cwd) } : {}),
      ...(cli.detail === 'full' ? { detail: 'full' as const } : {}),
      ...(cli.focus !== undefined ? { focus: focusPath(cli.focus, root, cwd) } : {}),
    },
    editorFlag: cli.editor,
  };
}

/**
 * The default session folder sits inside a repository nobody vetted: committed as a symbolic link, it would make us
 * write (and read) our files wherever it points. A --state the user typed is theirs to choose.
 */
function refuseLinks(stateFile: string): void {
  for (const p of [path.dirname(stateFile), stateFile, `${stateFile}.lock`]) {
    let link = false;
    try {
      link = lstatSync(p).isSymbolicLink();
    } catch {
      // missing: nothing to refuse
    }
    if (link) {
      throw new UserFacingError(`${p} is a symbolic link; project-context does not read or write through links.`, 'Remove it, or choose where to keep the session with --state.');
    }
  }
}

function readVisionText(file: string): string {
  try {
    return (readRegularFile(realpathSync(file), { what: 'The vision document', fix: 'check the --vision path', maxBytes: 64 * MAX_VISION_BYTES }) ?? Buffer.alloc(0))
      .toString('utf8')
      .slice(0, MAX_VISION_BYTES);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error), 'Check the --vision path.');
  }
}

/**
 * `--focus` as a repo-relative posix path: written relative to the repository (`packages/api`, `/packages/api` as the
 * map cites it) or to the current folder (`./src` inside a package).
 */
export function focusPath(focus: string, root: string, cwd: string): string {
  const candidates = [path.resolve(root, focus.replace(/^\/+/, '')), path.resolve(cwd, focus)];
  for (const absolute of candidates) {
    const rel = path.relative(root, absolute);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (existsSync(absolute)) return rel.split(path.sep).join('/');
  }
  throw new UserFacingError(`--focus ${focus}: there is no such file or folder in ${root}.`, 'Give a package folder as the map cites it, e.g. --focus packages/api.');
}

function readVision(file: string, root: string, cwd: string): { path: string; text: string } {
  const absolute = path.resolve(cwd, file);
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    throw new UserFacingError(`The vision document ${absolute} does not exist.`, 'Check the --vision path.');
  }
  // A regular file (statSync above follows a link the user may well mean), read without blocking and within a cap.
  const text = readVisionText(absolute);
  const inside = path.relative(root, absolute);
  const shown = inside.startsWith('..') || path.isAbsolute(inside) ? absolute : inside.split(path.sep).join('/');
  return { path: shown, text };
}
