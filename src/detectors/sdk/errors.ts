/** Error classes of a package: every class that extends `Error` or, transitively, another error class of the package. */
import type { RepoIndex } from '../../scan/repo-index.js';
import { lineOf, ts } from '../../scan/ts.js';
import { docOf, summary } from './jsdoc.js';

export interface SdkError {
  readonly name: string;
  readonly extends: string;
  readonly file: string;
  readonly line: number;
  readonly doc?: string;
  /** Public fields it adds (`status`, `code`, `retryAfter`). */
  readonly fields: readonly string[];
}

const BUILTIN = /^(Error|TypeError|RangeError|SyntaxError|AggregateError|DOMException)$/;

export function errorClasses(index: RepoIndex, files: readonly string[]): SdkError[] {
  const classes: { name: string; base: string; node: ts.ClassDeclaration; sf: ts.SourceFile }[] = [];
  for (const file of files) {
    const text = index.read(file);
    if (!text || !/\bextends\s+\w*(Error|Exception)\b/.test(text)) continue;
    const sf = index.parse(file);
    if (!sf) continue;
    for (const st of sf.statements) {
      if (!ts.isClassDeclaration(st) || !st.name) continue;
      const base = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(sf);
      if (base) classes.push({ name: st.name.text, base, node: st, sf });
    }
  }
  const errors = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of classes) {
      if (!errors.has(c.name) && (BUILTIN.test(c.base) || errors.has(c.base))) {
        errors.add(c.name);
        changed = true;
      }
    }
  }
  return classes
    .filter((c) => errors.has(c.name))
    .map((c) => ({
      name: c.name,
      extends: c.base,
      file: c.sf.fileName,
      line: lineOf(c.node, c.sf),
      doc: summary(docOf(c.node, c.sf)),
      fields: fieldsOf(c.node, c.sf),
    }));
}

function fieldsOf(node: ts.ClassDeclaration, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const m of node.members) {
    const mods = ts.canHaveModifiers(m) ? ts.getModifiers(m) ?? [] : [];
    if (mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name)) out.push(m.name.text);
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const pm = ts.getModifiers(p) ?? [];
        if (pm.some((x) => x.kind === ts.SyntaxKind.PublicKeyword || x.kind === ts.SyntaxKind.ReadonlyKeyword) && ts.isIdentifier(p.name)) out.push(p.name.getText(sf));
      }
    }
  }
  return out.filter((f) => f !== 'name' && f !== 'message');
}
