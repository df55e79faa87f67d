/**
 * `new CloudFrontToS3(this, 'Site', props)` and other constructs of well-known libraries: the construct is recorded,
 * then each resource its catalogue entry says it creates becomes a record of its own (a child of the construct), with
 * props from the library props that configure it and from the library's own wiring, so the table, function, API or
 * distribution shows in every section like one written by hand. The attribute (`site.cloudFrontWebDistribution`)
 * holds it, so code that uses it (`api.root.addResource`) resolves too.
 */
import type { ts } from '../../scan/ts.js';
import { categoryOf } from './catalogue.js';
import { createConstruct, genericConstruct } from './constructs.js';
import type { Interpreter } from './interpreter.js';
import type { LibraryConstruct, LibraryPart, Wire } from './library-catalogue.js';
import type { Rec } from './records.js';
import { prop, type ObjValue, type Value } from './values.js';

interface ClassRef {
  readonly module: string;
  readonly path: readonly string[];
}

export function createLibraryConstruct(it: Interpreter, cls: ClassRef, entry: LibraryConstruct, args: readonly Value[], node: ts.Node): Value {
  const value = genericConstruct(it, cls, args, node);
  if (value.k !== 'rec') return value;
  const rec = value.rec;
  rec.library = entry;
  createParts(it, rec, entry.parts, rec.props, node);
  const part = (field: string) => rec.fields.get(field);
  const extra = (target: Value | undefined, key: string, values: (Value | undefined)[]) => {
    if (target?.k === 'rec') it.model.extra(target.rec, key, { values, node, frame: it.frame, conditions: [...it.conditions] });
  };
  for (const e of entry.env ?? []) {
    const owner = part(e.part);
    const name = prop(rec.props, e.nameProp ?? '') ?? { k: 'str', v: e.name };
    if (owner?.k === 'rec') extra(part(e.lambda), 'env', [name, { k: 'attr', of: owner.rec, name: e.attribute }]);
  }
  for (const g of entry.grants ?? []) {
    const resource = part(g.resource);
    const grantee = part(g.grantee);
    if (resource && grantee) it.model.grants.push({ method: g.method, resource, grantee, node, frame: it.frame });
  }
  for (const t of entry.triggers ?? []) {
    const from = part(t.from);
    const detail = t.detail && from?.k === 'rec' ? prop(from.rec.props, t.detail) : undefined;
    extra(part(t.to), 'invokedBy', [{ k: 'str', v: t.kind }, from, detail]);
  }
  return value;
}

/**
 * A method of a library construct: one that creates more resources (`spa.createSiteWithCloudfront({...})`, returning
 * them as an object), or one that returns Lambda container code built from the construct's Dockerfile.
 */
export function libraryMethod(it: Interpreter, rec: Rec, name: string, args: readonly Value[], node: ts.Node): Value | undefined {
  const entry = rec.library;
  const parts = entry?.methods?.[name];
  if (parts) {
    createParts(it, rec, parts, args[0], node);
    const out: ObjValue = { k: 'obj', props: new Map(), open: false, n: node };
    for (const p of parts) {
      const v = rec.fields.get(p.field);
      if (v) out.props.set(p.field, v);
    }
    return out;
  }
  const image = entry?.imageCode;
  if (image?.methods.includes(name)) {
    const options: ObjValue = { k: 'obj', props: new Map(), open: false };
    const file = image.file ? prop(rec.props, image.file) : undefined;
    if (file) options.props.set('file', file);
    const directory = prop(rec.props, image.directory);
    return { k: 'ext', module: 'aws-cdk-lib/aws-lambda', path: ['DockerImageCode', 'fromImageAsset'], args: directory ? [directory, options] : [], n: node };
  }
  return undefined;
}

function createParts(it: Interpreter, owner: Rec, parts: readonly LibraryPart[], props: Value | undefined, node: ts.Node): void {
  for (const part of parts) {
    const existing = (part.existing ?? []).map((p) => prop(props, p)).find((v) => v !== undefined && v.k !== 'undef');
    if (existing) {
      owner.fields.set(part.field, existing);
      continue;
    }
    const wired = part.wire ? wire({ obj: part.wire }, owner, props) : undefined;
    const merged = merge([...(part.props ?? []).map((p) => prop(props, p)), wired]);
    const module = `aws-cdk-lib/aws-${part.service}`;
    const cls = { module, path: [part.className] };
    const category = categoryOf(module, cls.path);
    const args: Value[] = [{ k: 'rec', rec: owner }, { k: 'str', v: part.id ?? capitalised(part.field) }, merged];
    const value = category ? createConstruct(it, cls, category, args, node) : genericConstruct(it, cls, args, node);
    if (value.k === 'rec') {
      value.rec.createdBy = owner;
      value.rec.variable = owner.variable ? `${owner.variable}.${part.field}` : undefined;
      if (part.code) value.rec.libraryCode = { value: prop(props, part.code.prop), note: part.code.note };
      else if (part.libraryCode) value.rec.libraryCode = { note: part.libraryCode };
    }
    owner.fields.set(part.field, value);
  }
}

function wire(w: Wire, owner: Rec, props: Value | undefined): Value | undefined {
  if ('part' in w) return owner.fields.get(w.part);
  if ('prop' in w) return prop(props, w.prop);
  if ('str' in w) return { k: 'str', v: w.str };
  if ('bool' in w) return { k: 'bool', v: w.bool };
  if ('ext' in w) {
    const arg = wire(w.arg, owner, props);
    return { k: 'ext', module: w.module, path: w.ext.split('.'), args: arg ? [arg] : [] };
  }
  if ('list' in w) return { k: 'arr', items: w.list.map((x) => wire(x, owner, props)).filter((v): v is Value => v !== undefined), open: false };
  const obj: ObjValue = { k: 'obj', props: new Map(), open: false };
  for (const [key, x] of Object.entries(w.obj)) {
    const v = wire(x, owner, props);
    if (v) obj.props.set(key, v);
  }
  return obj;
}

/** Object props merged in order, nested objects merged too, keeping where each property is written. */
function merge(values: readonly (Value | undefined)[]): Value {
  const out: ObjValue = { k: 'obj', props: new Map(), open: false, nodes: new Map() };
  for (const v of values) {
    if (!v || v.k === 'undef') continue;
    if (v.k !== 'obj') {
      out.open = true;
      continue;
    }
    if (!out.n && v.n) (out as { n?: ts.Node }).n = v.n;
    out.open ||= v.open;
    for (const [key, pv] of v.props) {
      const prev = out.props.get(key);
      out.props.set(key, prev?.k === 'obj' && pv.k === 'obj' ? merge([prev, pv]) : pv);
      const at = v.nodes?.get(key);
      if (at) out.nodes!.set(key, at);
    }
  }
  return out;
}

function capitalised(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}
