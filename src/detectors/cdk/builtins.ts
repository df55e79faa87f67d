/**
 * The few pure built-ins CDK code leans on to build names and paths: `path.*`, `fileURLToPath`, string and array
 * methods, `Object.entries`. Their results are computed here (no repository code runs); anything else stays unknown.
 */
import path from 'node:path';
import { ts } from '../../scan/ts.js';
import { categoryOf, normaliseExt } from './catalogue.js';
import { importedConstruct } from './constructs.js';
import { dirOf } from './evaluate.js';
import type { Interpreter } from './interpreter.js';
import type { Rec } from './records.js';
import { UNDEF, stringOf, truthy, unknown, type ArrValue, type ExtValue, type ObjValue, type StrValue, type Value } from './values.js';

const posix = path.posix;
const MAX_ITEMS = 300;

/** Array methods that call their callback once per item. */
const ITERATES = /^(forEach|map|flatMap|filter|reduce|some|every|find|findIndex)$/;

/**
 * Runs the callbacks passed to a call nothing more is known about. Under `xs.forEach(cb)` / `xs.map(cb)` on a value not
 * known statically the callback runs once for all items: what it creates is marked as made in a loop.
 */
export function runCallbacks(it: Interpreter, args: readonly Value[], node?: ts.Node): void {
  const run = () => {
    for (const a of args) if (a.k === 'fn') it.callback(a, a.fn.parameters.map((p) => unknown(p.name)));
  };
  const callee = node && ts.isCallExpression(node) ? node.expression : undefined;
  const loop = callee && ts.isPropertyAccessExpression(callee) && ITERATES.test(callee.name.text) && args.some((a) => a.k === 'fn');
  if (loop) it.withLoop(node!, run);
  else run();
}

/** A call of something imported from a package (or a global): path helpers, `Object.*`, else an opaque value. */
export function extCall(it: Interpreter, ext: ExtValue, args: readonly Value[], node: ts.Node): Value {
  const fn = ext.path[ext.path.length - 1];
  if (ext.module === 'path' || ext.module === 'node:path' || ext.module === 'path/posix') {
    return pathCall(ext.path.length === 1 || ext.path[0] === 'posix' ? fn : '', args, node);
  }
  if ((ext.module === 'url' || ext.module === 'node:url') && fn === 'fileURLToPath') return args[0]?.k === 'str' ? { ...args[0], n: node } : unknown(node);
  if (ext.module === 'global') return globalCall(it, ext.path.join('.'), args, node);
  const { module, path: p } = normaliseExt(ext.module, ext.path);
  // `Stack.of(this)`: the stack that holds the construct; what is created in it (`new CfnOutput(Stack.of(this), …)`)
  // belongs to that stack.
  if (fn === 'of' && args[0]?.k === 'rec' && p.length >= 2 && categoryOf(module, p.slice(0, -1)) === 'stack') {
    for (let r: Rec | undefined = args[0].rec; r; r = r.parent) if (r.kind === 'stack') return { k: 'rec', rec: r, n: node };
  }
  // `Table.fromTableName(this, 'Users', name)`: a reference to a resource defined elsewhere.
  if (fn?.startsWith('from') && args[0]?.k === 'rec' && p.length >= 2) {
    const category = categoryOf(module, p.slice(0, -1));
    if (category) return importedConstruct(it, { module, path: p.slice(0, -1) }, category, args, node, fn);
  }
  runCallbacks(it, args, node);
  return { k: 'ext', module, path: p, args, n: node };
}

