/**
 * Where application code runs Redis commands (ioredis, node-redis, @upstash/redis): calls such as `redis.hset(…)` on a
 * client the file creates, or imports from the project module that creates it (`import { redis } from '@/lib/redis'`).
 * Read from text: the client modules first (files importing a Redis package), then only the files that import one of
 * them; a file is parsed only to name the function a command sits in.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { clip } from '../../secrets/clip.js';
import { enclosingName } from '../shared/naming.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { importsFromText } from '../shared/import-text.js';
import { closingBracket, codeOnly, exportedNamesFromText, splitArguments } from '../shared/text-scan.js';
import { commandAccess, type RedisAccess } from './commands.js';

export interface RedisAccessData {
  /** The command as called (`hset`, `hGetAll`). */
  readonly command: string;
  readonly access: RedisAccess;
  /** The first argument as written (usually the key: `` `post:${postId}` ``), shortened; absent for none. */
  readonly key?: string;
  /** The client's name where it is created (`redis`), the file and line that create it. */
  readonly client: string;
  readonly clientFile: string;
  readonly clientLine: number;
  readonly function?: string;
  readonly file: string;
  readonly line: number;
}
export type RedisAccessFact = Fact<'redis.access', RedisAccessData>;

const PACKAGE = /^(?:ioredis|redis|@redis\/client|@upstash\/redis(?:\/[\w-]+)?)$/;
const MENTION = /['"](?:ioredis|redis|@redis\/client|@upstash\/redis(?:\/[\w-]+)?)['"]/;

/** Clients a file creates: local name → offset of its declaration, and which of them it exports (`default` too). */
interface FileClients {
  readonly locals: readonly { readonly name: string; readonly offset: number }[];
  readonly exported: readonly string[];
}

export const redisDetector: Detector = {
  id: 'redis',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const sources = index.files.filter((f) => isAppSource(index, f));
    const clients = new Map<string, FileClients>();
    for (const file of sources) {
      const text = index.read(file);
      if (!text || !MENTION.test(text)) continue;
      const found = index.memo('redis-clients@3', file, clientsIn);
      if (found && found.locals.length > 0) clients.set(file, found);
    }
    if (clients.size === 0) return [];
    // A file that uses a client module imports it by a path ending in its name (`@/lib/redis`, `../redis/index`), or
    // by the name of the workspace package holding it (`@repo/kv`, `@repo/kv/client`).
    const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stems = [...new Set([...clients.keys()].map(stemOf))].map(esc);
    const packages = [...new Set([...clients.keys()].map((f) => index.packageOf(f)?.name).filter((n): n is string => !!n))].map(esc);
    const importsOne = new RegExp(
      String.raw`['"][^'"\n]*\b(?:${stems.join('|')})(?:/index)?(?:\.[cm]?[jt]sx?)?['"]` + (packages.length > 0 ? String.raw`|['"](?:${packages.join('|')})(?:/[^'"\n]*)?['"]` : ''),
    );
    const facts: RedisAccessFact[] = [];
    for (const file of sources) {
      const text = index.read(file);
      if (!text) continue;
      const own = clients.get(file);
      if (!own && !importsOne.test(text)) continue;
      const names = new Map<string, { name: string; file: string; offset: number }>();
      for (const c of own?.locals ?? []) if (c.name !== 'default') names.set(c.name, { name: c.name, file, offset: c.offset });
      for (const [local, binding] of importsFromText(text)) {
        const target = moduleResolver(index).resolve(file, binding.module);
        const theirs = target ? clients.get(target) : undefined;
        if (!target || !theirs) continue;
        if (binding.imported === '*') {
          // `const redis = require('../redis')`, `import * as redis from './redis'`: `redis.client.get(…)`.
          for (const c of theirs.locals) if (theirs.exported.includes(c.name) && c.name !== 'default') names.set(`${local}.${c.name}`, { name: c.name, file: target, offset: c.offset });
          continue;
        }
        if (!theirs.exported.includes(binding.imported)) continue;
        const decl = theirs.locals.find((c) => c.name === binding.imported) ?? theirs.locals[0];
        names.set(local, { name: decl.name === 'default' ? stemOf(target) : decl.name, file: target, offset: decl.offset });
      }
      if (names.size > 0) facts.push(...callsIn(index, file, text, names));
    }
    return facts;
  },
};

/** `src/lib/redis.ts` → `redis`; `src/lib/redis/index.ts` → `redis`. */
function stemOf(file: string): string {
  const parts = file.replace(/\.[cm]?[jt]sx?$/, '').split('/');
  const last = parts[parts.length - 1];
  return last === 'index' && parts.length > 1 ? parts[parts.length - 2] : last;
}

