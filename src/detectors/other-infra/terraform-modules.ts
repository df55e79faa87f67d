/**
 * Terraform modules called from another folder of the repository (`module "api" { source = "../modules/api" … }`):
 * a resource written with `for_each = var.routes` (or a local built from it) inside the module is one resource per
 * entry of the map the caller passes, and `each.value.route_key` is that entry's field. Reading the caller's literal
 * map turns the one templated block into the routes (or environment variables) it deploys, each cited in the caller.
 */
import path from 'node:path';
import { pushTo } from '../../collections.js';
import { hclValue, literalObjectKeys, objectEntries, parseHcl, type HclAttribute, type HclBlock } from './hcl.js';
import type { RepoIndex } from '../../scan/repo-index.js';

export interface Located {
  readonly block: HclBlock;
  readonly file: string;
}

/** Module calls by the folder of the module they call (local `./`, `../` sources only). */
export type ModuleCallers = ReadonlyMap<string, readonly Located[]>;

/** One entry of the map a caller passes: `get-event = { route_key = "GET /events/{id}" … }`. */
export interface ForEachEntry {
  readonly key: string;
  readonly file: string;
  readonly line: number;
  readonly fields: ReadonlyMap<string, HclAttribute>;
  /** The file the fields are written in, when not `file` (a `for` expression's body in the call, keys in a local). */
  readonly fieldsFile?: string;
}

/** A folder's blocks, each with its file. */
export function folderBlocks(index: RepoIndex, files: readonly string[]): Located[] {
  return files.flatMap((file) => parseHcl(index.read(file) ?? '').map((block) => ({ block, file })));
}

const EXAMPLE = /(^|\/)(examples?|tests?)\//;

export function moduleCallers(byDir: ReadonlyMap<string, readonly Located[]>): ModuleCallers {
  const out = new Map<string, Located[]>();
  for (const [dir, blocks] of byDir) {
    for (const l of blocks) {
      const source = l.block.type === 'module' ? hclValue(l.block.attributes.get('source')) : undefined;
      if (!source || !/^\.\.?(\/|$)/.test(source)) continue;
      const target = path.posix.normalize(path.posix.join(dir, source)).replace(/\/$/, '');
      pushTo(out, target === '.' ? '' : target, l);
    }
  }
  // An example (or test) caller shows how to use the module; what is deployed is what the other callers pass.
  for (const [dir, list] of out) {
    const real = list.filter((l) => !EXAMPLE.test(l.file));
    if (real.length > 0) out.set(dir, real);
  }
  return out;
}

/**
 * `var.routes`, `toset(var.names)`, or a local built from one, through other locals (`{ for k, f in
 * local.normalized : … }` where `normalized = { for k, f in var.functions : … }`): the input's name.
 */