function pathCall(fn: string, args: readonly Value[], node: ts.Node): Value {
  const strs = args.map((a) => (a.k === 'str' ? a : undefined));
  if (strs.some((s) => s === undefined)) return unknown(node);
  const parts = strs as StrValue[];
  const ok = (v: string, abs: boolean): Value => {
    const clean = v === '.' ? '' : v.replace(/\/$/, '');
    if (abs && (clean === '..' || clean.startsWith('../'))) return unknown(node);
    return { k: 'str', v: clean, abs, n: node };
  };
  switch (fn) {
    case 'join':
      if (parts.length === 0) return unknown(node);
      return ok(posix.join(...parts.map((p) => p.v || '.')), parts[0].abs === true);
    case 'resolve': {
      let start = 0;
      parts.forEach((p, i) => {
        if (p.abs || p.v.startsWith('/')) start = i;
      });
      const rest = parts.slice(start);
      if (rest.length === 0) return unknown(node);
      if (rest[0].v.startsWith('/')) return unknown(node);
      return ok(posix.join(...rest.map((p) => p.v || '.')), rest[0].abs === true);
    }
    case 'dirname':
      return parts[0] ? ok(dirOf(parts[0].v), parts[0].abs === true) : unknown(node);
    case 'basename':
      return parts[0] ? { k: 'str', v: posix.basename(parts[0].v, parts[1]?.v), n: node } : unknown(node);
    case 'extname':
      return parts[0] ? { k: 'str', v: posix.extname(parts[0].v), n: node } : unknown(node);
    case 'normalize':
      return parts[0] ? ok(posix.normalize(parts[0].v), parts[0].abs === true) : unknown(node);
    default:
      return unknown(node);
  }
}

function globalCall(it: Interpreter, name: string, args: readonly Value[], node: ts.Node): Value {
  const a = args[0];
  switch (name) {
    case 'new URL': {
      const base = args[1];
      if (a?.k === 'str' && base?.k === 'str' && base.abs) return pathCall('join', [{ k: 'str', v: dirOf(base.v), abs: true }, a], node);
      return unknown(node);
    }
    case 'String':
      return stringOf(a) !== undefined ? { k: 'str', v: stringOf(a)!, n: node } : unknown(node);
    case 'Object.entries':
    case 'Object.keys':
    case 'Object.values': {
      if (a?.k !== 'obj' || a.open) return unknown(node);
      const entries = [...a.props.entries()];
      const items: Value[] = entries.map(([k, v]) =>
        name === 'Object.keys' ? { k: 'str', v: k } : name === 'Object.values' ? v : { k: 'arr', items: [{ k: 'str', v: k }, v], open: false },
      );
      return { k: 'arr', items, open: false, n: node };
    }
    case 'Object.assign': {
      if (a?.k !== 'obj') return unknown(node);
      for (const src of args.slice(1)) {
        if (src.k === 'obj') for (const [k, v] of src.props) a.props.set(k, v);
        else a.open = true;
      }
      return a;
    }
    case 'Object.fromEntries': {
      if (a?.k !== 'arr' || a.open) return unknown(node);
      const obj: ObjValue = { k: 'obj', props: new Map(), open: false, n: node };
      for (const pair of a.items) {
        const key = pair.k === 'arr' ? stringOf(pair.items[0]) : undefined;
        if (key === undefined || pair.k !== 'arr') obj.open = true;
        else obj.props.set(key, pair.items[1] ?? UNDEF);
      }
      return obj;
    }
    default:
      runCallbacks(it, args, node);
      return unknown(node);
  }
}

/** Methods of strings, arrays and object literals. */
export function builtinMethod(it: Interpreter, target: Value, name: string, args: readonly Value[], node: ts.Node): Value {
  if (target.k === 'str') return stringMethod(target, name, args, node);
  if (target.k === 'arr') return arrayMethod(it, target, name, args, node);
  runCallbacks(it, args, node);
  return unknown(node);
}

function stringMethod(s: StrValue, name: string, args: readonly Value[], node: ts.Node): Value {
  const nums = args.map((a) => (a.k === 'num' ? a.v : undefined));
  const strs = args.map(stringOf);
  const out = (v: string): Value => ({ k: 'str', v, n: node });
  switch (name) {
    case 'toUpperCase':
      return out(s.v.toUpperCase());
    case 'toLowerCase':
      return out(s.v.toLowerCase());
    case 'trim':
      return out(s.v.trim());
    case 'toString':
      return s;
    case 'charAt':
      return nums[0] !== undefined ? out(s.v.charAt(nums[0])) : unknown(node);
    case 'slice':
    case 'substring':
      if (args.some((_, i) => nums[i] === undefined)) return unknown(node);
      return out(name === 'slice' ? s.v.slice(nums[0], nums[1]) : s.v.substring(nums[0] ?? 0, nums[1]));
    case 'replace':
    case 'replaceAll': {
      // `.replace(/\/+/g, '/')`: a regex literal as written (run on our own short string, never on code).
      const re = args[0] && args[0].n && ts.isRegularExpressionLiteral(args[0].n) ? regexOf(args[0].n.text) : undefined;
      if (re && strs[1] !== undefined && !strs[1].includes('$')) return out(s.v.replace(re, strs[1]));
      if (strs[0] === undefined || strs[1] === undefined || args[0].k !== 'str') return unknown(node);
      return out(name === 'replace' ? s.v.replace(strs[0], strs[1]) : s.v.split(strs[0]).join(strs[1]));
    }
    case 'split':
      if (strs[0] === undefined) return unknown(node);
      return { k: 'arr', items: s.v.split(strs[0]).map((v) => ({ k: 'str', v })), open: false, n: node };
    case 'concat':
      return strs.every((x) => x !== undefined) ? out(s.v + strs.join('')) : unknown(node);
    case 'startsWith':
    case 'endsWith':
    case 'includes':
      return strs[0] === undefined ? unknown(node) : { k: 'bool', v: s.v[name](strs[0]), n: node };
    default:
      return unknown(node);
  }
}

