/**
 * Settings read through an accessor the map cannot follow: `this.env.get(EnvKey.MONGODB_URI)`,
 * `appEnv.get(AppEnvKey.SYSTEM_ID)`, where `get` belongs to a framework (its code is not in the repository) and the key
 * is a member of an env/config enum. Such a `get` usually returns `process.env[key]`, but it could as well read a
 * database or a file: the map does not state it as a read of a variable. It names the call as a read by a computed
 * name, so step 8 neither counts these as every variable nor calls the matching variables unread.
 */
import type { RawDynamic } from './raw-reads.js';

/** `receiver.get(SomethingEnvKey.UPPER_NAME` — the container's name says env or config; the member is a variable's shape. */
export const ACCESSOR_TEXT = /\.get\(\s*(?:[A-Za-z_$][\w$]*)?(?:Env|Config|Setting)[\w$]*\.[A-Z][A-Z0-9_]*\s*[,)]/i;
const ACCESSOR_CALL = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.get\(\s*((?:[A-Za-z_$][\w$]*)?(?:Env|Config|Setting)[\w$]*)\.([A-Z][A-Z0-9_]*)\s*[,)]/gi;

/** Each accessor call in a source text: the call as written (one line) and the line of its key. */
export function accessorReads(text: string): RawDynamic[] {
  const out: RawDynamic[] = [];
  // Matches come in order: the line is counted on from the previous one, never from the start per match.
  let line = 1;
  let at = 0;
  const lineAt = (offset: number) => {
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
  for (const m of text.matchAll(ACCESSOR_CALL)) {
    // The member must be UPPER_SNAKE (a variable's shape); the `i` flag is only for the container's name.
    if (!/^[A-Z][A-Z0-9_]*$/.test(m[3]) || !/^[A-Z]/.test(m[2])) continue;
    const keyOffset = m.index + m[0].indexOf(m[2]);
    out.push({ line: lineAt(keyOffset), expression: `${m[1]}.get(${m[2]}.${m[3]})`, accessor: true });
  }
  return out;
}
