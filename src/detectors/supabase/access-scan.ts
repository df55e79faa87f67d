/**
 * What one file says about Supabase clients, read from its text alone (so it is memoised per file): the clients it
 * creates with a Supabase package's factory (`createClient`, `createServerClient`, `createBrowserClient`, the
 * auth-helpers' `create…Client`), the project functions that return one (`export const createClient = () =>
 * createBrowserClient(…)`), the variables it assigns from a call, the parameters typed `SupabaseClient`, and every
 * `.from(…)` / `.rpc(…)` call with its receiver as written. Whether a receiver is a Supabase client is decided by the
 * detector, which can look at the modules a file imports.
 */
import { clip } from '../../secrets/clip.js';
import { closingBracket, codeOnly, exportedNamesFromText, importsFromText, splitArguments } from '../shared/text-scan.js';

export const SUPABASE_MODULE = /^@supabase\/(?:supabase-js|ssr|auth-helpers-[\w-]+)$/;
const FACTORY_NAME = /^create\w*Client$/;

export interface ClientCreation {
  /** The factory as imported (`createServerClient`) and the package it comes from. */
  readonly factory: string;
  readonly module: string;
  readonly offset: number;
  /** `instance`: `const name = factory(…)`; `factory`: returned by the function `name` (a project's own wrapper). */
  readonly role: 'instance' | 'factory';
  readonly name?: string;
  readonly exported: boolean;
}

export interface QueryCall {
  /** `from` (a table or view) or `rpc` (a Postgres function). */
  readonly call: 'from' | 'rpc';
  /** The receiver as written (`supabaseAdmin`, `this.supabase`), or the callee when it is a call (`createClient`). */
  readonly receiver: string;
  readonly receiverIsCall: boolean;
  /** The first argument: its string value when it is a literal, else the expression as written. */
  readonly literal?: string;
  readonly expression?: string;
  /** The method chained right after `.from(…)` (`select`, `upsert`); absent when none follows. */
  readonly next?: string;
  readonly offset: number;
}

export interface SupabaseFileScan {
  readonly creates: readonly ClientCreation[];
  /** `const x = f(…)` / `const x = await f(…)`: local name → callee. */
  readonly assigned: readonly (readonly [string, string])[];
  /** Parameters and variables typed `SupabaseClient` (`supabase: SupabaseClient<Database>`). */
  readonly typed: readonly string[];
  readonly calls: readonly QueryCall[];
}

const TYPE_ARGS = String.raw`(?:<(?:[^<>;()]|<(?:[^<>;()]|<[^<>;()]*>)*>)*>\s*)?`;

export function scanSupabaseFile(text: string): SupabaseFileScan {
  const code = codeOnly(text);
  const imports = importsFromText(text);
  const exported = new Set(exportedNamesFromText(text));
  const creates: ClientCreation[] = [];
  for (const [local, binding] of imports) {
    if (!SUPABASE_MODULE.test(binding.module) || !FACTORY_NAME.test(binding.imported)) continue;
    const call = new RegExp(String.raw`(?<![\w$.])${local.replace(/\$/g, '\\$')}\s*${TYPE_ARGS}\(`, 'g');
    for (const m of code.matchAll(call)) {
      const place = creationPlace(code, m.index);
      creates.push({
        factory: binding.imported, module: binding.module, offset: m.index, ...place,
        exported: place.name !== undefined && exported.has(place.name),
      });
    }
  }
  const assigned: [string, string][] = [];
  for (const m of code.matchAll(/\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]{0,80})?=\s*(?:await\s+)?([\w$]+)\s*(?:<[^;()]{0,120}>\s*)?\(/g)) {
    assigned.push([m[1], m[2]]);
  }
  const typed = [...new Set([...code.matchAll(/([\w$]+)\??\s*:\s*SupabaseClient\b/g)].map((m) => m[1]))];
  return { creates: creates.sort((a, b) => a.offset - b.offset), assigned, typed, calls: queryCalls(text, code) };
}

/**
 * Where a factory call sits: right after `const name =` (an instance), else in the top-level declaration that
 * returns it (a wrapper the project calls instead: `export function createClient() { … return createServerClient(…) }`).
 */
function creationPlace(code: string, offset: number): { role: 'instance' | 'factory'; name?: string } {
  const before = code.slice(Math.max(0, offset - 200), offset);
  const instance = /\b(?:const|let|var)\s+([\w$]+)\s*(?::[^=;]{0,80})?=\s*(?:await\s+)?$/.exec(before);
  if (instance) return { role: 'instance', name: instance[1] };
  const head = code.slice(0, offset);
  const decl = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*([\w$]+)|(?:const|let|var)\s+([\w$]+))/gm;
  let name: string | undefined;
  for (const m of head.matchAll(decl)) name = m[1] ?? m[2];
  return { role: 'factory', ...(name ? { name } : {}) };
}

/** Every `.from(…)` and `.rpc(…)` call with its receiver, first argument and the method chained after it. */
function queryCalls(text: string, code: string): QueryCall[] {
  const out: QueryCall[] = [];
  for (const m of code.matchAll(/\.\s*(from|rpc)\s*(?:<[^;()]{0,120}>\s*)?\(/g)) {
    const receiver = receiverBefore(code, m.index);
    if (!receiver) continue;
    const open = m.index + m[0].length - 1;
    const close = closingBracket(text, open);
    if (close === -1) continue;
    const first = splitArguments(text, open + 1, close)[0]?.text.trim();
    if (!first) continue;
    const literal = /^(['"`])([\w.-]+)\1$/.exec(first)?.[2];
    const next = m[1] === 'from' ? /^\s*\??\.\s*([\w$]+)\s*\(/.exec(code.slice(close + 1, close + 200))?.[1] : undefined;
    out.push({
      call: m[1] as 'from' | 'rpc', ...receiver,
      ...(literal !== undefined ? { literal } : { expression: clip(first.replace(/\s+/g, ' '), 80) }),
      ...(next ? { next } : {}),
      offset: m.index,
    });
  }
  return out;
}

/**
 * The receiver of a member call ending just before `dot`: a name or dotted path (`supabase`, `this.supabase`), or
 * for a call (`createClient().from(…)`, `(await createClient()).from(…)`) the name of its callee.
 */
function receiverBefore(code: string, dot: number): { receiver: string; receiverIsCall: boolean } | undefined {
  let i = dot - 1;
  while (i >= 0 && /\s/.test(code[i])) i--;
  if (code[i] === ')') {
    const open = openingBracket(code, i);
    if (open === -1) return undefined;
    const inner = /^\(\s*await\s+([\w$.]+)\s*\(/.exec(code.slice(open, i + 1));
    if (inner) return { receiver: inner[1], receiverIsCall: true };
    const callee = /([\w$]+(?:\s*\.\s*[\w$]+)*)\s*(?:<[^;()]{0,120}>\s*)?$/.exec(code.slice(Math.max(0, open - 160), open));
    return callee ? { receiver: callee[1].replace(/\s+/g, ''), receiverIsCall: true } : undefined;
  }
  const path = /(?<![\w$])([\w$]+(?:\s*\??\.\s*[\w$]+)*)$/.exec(code.slice(Math.max(0, i - 160), i + 1));
  return path ? { receiver: path[1].replace(/[\s?]+/g, ''), receiverIsCall: false } : undefined;
}

/** The `(` matching the `)` at `close` in code whose strings and comments are blanked. */
function openingBracket(code: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = code[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      depth--;
      if (depth === 0) return c === '(' ? i : -1;
    }
  }
  return -1;
}
