/**
 * Where application code queries Supabase (`supabase.access`): `.from('table')` followed by `select`, `insert`,
 * `upsert`, `update` or `delete`, and `.rpc('fn')`, on a Supabase client — one the file creates with a Supabase
 * package's factory, one returned by a project wrapper of that factory (`const supabase = createClient()` where
 * `createClient` is `utils/supabase/server.ts`'s), one imported from the module that creates it, or a parameter typed
 * `SupabaseClient`. And where clients are created (`supabase.client`). Text only: the files that name `@supabase/` are
 * read first; a file with `.from(`/`.rpc(` is read only when it also names Supabase or imports one of those modules,
 * and parsed only to name the function a call sits in.
 */
import type { Detector, Fact } from '../../facts.js';
import type { RepoIndex } from '../../scan/repo-index.js';
import { ts, walk } from '../../scan/ts.js';
import { enclosingName } from '../shared/naming.js';
import { moduleResolver } from '../shared/resolve-module.js';
import { isAppSource } from '../shared/source-scope.js';
import { importsFromText } from '../shared/text-scan.js';
import { scanSupabaseFile, type QueryCall, type SupabaseFileScan } from './access-scan.js';

export interface SupabaseClientData {
  /** The package's factory (`createServerClient`) and the package. */
  readonly factory: string;
  readonly module: string;
  /** `instance`: assigned to `name`; `factory`: returned by the project function `name`, which callers call instead. */
  readonly role: 'instance' | 'factory';
  readonly name?: string;
  readonly exported: boolean;
  readonly file: string;
  readonly line: number;
}
export type SupabaseClientFact = Fact<'supabase.client', SupabaseClientData>;

export interface SupabaseAccessData {
  /** `from`: a table or view; `rpc`: a Postgres function. */
  readonly call: 'from' | 'rpc';
  /** The table or function name as written in the string literal; absent when it is an expression (`expression`). */
  readonly target?: string;
  readonly expression?: string;
  /** `select`, `insert`, `upsert`, `update`, `delete`, or `rpc`; `from` when no known method follows. */
  readonly method: string;
  readonly access: 'read' | 'write' | 'call';
  /** The receiver as written (`supabaseAdmin`), or the factory it was called on (`createClient()`). */
  readonly client: string;
  readonly function?: string;
  readonly file: string;
  readonly line: number;
}
export type SupabaseAccessFact = Fact<'supabase.access', SupabaseAccessData>;

