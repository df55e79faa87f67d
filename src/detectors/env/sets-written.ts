/**
 * Dotenv lines a program writes: a config fetcher that turns Parameter Store values into `.env.local`
 * (`output.push("VUE_APP_REGION=" + region)`, `'VITE_' + name + '=' + value`). Those variables are set — by running
 * the script — so they must not read "set nowhere". Read from text; the values are never captured.
 */
import type { RawDynamic } from './raw-reads.js';
import type { EnvSetData } from './types.js';
import { isEnvName } from './names.js';

/** A file that writes files at all: the only kind whose `NAME=` strings can become a dotenv file. */
export const WRITES_FILES = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream)\s*\(/;
/** `"NAME=` at the start of a string literal. */
const NAME_EQUALS = /["'`]([A-Z][A-Z0-9_]*)=/g;
/** `NAME=` at the start of a line: a line of a multi-line template string that becomes the file. */
const LINE_NAME_EQUALS = /^[ \t]*([A-Z][A-Z0-9_]*)=/gm;
/** `"PREFIX_" + x + "="`: names built from a literal prefix. */
const PREFIX_PLUS = /["'`]([A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*)["'`]\s*\+[^;\n]{0,80}?\+\s*["'`]=/g;

export function writtenDotenv(file: string, source: string): { sets: EnvSetData[]; dynamic: RawDynamic[] } {
  const sets: EnvSetData[] = [];
  const dynamic: RawDynamic[] = [];
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  const seen = new Set<string>();
  for (const m of [...source.matchAll(NAME_EQUALS), ...source.matchAll(LINE_NAME_EQUALS)]) {
    const line = lineAt(m.index);
    if (!isEnvName(m[1]) || seen.has(`${m[1]}:${line}`)) continue;
    seen.add(`${m[1]}:${line}`);
    sets.push({ name: m[1], file, line, kind: 'script', tool: 'dotenv lines the code writes' });
  }
  for (const m of source.matchAll(PREFIX_PLUS)) {
    dynamic.push({ line: lineAt(m.index), expression: `${m[1]}… written as dotenv lines`, pattern: `^${m[1]}` });
  }
  return { sets, dynamic };
}
