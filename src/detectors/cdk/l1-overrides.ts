/**
 * Properties set through the L1 escape hatch after the L2 construct is built:
 * `const cfn = userPool.node.defaultChild as CfnUserPool; cfn.schema = [{ name: 'groups', … }]`. The L2 props do not
 * show them, so a reader of the props alone would say "no custom attributes" of a pool that has one. Text only.
 */
import type { Citation } from '../../facts.js';
import type { Rec } from './records.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `property` is assigned on the L1 resource of `rec` (a `Cfn<cfnClass>`), with the literal `name:`s it lists. */
export function l1Assignment(rec: Rec, cfnClass: string, property: string): { at: Citation; names: string[] } | undefined {
  const sf = rec.node.getSourceFile();
  const text = sf.text;
  if (!text.includes('defaultChild')) return undefined;
  // The pool's variable (`userPool`, `this.pool`) when known; else any construct's, when the file has one such cast.
  const owner = rec.variable ? escape(rec.variable) : '[\\w$.]+';
  const cast = `${owner}\\.node\\.defaultChild\\s+as\\s+(?:[\\w$]+\\.)?${cfnClass}\\b`;
  const holders = [...text.matchAll(new RegExp(`(?:const|let|var)\\s+([\\w$]+)(?:\\s*:\\s*[\\w$.]+)?\\s*=\\s*\\(?\\s*${cast}`, 'g'))].map((m) => escape(m[1]));
  const targets = [`\\(\\s*${cast}\\s*\\)`, ...holders];
  const assign = new RegExp(`(?:${targets.join('|')})\\.${property}\\s*=`, 'g');
  const m = assign.exec(text);
  if (!m) return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  // Literal names in the assigned array, up to its first `];` (a name held in a variable stays unnamed).
  const end = text.indexOf('];', m.index);
  const body = text.slice(m.index, end === -1 ? m.index + 2000 : end);
  const names = [...body.matchAll(/\bname\s*:\s*["'`]([\w:-]+)["'`]/g)].map((n) => n[1]);
  return { at: { file: sf.fileName, line }, names };
}