const MENTION = /['"]@supabase\/(?:supabase-js|ssr|auth-helpers-[\w-]+)['"]/;
const WRITES = new Set(['insert', 'upsert', 'update', 'delete']);
/** A receiver named for Supabase (`supabase`, `supabaseAdmin`, `ctx.supabase`) in a file that names Supabase. */
const NAMED = /(?:^|\.)(?:supabase\w*|\w*Supabase\w*)$/;

export const supabaseAccessDetector: Detector = {
  id: 'supabase-access',
  isEnabled: () => true,
  detect(index: RepoIndex): Fact[] {
    const sources = index.files.filter((f) => isAppSource(index, f));
    const scans = new Map<string, SupabaseFileScan>();
    const facts: Fact[] = [];
    for (const file of sources) {
      const text = index.read(file);
      if (!text || !MENTION.test(text)) continue;
      const scan = index.memo('supabase-scan@2', file, scanSupabaseFile);
      if (!scan) continue;
      scans.set(file, scan);
      for (const c of scan.creates) {
        const line = index.lineAt(file, c.offset) ?? 1;
        const data: SupabaseClientData = { factory: c.factory, module: c.module, role: c.role, ...(c.name ? { name: c.name } : {}), exported: c.exported, file, line };
        facts.push({ kind: 'supabase.client', id: `${file}:${line}:${c.factory}`, data, at: [{ file, line }] } as SupabaseClientFact);
      }
    }
    if (scans.size === 0) return [];
    // Modules that hand out a client or a factory: a file importing one of them (by a path ending in its name) may
    // query Supabase without naming the package.
    const providers = [...scans].filter(([, s]) => s.creates.some((c) => c.exported)).map(([f]) => stemOf(f).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const importsOne = providers.length > 0 ? new RegExp(String.raw`['"][^'"\n]*\b(?:${[...new Set(providers)].join('|')})(?:/index)?(?:\.[cm]?[jt]sx?)?['"]`) : undefined;
    for (const file of sources) {
      const text = index.read(file);
      if (!text || (!text.includes('.from(') && !text.includes('.rpc('))) continue;
      if (!scans.has(file) && !(importsOne?.test(text) || /supabase/i.test(text))) continue;
      const scan = scans.get(file) ?? index.memo('supabase-scan@2', file, scanSupabaseFile);
      if (!scan || scan.calls.length === 0) continue;
      const clients = clientNames(index, file, text, scan, scans);
      const named = scans.has(file) || /supabase/i.test(text);
      const hits = scan.calls.filter((c) => isClient(c, clients, named));
      if (hits.length === 0) continue;
      const functions = functionsAt(index, file, new Set(hits.map((h) => h.offset)));
      for (const h of hits) facts.push(accessFact(index, file, h, functions.get(h.offset)));
    }
    return facts;
  },
};

/** Local names that hold a client, and names that return one when called (factories and project wrappers). */
interface ClientNames {
  readonly clients: Set<string>;
  readonly factories: Set<string>;
}

function clientNames(index: RepoIndex, file: string, text: string, scan: SupabaseFileScan, scans: ReadonlyMap<string, SupabaseFileScan>): ClientNames {
  const clients = new Set<string>(scan.typed);
  const factories = new Set<string>();
  for (const c of scan.creates) {
    if (c.role === 'instance' && c.name) clients.add(c.name);
    if (c.role === 'factory' && c.name) factories.add(c.name);
  }
  for (const [local, binding] of importsFromText(text)) {
    if (/^@supabase\//.test(binding.module) && /^create\w*Client$/.test(binding.imported)) factories.add(local);
    if (binding.imported === '*' || /^@supabase\//.test(binding.module)) continue;
    const target = moduleResolver(index).resolve(file, binding.module);
    const theirs = target ? scans.get(target) : undefined;
    const made = theirs?.creates.find((c) => c.exported && c.name === binding.imported);
    if (made?.role === 'instance') clients.add(local);
    else if (made?.role === 'factory') factories.add(local);
  }
  for (const [name, callee] of scan.assigned) if (factories.has(callee)) clients.add(name);
  return { clients, factories };
}

function isClient(c: QueryCall, names: ClientNames, named: boolean): boolean {
  if (c.receiverIsCall) {
    if (names.factories.has(c.receiver)) return true;
    // `supabase.schema('billing').from('invoices')`: the schema is chosen on the client.
    const schemaOf = /^(.+)\.schema$/.exec(c.receiver)?.[1];
    return !!schemaOf && (names.clients.has(schemaOf) || (named && NAMED.test(schemaOf)));
  }
  return names.clients.has(c.receiver) || names.clients.has(c.receiver.replace(/^this\./, '')) || (named && NAMED.test(c.receiver));
}

function accessFact(index: RepoIndex, file: string, h: QueryCall, fn: string | undefined): SupabaseAccessFact {
  const method = h.call === 'rpc' ? 'rpc' : h.next && (WRITES.has(h.next) || h.next === 'select') ? h.next : 'from';
  const access = method === 'select' ? 'read' : WRITES.has(method) ? 'write' : 'call';
  const line = index.lineAt(file, h.offset) ?? 1;
  const client = h.receiverIsCall ? `${h.receiver}()` : h.receiver;
  const data: SupabaseAccessData = {
    call: h.call,
    ...(h.literal !== undefined ? { target: h.literal } : { expression: h.expression }),
    method, access, client, ...(fn ? { function: fn } : {}), file, line,
  };
  return { kind: 'supabase.access', id: `${file}:${line}:${h.call}:${h.literal ?? h.expression}:${method}`, data, at: [{ file, line }] };
}

/** `utils/supabase/server.ts` → `server`; `lib/supabase/index.ts` → `supabase`. */
function stemOf(file: string): string {
  const parts = file.replace(/\.[cm]?[jt]sx?$/, '').split('/');
  const last = parts[parts.length - 1];
  return last === 'index' && parts.length > 1 ? parts[parts.length - 2] : last;
}

/** The function each call (by the offset of its `.from` / `.rpc` dot) sits in: one parse of a file that has calls. */
function functionsAt(index: RepoIndex, file: string, offsets: ReadonlySet<number>): Map<number, string> {
  const out = new Map<number, string>();
  const sf = index.parseOnce(file);
  if (!sf) return out;
  walk(sf, (node) => {
    if (!ts.isPropertyAccessExpression(node) || !['from', 'rpc'].includes(node.name.text)) return;
    const dot = sf.text.indexOf('.', node.expression.getEnd());
    if (!offsets.has(dot)) return;
    const name = enclosingName(node);
    if (name) out.set(dot, name);
  });
  return out;
}
