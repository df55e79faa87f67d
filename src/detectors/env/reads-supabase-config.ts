/**
 * The Supabase CLI's `supabase/config.toml` substitutes `env(NAME)` in its string values
 * (`secret = "env(SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET)"`): the CLI reads the variable when it starts or links the
 * project, so a variable the app code never names is still read. A line scan is enough for TOML; comment lines
 * (`# secret = "env(X)"`) and text after a `#` outside the quotes read nothing.
 */
import type { RawRead } from './raw-reads.js';

export const SUPABASE_CONFIG = /(^|\/)supabase\/config\.toml$/;

export function supabaseConfigReads(text: string): RawRead[] {
  if (!text.includes('env(')) return [];
  const out: RawRead[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (/^\s*#/.test(line) || !line.includes('env(')) continue;
    // Only inside a quoted value: `key = "env(NAME)"` (or single quotes), never in a trailing comment.
    for (const m of line.matchAll(/(["'])\s*env\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*\1/g)) {
      const hash = line.indexOf('#');
      if (hash !== -1 && hash < m.index && !/["']/.test(line.slice(0, hash))) continue;
      out.push({ name: m[2], line: i + 1, via: 'supabase-config', receiver: 'process', fallback: false });
    }
  }
  return out;
}
