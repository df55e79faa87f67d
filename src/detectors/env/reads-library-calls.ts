/**
 * Clients that read their connection from the environment themselves when the code asks for one without it: the
 * call is the code's read of those variables, though the file never spells their names (what each library's own
 * source reads, checked there):
 * - @upstash/redis `Redis.fromEnv()` reads `UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN` (the Cloudflare
 *   build's `Redis.fromEnv(env)` the same names, from the Worker's env). Since 1.34.3 it falls back to Vercel KV's
 *   `KV_REST_API_URL`/`KV_REST_API_TOKEN`: a read that depends on the installed version, so it is a library read
 *   (env-library-reads.ts), not one of the code's here.
 * - @vercel/kv's `kv` (named or default export) reads `KV_REST_API_URL` and `KV_REST_API_TOKEN` at its first use and
 *   throws when either is unset; its `createClient(config)` takes them from its argument and reads nothing.
 * (@upstash/ratelimit reads nothing itself: it is handed a client.) Read from text: no tree is needed.
 */
import { codeOnly, importsFromText, lineAt } from '../shared/text-scan.js';
import type { RawRead } from './raw-reads.js';

/** A file that can hold such a read imports one of these packages. */
export const LIBRARY_CALL_TEXT = /['"](?:@upstash\/redis(?:\/[\w-]+)?|@vercel\/kv)['"]/;

const UPSTASH = /^@upstash\/redis(?:\/[\w-]+)?$/;
const UPSTASH_NAMES = ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'];
const KV_NAMES = ['KV_REST_API_URL', 'KV_REST_API_TOKEN'];

interface Reader {
  /** Where the read happens: the call (`Redis.fromEnv(`), or a use of the client (`kv.get`). */
  readonly re: RegExp;
  readonly names: readonly string[];
  readonly through: { readonly call: string; readonly library: string };
  /** With no use found in the file (`export { kv }`), the import itself: the code takes the reading client there. */
  readonly importAt?: number;
}

export function libraryCallReads(text: string): RawRead[] {
  const readers: Reader[] = [];
  for (const [local, b] of importsFromText(text)) {
    const l = local.replace(/[$]/g, '\\$');
    if (UPSTASH.test(b.module) && (b.imported === 'Redis' || b.imported === '*')) {
      // `Redis.fromEnv()`, `Upstash.fromEnv()` (renamed), `upstash.Redis.fromEnv()` (a whole-module import).
      const receiver = b.imported === '*' ? String.raw`${l}\s*\.\s*Redis` : l;
      readers.push({ re: new RegExp(String.raw`(?<![\w$.])${receiver}\s*\.\s*fromEnv\s*\(`, 'g'), names: UPSTASH_NAMES, through: { call: `${b.imported === '*' ? `${local}.Redis` : local}.fromEnv()`, library: '@upstash/redis' } });
    }
    if (b.module === '@vercel/kv' && (b.imported === 'kv' || b.imported === 'default' || b.imported === '*')) {
      const receiver = b.imported === '*' ? String.raw`${l}\s*\.\s*(?:kv|default)` : l;
      const importAt = text.search(new RegExp(String.raw`['"]@vercel/kv['"]`));
      readers.push({ re: new RegExp(String.raw`(?<![\w$.])${receiver}\s*(?:\.\s*[\w$]+|\[)`, 'g'), names: KV_NAMES, through: { call: b.imported === '*' ? `${local}.kv` : local, library: '@vercel/kv' }, importAt });
    }
  }
  if (readers.length === 0) return [];
  const code = codeOnly(text);
  const out: RawRead[] = [];
  for (const r of readers) {
    const offsets = [...code.matchAll(r.re)].map((m) => m.index);
    // A client's first use is where it reads; every `fromEnv()` call reads again.
    const at = r.importAt === undefined ? offsets : offsets.length > 0 ? offsets.slice(0, 1) : [r.importAt];
    for (const offset of at) {
      const line = lineAt(text, offset);
      for (const name of r.names) {
        const orElse = r.through.library === '@upstash/redis' ? { name: name.replace('UPSTASH_REDIS_REST_', 'KV_REST_API_'), since: '1.34.3' } : undefined;
        out.push({ name, line, via: 'library', receiver: 'process', fallback: false, through: { ...r.through, ...(orElse ? { orElse } : {}) } });
      }
    }
  }
  return out;
}
