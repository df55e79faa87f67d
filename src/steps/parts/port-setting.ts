/** How a config file sets a dev server's port, for steps 5 and 9: the number, and what it is computed from. */
import type { PortSetting } from '../../detectors/shared/port-value.js';
import { cite } from '../../markdown/cite.js';
import { code } from '../../markdown/text.js';

/**
 * `3000 (`/vite.config.ts:31`, unless `CLIENT_PORT` is set)` for a computed port; `` `CLIENT_PORT` as written at
 * `/vite.config.ts:31` (unresolved) `` when the number cannot be read, so nothing falls back to the framework default.
 * A plain literal gives undefined: the caller shows the number as before.
 */
export function portSettingText(file: string, s: PortSetting | undefined): string | undefined {
  if (!s?.written) return undefined;
  const at = cite(file, s.line);
  if (s.port === undefined) return `${code(s.written)} as written at ${at} (unresolved${s.env ? `; it reads ${code(s.env)}` : ''})`;
  return `${s.port} (${at}${s.env ? `, unless ${code(s.env)} is set` : `, from ${code(s.written)}`})`;
}
