/**
 * A schema member whose value is a constant: `NODE_ENV: nodeEnv` with `export const nodeEnv =
 * z.enum([…]).default('development')` in the same file or another module. The member's text says nothing of a default,
 * so the key looked required; the constant's definition decides (a default or `.optional()` is a fallback).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts, walk } from '../../scan/ts.js';
import { constantsOf, importsOf, propertyNameText } from '../shared/ast.js';
import { findDefinition } from '../shared/definitions.js';
import { moduleResolver } from '../shared/resolve-module.js';
import type { RawRead } from './raw-reads.js';

const DEFAULT = /\.(default|prefault)\(/;
const FALLBACK = /\.(default|optional|prefault|catch|nullish)\(|\b(optional|nullish)\(/;

/** The reads a schema requires whose member is a constant: each with the constant's verdict (others as they are). */
export function valueRefVerdicts(index: RepoIndex, file: string, reads: readonly RawRead[]): RawRead[] {
  const open = reads.filter((r) => r.via === 'schema' && r.required === 'schema' && !r.fallback);
  if (open.length === 0) return [...reads];
  const sf = index.parse(file);
  if (!sf) return [...reads];
  const members = new Map<string, ts.Identifier>();
  walk(sf, (n) => {
    if (!ts.isPropertyAssignment(n)) return;
    const value = rootOf(n.initializer);
    const name = propertyNameText(n.name);
    if (value && name) members.set(`${name} ${lineOf(n, sf)}`, value);
  });
  return reads.map((r) => {
    const id = open.includes(r) ? members.get(`${r.name} ${r.line}`) : undefined;
    const found = id ? definitionText(index, file, sf, id.text) : undefined;
    if (!found || !FALLBACK.test(found.text)) return r;
    const { required: _, ...rest } = r;
    return { ...rest, fallback: true, ...(DEFAULT.test(found.text) ? { defaultAt: { ...(found.file === file ? {} : { file: found.file }), line: found.line } } : {}) };
  });
}

/** `nodeEnv` or `nodeEnv.describe('…')`: the identifier a member's value starts from, when it is not a call of one. */
function rootOf(e: ts.Expression): ts.Identifier | undefined {
  let x = e;
  while (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) x = x.expression.expression;
  return ts.isIdentifier(x) ? x : undefined;
}

/** The text of the constant a name is: this file's, or the definition its import names. */
function definitionText(index: RepoIndex, file: string, sf: ts.SourceFile, name: string): { file: string; line: number; text: string } | undefined {
  const local = constantsOf(sf).get(name);
  if (local) return { file, line: lineOf(local, sf), text: local.getText(sf) };
  const binding = importsOf(sf).get(name);
  const target = binding && binding.imported !== '*' ? moduleResolver(index).resolve(file, binding.module) : undefined;
  const at = binding && target ? findDefinition(index, { file: target, name: binding.imported }) : undefined;
  const home = at?.line !== undefined ? index.parse(at.file) : undefined;
  if (!at || !home) return undefined;
  for (const st of home.statements) {
    if (!ts.isVariableStatement(st) || lineOf(st, home) !== at.line) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === binding!.imported && d.initializer) return { file: at.file, line: at.line, text: d.initializer.getText(home) };
    }
  }
  return undefined;
}