function arrayMethod(it: Interpreter, arr: ArrValue, name: string, args: readonly Value[], node: ts.Node): Value {
  const cb = args[0]?.k === 'fn' ? args[0] : undefined;
  const items = arr.items.slice(0, MAX_ITEMS);
  const each = (item: Value, i: number): Value => {
    if (!cb) return unknown(node);
    const saved = it.row;
    it.row = item.k === 'obj' ? item.n : saved;
    try {
      return it.callback(cb, [item, { k: 'num', v: i }, arr]);
    } finally {
      it.row = saved;
    }
  };
  switch (name) {
    case 'forEach':
      items.forEach(each);
      if (arr.open && cb) it.withLoop(node, () => it.callback(cb, [unknown(node)]));
      return UNDEF;
    case 'map':
      return { k: 'arr', items: items.map(each), open: arr.open, n: node };
    case 'flatMap':
      return { k: 'arr', items: items.flatMap((item, i) => {
        const r = each(item, i);
        return r.k === 'arr' ? r.items : [r];
      }), open: arr.open, n: node };
    case 'filter':
      return { k: 'arr', items: items.filter((item, i) => truthy(each(item, i)) !== false), open: arr.open, n: node };
    case 'find':
      for (const [i, item] of items.entries()) {
        const t = truthy(each(item, i));
        if (t === true) return item;
        if (t === undefined) return unknown(node);
      }
      return arr.open ? unknown(node) : UNDEF;
    case 'join': {
      const sep = args[0] ? stringOf(args[0]) : ',';
      const parts = items.map(stringOf);
      return sep !== undefined && !arr.open && parts.every((p) => p !== undefined) ? { k: 'str', v: parts.join(sep), n: node } : unknown(node);
    }
    case 'push':
      arr.items.push(...args);
      return { k: 'num', v: arr.items.length, n: node };
    case 'concat': {
      const out: ArrValue = { k: 'arr', items: [...arr.items], open: arr.open, n: node };
      for (const a of args) {
        if (a.k === 'arr') {
          out.items.push(...a.items);
          out.open ||= a.open;
        } else out.items.push(a);
      }
      return out;
    }
    case 'slice':
      return { k: 'arr', items: arr.items.slice(...args.map((a) => (a.k === 'num' ? a.v : undefined))), open: arr.open, n: node };
    case 'reduce': {
      let acc: Value = args[1] ?? items[0] ?? UNDEF;
      if (!cb) return unknown(node);
      (args[1] ? items : items.slice(1)).forEach((item, i) => {
        acc = it.callback(cb, [acc, item, { k: 'num', v: i }, arr]);
      });
      return acc;
    }
    default:
      runCallbacks(it, args, node);
      return unknown(node);
  }
}

const regexes = new Map<string, RegExp | undefined>();

/** `/\/+/g` as written → a RegExp (one per literal text), or undefined when it does not compile. */
function regexOf(literal: string): RegExp | undefined {
  if (regexes.has(literal)) return regexes.get(literal);
  const end = literal.lastIndexOf('/');
  let re: RegExp | undefined;
  try {
    re = new RegExp(literal.slice(1, end), literal.slice(end + 1));
  } catch {
    re = undefined;
  }
  regexes.set(literal, re);
  return re;
}
