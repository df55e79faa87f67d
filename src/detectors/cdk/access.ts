/** Property reads on evaluator values: object literals, instance fields, construct attributes, package members. */
import { ts } from '../../scan/ts.js';
import { normaliseExt } from './catalogue.js';
import { findMember } from './classes.js';
import { evaluate } from './evaluate.js';
import type { Interpreter } from './interpreter.js';
import { UNDEF, unknown, type Value } from './values.js';

export function getProp(it: Interpreter, value: Value, name: string, node: ts.Node): Value {
  switch (value.k) {
    case 'obj': {
      const v = value.props.get(name);
      if (v) return v;
      return value.open ? unknown(node) : UNDEF;
    }
    case 'arr':
      if (name === 'length' && !value.open) return { k: 'num', v: value.items.length, n: node };
      if (/^\d+$/.test(name)) return value.items[Number(name)] ?? (value.open ? unknown(node) : UNDEF);
      return unknown(node);
    case 'str':
      return name === 'length' ? { k: 'num', v: value.v.length, n: node } : unknown(node);
    case 'rec': {
      const field = value.rec.fields.get(name);
      if (field) return field;
      if (value.rec.decl) {
        const member = findMember(it, value.rec.decl, name, false);
        if (member && ts.isGetAccessorDeclaration(member.node)) {
          return it.call({ k: 'fn', fn: member.node, env: it.moduleEnv(member.file), name, self: value }, [], undefined, value);
        }
      }
      if (name === 'root' && value.rec.category === 'api') {
        return { k: 'res', api: value.rec, segs: [], resolved: true, inherited: [], n: node, ...(value.importedBy ? { importedBy: value.importedBy } : {}) };
      }
      return { k: 'attr', of: value.rec, name, n: node };
    }
    case 'ext': {
      if (value.args !== undefined) return unknown(node);
      if (value.module.startsWith('file:')) {
        const file = value.module.slice('file:'.length);
        const target = it.program.resolveExport(file, name, 0);
        if (target?.kind === 'decl') {
          const info = it.program.module(target.file);
          return (info && it.topValue(info, target.name)) ?? unknown(node);
        }
        return unknown(node);
      }
      if (value.module === 'process' && value.path.length === 1 && value.path[0] === 'env') {
        it.model.envReads.push({ name, node });
        return unknown(node);
      }
      const { module, path } = normaliseExt(value.module, [...value.path, name]);
      return { k: 'ext', module, path, n: node };
    }
    case 'class': {
      const member = findMember(it, value.decl, name, true);
      if (!member) return unknown(node);
      if (ts.isPropertyDeclaration(member.node)) {
        return member.node.initializer ? evaluate(it, member.node.initializer, it.moduleEnv(member.file)) : UNDEF;
      }
      return { k: 'fn', fn: member.node, env: it.moduleEnv(member.file), name: `${value.decl.name?.text ?? 'class'}.${name}`, n: node };
    }
    case 'res':
      if (name === 'path') return { k: 'str', v: `/${value.segs.join('/')}`, n: node };
      return unknown(node);
    default:
      return unknown(node);
  }
}