/** The Redis clients a file creates with a constructor or factory it imports from a Redis package. */
function clientsIn(text: string): FileClients {
  const makers = [...importsFromText(text)].filter(([, b]) => PACKAGE.test(b.module)).map(([local]) => local.replace(/[$]/g, '\\$'));
  if (makers.length === 0) return { locals: [], exported: [] };
  const code = codeOnly(text);
  const maker = String.raw`\b(?:new\s+)?(?:${makers.join('|')})(?:\s*\.\s*[\w$]+)?\s*\(`;
  // `const redis = new Redis(…)`, `= createClient(…)`, `= Redis.fromEnv()`, `= global.redis ?? new Redis(…)`; the part
  // between `=` and the maker never crosses another statement's keyword (code without semicolons).
  const re = new RegExp(
    String.raw`\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]{0,80})?=(?:(?!\b(?:const|let|var|function|class|export|import|return|if)\b)[^;]){0,160}?${maker}`,
    'g',
  );
  const locals = [...code.matchAll(re)].map((m) => ({ name: m[1], offset: m.index + m[0].indexOf(m[1], m[0].search(/\s/)) }));
  // `let client; if (enabled) client = new Redis(…)`: assigned after its declaration.
  const assigned = new RegExp(String.raw`(?<![\w$.])([\w$]+)\s*=(?![=>])(?:(?!\b(?:const|let|var|function|class|export|import|return|if)\b)[^;=]){0,160}?${maker}`, 'g');
  for (const m of code.matchAll(assigned)) if (!locals.some((c) => c.name === m[1])) locals.push({ name: m[1], offset: m.index });
  const exported = exportedNamesFromText(text).filter((n) => locals.some((c) => c.name === n));
  // `export default redis` is imported as `default`.
  if (locals.some((c) => new RegExp(String.raw`\bexport\s+default\s+${c.name.replace(/[$]/g, '\\$')}\b`).test(code))) exported.push('default');
  // `export default Redis.fromEnv()`: a client without a local name, imported as `default`.
  const anonymous = new RegExp(String.raw`\bexport\s+default\s+(?:await\s+)?${maker}`).exec(code);
  if (anonymous) return { locals: [...locals, { name: 'default', offset: anonymous.index }], exported: [...exported, 'default'] };
  return { locals, exported };
}

/** Command calls on the client names of one file, each with its key argument and the function it sits in. */
function callsIn(index: RepoIndex, file: string, text: string, names: ReadonlyMap<string, { name: string; file: string; offset: number }>): RedisAccessFact[] {
  const code = codeOnly(text);
  // `redis.client` (a client reached through a whole-module import) may be written with spaces around the dot.
  const alternatives = [...names.keys()].map((n) => n.replace(/[$]/g, '\\$').replace(/\./g, String.raw`\s*\.\s*`)).join('|');
  // TypeScript type arguments may sit between the command and its call (`redis.get<Session>(…)`,
  // `redis.mget<Post[]>(...keys)`, nested `<Record<string, T>>`): no `;`, `=` or parentheses, so a comparison
  // (`redis.ttl < 5 && f(x) > (y)`) is not read as one.
  const re = new RegExp(String.raw`(?<![\w$.])(${alternatives})\s*\.\s*([A-Za-z]+)\s*(?:<[^;()=]{0,200}?>\s*)?\(`, 'g');
  const hits: { name: string; command: string; access: RedisAccess; key?: string; offset: number }[] = [];
  for (const m of code.matchAll(re)) {
    const access = commandAccess(m[2]);
    if (!access) continue;
    const open = m.index + m[0].length - 1;
    const close = closingBracket(text, open);
    const first = close === -1 ? undefined : splitArguments(text, open + 1, close)[0]?.text.trim();
    hits.push({ name: m[1].replace(/\s+/g, ''), command: m[2], access, ...(first ? { key: clip(first.replace(/\s+/g, ' '), 60) } : {}), offset: m.index });
  }
  if (hits.length === 0) return [];
  const functions = functionsAt(index, file, new Set(hits.map((h) => h.offset)));
  const ids = new Map<string, number>();
  return hits.map((h) => {
    const client = names.get(h.name)!;
    const line = index.lineAt(file, h.offset) ?? 1;
    const fn = functions.get(h.offset);
    const data: RedisAccessData = {
      command: h.command,
      access: h.access,
      ...(h.key !== undefined ? { key: h.key } : {}),
      client: client.name,
      clientFile: client.file,
      clientLine: index.lineAt(client.file, client.offset) ?? 1,
      ...(fn ? { function: fn } : {}),
      file,
      line,
    };
    // Two calls of one command on a line keep apart ids (`--check` compares facts by id).
    const base = `${file}:${line}:${h.command}`;
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    return { kind: 'redis.access', id: n > 1 ? `${base}#${n}` : base, data, at: [{ file, line }] };
  });
}

/** The function each call (by the offset of its receiver) sits in: one parse of a file that has commands. */
function functionsAt(index: RepoIndex, file: string, offsets: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const sf = index.parseOnce(file);
  if (!sf) return out;
  walk(sf, (node) => {
    if (!ts.isPropertyAccessExpression(node) || !offsets.has(node.expression.getStart(sf))) return;
    const name = enclosingName(node);
    if (name) out.set(node.expression.getStart(sf), name);
  });
  return out;
}
