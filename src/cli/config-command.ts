import { UsageError } from '../errors.js';
import { openSettings, SETTING_KEYS, type Settings } from '../settings.js';

/** `project-context config` shows settings; `config editor "code --wait"` sets one; `config editor ""` clears it. */
export async function runConfigCommand(args: readonly string[], out: (line: string) => void): Promise<number> {
  const store = await openSettings();
  if (args.length === 0) {
    const settings = store.get();
    out(`Settings file: ${store.path}`);
    for (const key of SETTING_KEYS) out(`${key} = ${settings[key] ?? '(not set)'}`);
    return 0;
  }
  const [key, ...rest] = args;
  if (!SETTING_KEYS.includes(key as keyof Settings)) {
    throw new UsageError(`Unknown setting "${key}". Settings: ${SETTING_KEYS.join(', ')}.`);
  }
  if (rest.length === 0) {
    out(store.get()[key as keyof Settings] ?? '(not set)');
    return 0;
  }
  store.set(key as keyof Settings, rest.join(' '));
  out(`${key} = ${store.get()[key as keyof Settings] ?? '(not set)'}`);
  return 0;
}
