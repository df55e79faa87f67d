/** Which exported classes are the SDK's clients, and the resource classes reachable from them (`client.buckets`). */
import type { RepoIndex } from '../../scan/repo-index.js';
import type { WorkspacePackage } from '../../scan/package-json.js';
import { ts } from '../../scan/ts.js';
import { findClass, readClass, type ClassInfo, type SdkMethod } from './classes.js';
import type { ExportedSymbol } from './exports.js';
import { readOptions, type SdkOptions } from './options.js';

export interface SdkClient {
  readonly package: string;
  readonly className: string;
  /** How user code reaches it: `client` for a root client, `client.buckets` for a resource. */
  readonly accessor: string;
  readonly file: string;
  readonly line: number;
  readonly doc?: string;
  readonly extendsName?: string;
  /** Constructor options (root clients). */
  readonly options?: SdkOptions;
  readonly methods: readonly SdkMethod[];
  readonly resources: readonly { readonly property: string; readonly className: string }[];
}

const CLIENT_NAME = /(Client|SDK|Sdk|Api|API)$/;
const TRANSPORT_NAME = /^(Http|Fetch|Rest|Base|Core|Abstract|Internal)\w*(Client|Api|API|Transport)$/;
const ERROR_BASE = /(Error|Exception)$/;

export function readClients(index: RepoIndex, pkg: WorkspacePackage, symbols: readonly ExportedSymbol[]): SdkClient[] {
  const classes = symbols.filter(
    (s): s is ExportedSymbol & { node: ts.ClassDeclaration } =>
      s.kind === 'class' && ts.isClassDeclaration(s.node) && !ERROR_BASE.test(s.name) && !ERROR_BASE.test(baseOf(s.node) ?? ''),
  );
  const unique = [...new Map(classes.map((c) => [`${c.file}:${c.line}`, c])).values()];
  let roots = unique.filter((c) => CLIENT_NAME.test(c.name) && !TRANSPORT_NAME.test(c.name));
  if (roots.length === 0) roots = unique.filter((c) => CLIENT_NAME.test(c.name));
  const infos = new Map<string, ClassInfo>();
  const info = (c: { node: ts.ClassDeclaration; sf: ts.SourceFile }) => {
    const key = `${c.sf.fileName}:${c.node.pos}`;
    let found = infos.get(key);
    if (!found) {
      found = readClass(index, c.node, c.sf);
      infos.set(key, found);
    }
    return found;
  };
  if (roots.length === 0) {
    // No class is named like a client: the class named after the package (`resend` → `Resend`), a hub holding
    // resources (`this.emails = new Emails(this)`), or classes whose public methods call HTTP endpoints.
    roots = unique.filter((c) => c.name.toLowerCase() === bareName(pkg));
    if (roots.length === 0) roots = unique.filter((c) => info(c).resources.length >= 2);
    if (roots.length === 0) roots = unique.filter((c) => info(c).methods.some((m) => m.endpoints.length > 0));
  }
  const out: SdkClient[] = [];
  const seen = new Set<string>();
  const visit = (cls: ClassInfo, accessor: string, depth: number, options?: SdkOptions) => {
    if (seen.has(`${cls.file}:${cls.name}`) || depth > 2) return;
    seen.add(`${cls.file}:${cls.name}`);
    out.push({
      package: pkg.name,
      className: cls.name,
      accessor,
      file: cls.file,
      line: cls.line,
      doc: cls.doc,
      extendsName: cls.extendsName,
      options,
      methods: cls.methods,
      resources: cls.resources.map((r) => ({ property: r.property, className: r.className })),
    });
    for (const r of cls.resources) {
      const found = r.file ? findClass(index, r.file, r.className) : undefined;
      if (found) visit(info(found), `${accessor}.${r.property}`, depth + 1);
    }
  };
  for (const root of roots.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    visit(info(root), 'client', 0, readOptions(index, root.node, root.sf, root.name));
  }
  return out;
}

/** A client class by its name: `*Client`/`*SDK`/`*Api` (not a transport), or the package's own name (`inngest` → `Inngest`). */
export function isProductClient(pkg: WorkspacePackage, className: string): boolean {
  if (CLIENT_NAME.test(className) && !TRANSPORT_NAME.test(className)) return true;
  return className.toLowerCase() === bareName(pkg);
}

function bareName(pkg: WorkspacePackage): string {
  const name = typeof pkg.manifest.name === 'string' && pkg.manifest.name ? pkg.manifest.name : pkg.name;
  return name.replace(/^@[^/]+\//, '').replace(/[^a-z0-9]/gi, '').toLowerCase();
}

function baseOf(node: ts.ClassDeclaration): string | undefined {
  return node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText();
}