export function forEachInput(raw: string | undefined, locals: ReadonlyMap<string, HclAttribute>, depth = 0): string | undefined {
  if (!raw || depth > 5) return undefined;
  const direct = /^(?:to(?:set|map)\(\s*)?var\.(\w+)\s*\)?$/.exec(raw)?.[1];
  if (direct) return direct;
  const local = /^local\.(\w+)$/.exec(raw)?.[1];
  const body = local ? locals.get(local)?.raw : undefined;
  const source = body && (/^(?:var|local)\.\w+$/.exec(body)?.[0] ?? /^\{\s*for\s[^:]*\bin\s+((?:var|local)\.\w+)\s*:/.exec(body)?.[1]);
  return source ? forEachInput(source, locals, depth + 1) : undefined;
}

/** A local's value with the file that writes it. */
export interface LocalValue extends HclAttribute {
  readonly file: string;
}

/** The folder's `locals { … }` attributes. */
export function localsOf(blocks: readonly Located[]): Map<string, LocalValue> {
  return new Map(blocks.filter((l) => l.block.type === 'locals').flatMap((l) => [...l.block.attributes].map(([k, a]) => [k, { ...a, file: l.file }] as const)));
}

/** `for_each = { a = { … } }` or `for_each = local.routes` holding such a literal: its entries, in that file. */
export function ownEntries(raw: string | undefined, at: { file: string; line: number }, locals: ReadonlyMap<string, LocalValue>): ForEachEntry[] | undefined {
  const local = /^local\.(\w+)$/.exec(raw ?? '')?.[1];
  const value = local ? locals.get(local) : raw ? { raw, line: at.line, file: at.file } : undefined;
  const map = objectEntries(value?.raw, value?.line ?? 0);
  if (!value || (map.size === 0 && !/^\{\s*\}$/.test(value.raw))) return undefined;
  return [...map].map(([key, e]) => ({ key, file: value.file, line: e.line, fields: objectEntries(e.raw, e.line) }));
}

/**
 * The entries each caller passes for `input`; a caller whose value is not a literal map (a variable, a `for`
 * expression, a missing argument) is `unresolved`: what it deploys is unknown, and never "none".
 */
export function forEachEntries(
  callers: readonly Located[],
  input: string,
  expand?: (attr: HclAttribute, caller: Located) => ForEachEntry[] | undefined,
): { entries: ForEachEntry[]; unresolved: Located[] } {
  const entries: ForEachEntry[] = [];
  const unresolved: Located[] = [];
  for (const caller of callers) {
    const attr = caller.block.attributes.get(input);
    const expanded = attr && expand?.(attr, caller);
    if (expanded) {
      entries.push(...expanded);
      continue;
    }
    const map = objectEntries(attr?.raw, attr?.line ?? 0);
    if (!attr || (map.size === 0 && !/^\{\s*\}$/.test(attr.raw))) {
      unresolved.push(caller);
      continue;
    }
    for (const [key, e] of map) entries.push({ key, file: caller.file, line: e.line, fields: objectEntries(e.raw, e.line) });
  }
  return { entries, unresolved };
}

/** `each.key`, `each.value.field` or a quoted literal, as the entry sets it; undefined when not a literal. */
export function eachValue(raw: string | undefined, entry: ForEachEntry): { value: string; line: number } | undefined {
  if (!raw) return undefined;
  if (raw === 'each.key') return { value: entry.key, line: entry.line };
  const field = /^each\.value\.(\w+)$/.exec(raw)?.[1];
  const attr = field ? entry.fields.get(field) : /^"[^"$]*"$/.test(raw) ? { raw, line: entry.line } : undefined;
  return attr && /^"(?:[^"$]|\$(?!\{))*"$/.test(attr.raw) ? { value: hclValue(attr)!, line: attr.line } : undefined;
}

/**
 * Environment variable names a Lambda's `variables = …` sets, with where each is written: a literal (or `merge`d)
 * object in the function's own file, or, for `var.env` / `each.value.env` inside a module, in each caller's argument.
 */
export function environmentSites(raw: string | undefined, line: number, file: string, forEachVar: string | undefined, callers: readonly Located[]): { name: string; file: string; line: number }[] {
  if (!raw) return [];
  const own = literalObjectKeys(raw, line).map((k) => ({ name: k.raw, file, line: k.line }));
  const input = /^var\.(\w+)$/.exec(raw)?.[1];
  const field = /^each\.value\.(\w+)$/.exec(raw)?.[1];
  const fromCallers = callers.flatMap((c) => {
    if (input) {
      const a = c.block.attributes.get(input);
      return literalObjectKeys(a?.raw, a?.line ?? 0).map((k) => ({ name: k.raw, file: c.file, line: k.line }));
    }
    const a = field && forEachVar ? c.block.attributes.get(forEachVar) : undefined;
    return a ? fieldAssignments(a, field!).flatMap((f) => literalObjectKeys(f.raw, f.line)).map((k) => ({ name: k.raw, file: c.file, line: k.line })) : [];
  });
  return [...new Map([...own, ...fromCallers].map((e) => [`${e.name} ${e.file}:${e.line}`, e])).values()];
}

/** Every `field = …` written inside an argument (per map entry, or once in a `for` expression's body). */
function fieldAssignments(arg: HclAttribute, field: string): HclAttribute[] {
  const out: HclAttribute[] = [];
  const re = new RegExp(`(^|[\\s{,])${field}\\s*=(?!=)`, 'g');
  for (const m of arg.raw.matchAll(re)) {
    const at = m.index! + m[1].length;
    const parsed = objectEntries(`{${arg.raw.slice(at)}`, 1).get(field);
    const line = arg.line + (arg.raw.slice(0, at).match(/\n/g) ?? []).length;
    if (parsed) out.push({ raw: parsed.raw, line });
  }
  return out;
}
