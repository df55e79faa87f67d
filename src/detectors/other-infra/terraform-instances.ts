/**
 * A Lambda deployed once per entry of a map: `aws_lambda_function` with `for_each = var.functions` inside a module,
 * or a module called with `for_each = local.functions`. When the map is a literal (in the module, in the caller, or a
 * caller's `{ for k, f in local.x : k => { … } }` over a literal local), each entry is one function, named by its key,
 * with the fields that entry gives. A map this reader does not expand leaves one templated row saying so.
 */
import path from 'node:path';
import { objectEntries, type HclAttribute } from './hcl.js';
import { eachValue, forEachEntries, forEachInput, ownEntries, type ForEachEntry, type LocalValue, type Located } from './terraform-modules.js';

/** Locals of the folder a file is in (a caller's `local.x`). */
export type LocalsOfFile = (file: string) => ReadonlyMap<string, LocalValue>;

/** A caller's `{ for … in local.x : … }` argument, read with the locals of its folder. */
export function forExpressions(localsOfFile: LocalsOfFile) {
  return (attr: HclAttribute, caller: Located) => forExpressionEntries(attr, caller.file, localsOfFile(caller.file));
}

export interface Instances {
  readonly entries: ForEachEntry[];
  /** Where a map that is not expanded comes from: none when every entry was read. */
  readonly unread?: { readonly over: string; readonly calledAt: readonly { file: string; line: number }[] };
}

/**
 * The entries a function block is deployed for, read with `each.value.x` (a module input `var.x` of a module called
 * with `for_each` is rewritten to the caller's value for that entry). undefined: the function is deployed once.
 */
export function functionInstances(fn: Located, callers: readonly Located[], locals: ReadonlyMap<string, LocalValue>, localsOfFile: LocalsOfFile): Instances | undefined {
  const forEach = fn.block.attributes.get('for_each');
  if (forEach) {
    const input = forEachInput(forEach.raw, locals);
    const own = input ? undefined : ownEntries(forEach.raw, { file: fn.file, line: forEach.line }, locals);
    if (own) return { entries: own };
    const { entries, unresolved } = input ? forEachEntries(callers, input, forExpressions(localsOfFile)) : { entries: [], unresolved: callers };
    const unread = unresolved.length > 0 || entries.length === 0;
    return { entries: unread ? [] : entries, ...(unread ? { unread: { over: input ? `var.${input}` : forEach.raw, calledAt: unresolved.map((c) => ({ file: c.file, line: c.block.line })) } } : {}) };
  }
  // A module called with for_each: one function per entry of each such call, `var.x` being that call's `x`.
  // A module also called once (without for_each) keeps its one row: a partial list would hide that call's function.
  const looped = callers.filter((c) => c.block.attributes.has('for_each'));
  if (looped.length === 0 || looped.length < callers.length) return undefined;
  const entries: ForEachEntry[] = [];
  const unresolved: Located[] = [];
  for (const call of looped) {
    const at = call.block.attributes.get('for_each')!;
    const own = ownEntries(at.raw, { file: call.file, line: at.line }, localsOfFile(call.file));
    if (!own) {
      unresolved.push(call);
      continue;
    }
    for (const e of own) {
      const fields = new Map<string, HclAttribute>();
      for (const [name, a] of call.block.attributes) {
        const v = eachValue(a.raw, e) ?? (/^"[^"$]*"$/.test(a.raw) ? { value: a.raw.slice(1, -1), line: a.line } : undefined);
        if (v) fields.set(name, { raw: JSON.stringify(v.value), line: v.line });
        else if (/^each\.value\.\w+$/.test(a.raw)) {
          const f = e.fields.get(a.raw.slice('each.value.'.length));
          if (f) fields.set(name, f);
        }
      }
      entries.push({ key: e.key, file: e.file, line: e.line, fields, fieldsFile: call.file });
    }
  }
  if (unresolved.length > 0) return { entries: [], unread: { over: 'for_each', calledAt: unresolved.map((c) => ({ file: c.file, line: c.block.line })) } };
  return { entries };
}

/** `var.x` (a module called with for_each) or `each.value.x`, as the entry sets it. */
export function entryValue(raw: string | undefined, entry: ForEachEntry): { value: string; line: number } | undefined {
  const input = raw && /^var\.(\w+)$/.exec(raw)?.[1];
  return eachValue(input ? `each.value.${input}` : raw, entry);
}

/** A path an entry gives (`"${path.module}/lambdas/x"`), as a repository path from the file that writes it. */
export function entryPath(raw: string | undefined, entry: ForEachEntry): string | undefined {
  const input = raw && /^(?:var|each\.value)\.(\w+)$/.exec(raw)?.[1];
  const attr = input ? entry.fields.get(input) : undefined;
  if (!attr || !/^"[^"]*"$/.test(attr.raw)) return undefined;
  const dir = path.posix.dirname(entry.fieldsFile ?? entry.file);
  const p = attr.raw.slice(1, -1).replace(/\$\{path\.(module|root)\}/g, dir);
  if (p.includes('${')) return undefined;
  const out = path.posix.normalize(p.startsWith(dir + '/') || p === dir ? p : path.posix.join(dir, p));
  return out.startsWith('..') ? undefined : out;
}

/** The map a caller writes as `{ for k, f in local.x : k => { … } }` over a literal local: one entry per key. */
export function forExpressionEntries(attr: HclAttribute, file: string, locals: ReadonlyMap<string, LocalValue>): ForEachEntry[] | undefined {
  const raw = attr.raw;
  const m = /^\{\s*for\s+(\w+)\s*,\s*\w+\s+in\s+local\.(\w+)\s*:\s*\1\s*=>\s*/.exec(raw);
  const local = m ? locals.get(m[2]) : undefined;
  if (!m || !local || !raw.slice(m[0].length).startsWith('{')) return undefined;
  const keys = objectEntries(local.raw, local.line);
  if (keys.size === 0) return undefined;
  const bodyRaw = raw.slice(m[0].length, raw.lastIndexOf('}')).trim();
  const bodyLine = attr.line + (raw.slice(0, m[0].length).match(/\n/g) ?? []).length;
  return [...keys].map(([key, e]) => {
    const fields = new Map([...objectEntries(bodyRaw, bodyLine)].map(([k, a]) => [k, { raw: forKey(a.raw, m[1], key), line: a.line }] as const));
    return { key, file: local.file, line: e.line, fields, fieldsFile: file };
  });
}

/**
 * The body as it reads for one key: `k == "x" ? { … } : {}` and `contains(["x", …], k) ? { … } : {}` decided, so a
 * variable set only for some keys is not given to the others. A condition this cannot decide keeps its object.
 */
function forKey(raw: string, k: string, key: string): string {
  const drop = (s: string) => s.replace(/[^\n]/g, ' ');
  const cond = new RegExp(`(${k}\\s*==\\s*"([^"]*)"|contains\\(\\s*\\[([^\\]]*)\\]\\s*,\\s*${k}\\s*\\))\\s*\\?\\s*(\\{[^{}]*\\})\\s*:\\s*\\{\\s*\\}`, 'g');
  return raw.replace(cond, (all, _c, eq: string | undefined, list: string | undefined) => {
    const holds = eq !== undefined ? eq === key : [...(list ?? '').matchAll(/"([^"]*)"/g)].some((x) => x[1] === key);
    return holds ? all : drop(all);
  });
}
