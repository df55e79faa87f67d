import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from './errors.js';

/** User settings kept across runs (in the OS config folder, via conf); validated, never trusted blindly. */
export const SettingsSchema = z.object({
  editor: z.string().trim().min(1).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];

interface Store {
  readonly path: string;
  get(): Settings;
  set(key: keyof Settings, value: string | undefined): void;
}

/**
 * The settings folder: PROJECT_CONTEXT_CONFIG_DIR, else the platform's config folder (the place conf's env-paths
 * picks, spelled out here so that an error can name the file).
 */
export function settingsDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  if (env.PROJECT_CONTEXT_CONFIG_DIR) return path.resolve(env.PROJECT_CONTEXT_CONFIG_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'project-context');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'project-context', 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'project-context');
}

/** A settings file that cannot be used: one sentence naming it and how to fix it (exit 1). */
export class SettingsFileError extends UserFacingError {
  constructor(file: string, why: string, fix = `Fix it, or delete it to go back to no settings (rm ${JSON.stringify(file)}).`) {
    super(`The settings file ${file} ${why}.`, fix);
  }
}

const NOT_A_FOLDER_FIX = 'Set PROJECT_CONTEXT_CONFIG_DIR to a folder (or unset it).';

/** What is wrong with the settings file before conf reads it (a FIFO would hang it, a huge file fill memory). */
function precheck(dir: string, file: string): void {
  for (const [p, want] of [
    [dir, 'folder'],
    [file, 'file'],
  ] as const) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p); // a settings file linked from a dotfiles folder is the user's own choice: followed
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code === 'ENOTDIR') throw new SettingsFileError(file, `cannot be used: ${dir} is not a folder`, NOT_A_FOLDER_FIX);
      throw new SettingsFileError(file, `cannot be read (${code ?? String(error)})`);
    }
    if (want === 'folder' && !st.isDirectory()) throw new SettingsFileError(file, `cannot be used: ${dir} is not a folder`, NOT_A_FOLDER_FIX);
    if (want === 'file' && !st.isFile()) throw new SettingsFileError(file, 'is not a regular file');
    if (want === 'file' && st.size > 1024 * 1024) throw new SettingsFileError(file, 'is too big to be a settings file');
  }
}

/** conf pulls in a JSON-schema validator, so it is loaded only when settings are actually needed. */
export async function openSettings(): Promise<Store> {
  const { default: Conf } = await import('conf');
  const dir = settingsDir();
  const file = path.join(dir, 'config.json');
  precheck(dir, file);
  let conf: InstanceType<typeof Conf<Record<string, unknown>>>;
  try {
    conf = new Conf<Record<string, unknown>>({ projectName: 'project-context', projectSuffix: '', cwd: dir });
  } catch (error) {
    if (error instanceof SyntaxError) throw new SettingsFileError(file, 'is damaged (not valid JSON)');
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsFileError(file, `cannot be used (${code ?? (error instanceof Error ? error.message : String(error))})`);
  }
  return {
    path: conf.path,
    get() {
      const parsed = SettingsSchema.safeParse(conf.store);
      return parsed.success ? parsed.data : {};
    },
    set(key, value) {
      if (value === undefined || value === '') {
        try {
          conf.delete(key);
        } catch (error) {
          throw new SettingsFileError(file, `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
        }
        return;
      }
      const parsed = SettingsSchema.shape[key].safeParse(value);
      if (!parsed.success) throw new Error(`"${value}" is not a valid ${key}.`);
      try {
        conf.set(key, parsed.data);
      } catch (error) {
        throw new SettingsFileError(file, `cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    },
  };
}

/**
 * Settings for a wizard run. They are optional there: an unusable settings file (bad JSON, a folder, unreadable)
 * means defaults, not a failure, and `warn` is told why in one sentence (`project-context config` reports it as an
 * error instead).
 */
export async function loadSettings(warn: (message: string) => void = () => undefined): Promise<Settings> {
  try {
    return (await openSettings()).get();
  } catch (error) {
    if (error instanceof SettingsFileError) warn(`${error.message} It was ignored for this run. ${error.tryMessage ?? ''}`.trim());
    return {};
  }
}
