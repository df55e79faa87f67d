import { z } from 'zod';

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

/** conf pulls in a JSON-schema validator, so it is loaded only when settings are actually needed. */
export async function openSettings(): Promise<Store> {
  const { default: Conf } = await import('conf');
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'project-context',
    projectSuffix: '',
    cwd: process.env.PROJECT_CONTEXT_CONFIG_DIR || undefined,
  });
  return {
    path: conf.path,
    get() {
      const parsed = SettingsSchema.safeParse(conf.store);
      return parsed.success ? parsed.data : {};
    },
    set(key, value) {
      if (value === undefined || value === '') {
        conf.delete(key);
        return;
      }
      const parsed = SettingsSchema.shape[key].safeParse(value);
      if (!parsed.success) throw new Error(`"${value}" is not a valid ${key}.`);
      conf.set(key, parsed.data);
    },
  };
}

/** Settings for a wizard run; an unreadable config (read-only home, bad JSON) means defaults, not a failure. */
export async function loadSettings(): Promise<Settings> {
  try {
    return (await openSettings()).get();
  } catch {
    return {};
  }
}
